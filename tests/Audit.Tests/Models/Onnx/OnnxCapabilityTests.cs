using Audit.Data;
using Audit.Models;
using Audit.Models.Onnx;

namespace Audit.Tests.Models.Onnx;

/// <summary>The structure read from ONNX nodes reproduces what ONNX Runtime computes.</summary>
public sealed class OnnxCapabilityTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData("tree.onnx", 3, "logistic")]
    [InlineData("tree-tensor.onnx", 3, "logistic")]
    [InlineData("forest.onnx", 2, "identity")]
    public void TreesEvaluatedByHandReproduceTheModelsProbabilities(string file, int trees, string link)
    {
        using var model = OnnxFixtures.Load(file);
        var ensemble = Assert.IsAssignableFrom<ITreeEnsemble>(model);
        Assert.Equal(trees, ensemble.Trees.Count);
        Assert.Equal(link, ensemble.Link);
        Assert.Equal(OnnxFixtures.Features, ensemble.TreeFeatures);
        var table = OnnxFixtures.Expected(file);
        var scores = model.Score(table);

        var columns = ensemble.TreeFeatures.Select(name => ((NumericColumn)table[name]).Values.ToArray()).ToArray();
        var row = new double[columns.Length];
        var worst = 0.0;
        for (var i = 0; i < table.RowCount; i++)
        {
            for (var j = 0; j < columns.Length; j++)
            {
                row[j] = columns[j][i];
            }
            var margin = ensemble.Bias;
            foreach (var tree in ensemble.Trees)
            {
                margin += tree.Evaluate(row);
            }
            var p = ensemble.Link == "logistic" ? 1 / (1 + Math.Exp(-margin)) : margin;
            worst = Math.Max(worst, Math.Abs(p - scores[i]));
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"{file}: hand evaluation of {ensemble.Trees.Count} trees, largest difference {worst:G3}");
        Assert.True(worst <= Tolerance, $"largest difference {worst:G3}");
    }

    [Fact]
    public void TheBoostedTreesAreReadWithTheirBaseValueAndMissingValueSides()
    {
        using var model = OnnxFixtures.Load("tree-tensor.onnx");
        var ensemble = (ITreeEnsemble)model;
        Assert.Equal((double)-0.2f, ensemble.Bias);
        // Tree 1's root splits months_on_benefit ≤ 24 and sends a missing value to its true (left) side.
        var tree = ensemble.Trees[1];
        Assert.Equal(2, tree.SplitFeature[0]);
        Assert.True(tree.MissingGoesLeft[0]);
        Assert.Equal(0.5, tree.Evaluate([100, 0, double.NaN, 0]), 6);
        Assert.Contains("3 trees", model.StructureNote);
    }

    [Fact]
    public void AFloatSplitIsTheSameSplitOnTheDatasDoubles()
    {
        // 1200.00001 > 1200, yet ONNX Runtime sees (float)1200.00001 = 1200 and takes the ≤ 1200 side; so does the tree.
        using var model = OnnxFixtures.Load("tree-tensor.onnx");
        var root = ((ITreeEnsemble)model).Trees[0];
        Assert.True(1200.00001 <= root.Threshold[0]);
        Assert.True(1200.0002 > root.Threshold[0]);
        Assert.Equal((double)0.8f, root.Evaluate([1200.00001, 35, 0, 0]));
        Assert.Equal((double)0.8f, root.Evaluate([1200, 35, 0, 0]));
    }

    [Fact]
    public void TheLinearClassifierIsAdditiveInLogOdds()
    {
        using var model = OnnxFixtures.Load("linear.onnx");
        var additive = Assert.IsAssignableFrom<IAdditiveModel>(model);
        Assert.Equal("log-odds", additive.ExplanationSpace);
        Assert.Equal((double)0.9f, additive.Intercept);
        var table = OnnxFixtures.Expected("linear.onnx");
        var scores = model.Score(table);
        var contributions = new double[model.Features.Count];
        var worst = 0.0;
        for (var i = 0; i < table.RowCount; i++)
        {
            additive.Contributions(table, i, contributions);
            var p = 1 / (1 + Math.Exp(-(additive.Intercept + contributions.Sum())));
            worst = Math.Max(worst, Math.Abs(p - scores[i]));
        }
        Assert.True(worst <= Tolerance, $"largest difference {worst:G3}");
    }
}
