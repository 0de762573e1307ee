using Audit.Data;
using Audit.Models;
using Audit.Models.MLNet;

namespace Audit.Tests.Models.MlNet;

/// <summary>
/// The structure read from ML.NET models reproduces ML.NET's own outputs: the trees evaluated by hand
/// (<see cref="RegressionTree.Evaluate"/> + bias + link), the linear terms summed (intercept + contributions).
/// </summary>
[Collection(MlNetTestModels.Collection)]
public sealed class MlNetStructureTests(MlNetTestModels models, ITestOutputHelper output)
{
    public const double Tolerance = 1e-5;

    [Theory]
    [InlineData("fasttree")]
    [InlineData("lightgbm")]
    public void TreesEvaluatedByHandGiveTheModelsProbability(string name)
    {
        var model = MlNetTestModels.Load(models.Path(name));
        var trees = Assert.IsAssignableFrom<ITreeEnsemble>(model);
        Assert.Equal("logistic", trees.Link);
        Assert.Equal(["income", "age", "months"], trees.TreeFeatures);

        var difference = MaxDifference(model.Score(models.Table), ByHand(trees, models.Table));
        output.WriteLine($"{name}: {trees.Trees.Count} trees, max |logistic(bias + sum of trees) - probability| = {difference:R}");
        Assert.True(difference < Tolerance, $"{name}: {difference}");
    }

    [Fact]
    public void WithTheRawScoreTheTreesAreMlNetsOwnLeaves()
    {
        var model = MlNetTestModels.Load(models.FastTree, output: "score");
        var trees = Assert.IsAssignableFrom<ITreeEnsemble>(model);
        Assert.Equal("identity", trees.Link);
        Assert.Equal(0, trees.Bias);

        var difference = MaxDifference(model.Score(models.Table), ByHand(trees, models.Table));
        Assert.True(difference < Tolerance, difference.ToString("R"));
    }

    [Theory]
    [InlineData("fasttree")]
    [InlineData("lightgbm")]
    public void ValuesAtAndBesideEachThresholdGoWhereMlNetSendsThem(string name)
    {
        // Every threshold t of every tree, as the double of t and the doubles just below and above it, and values
        // that round to t in single precision; a missing value too. Each row varies one feature, the others typical.
        var model = MlNetTestModels.Load(models.Path(name));
        var trees = (ITreeEnsemble)model;
        var mlTrees = MlNetTestModels.Load(models.Path(name), output: "score");
        var columns = trees.TreeFeatures.Select(_ => new List<double>()).ToArray();
        var typical = new[] { 1800.0, 45, 100 };
        foreach (var tree in ((ITreeEnsemble)mlTrees).Trees)
        {
            for (var node = 0; node < tree.SplitFeature.Length; node++)
            {
                var feature = tree.SplitFeature[node];
                var t = (float)tree.Threshold[node];
                foreach (var x in new[] { (double)t, Math.BitDecrement(t), Math.BitIncrement((double)t), tree.Threshold[node], Math.BitIncrement(tree.Threshold[node]), double.NaN })
                {
                    for (var f = 0; f < columns.Length; f++)
                    {
                        columns[f].Add(f == feature ? x : typical[f]);
                    }
                }
            }
        }
        var table = new Table(trees.TreeFeatures.Select((n, f) => (Column)new NumericColumn(n, [.. columns[f]])));

        var difference = MaxDifference(model.Score(table), ByHand(trees, table));
        output.WriteLine($"{name}: {table.RowCount} rows at thresholds, max difference {difference:R}");
        Assert.True(difference < Tolerance, difference.ToString("R"));
    }

    [Fact]
    public void LinearTermsAddUpToTheModelsLogOdds()
    {
        var model = MlNetTestModels.Load(models.Linear);
        var additive = Assert.IsAssignableFrom<IAdditiveModel>(model);
        Assert.Equal("log-odds", additive.ExplanationSpace);
        Assert.Equal(["income", "age"], model.Features.Select(f => f.Name));

        var scores = model.Score(models.Table);
        var terms = new double[model.Features.Count];
        var difference = 0.0;
        for (var row = 0; row < models.Table.RowCount; row++)
        {
            additive.Contributions(models.Table, row, terms);
            var p = 1 / (1 + Math.Exp(-(additive.Intercept + terms.Sum())));
            difference = Math.Max(difference, Math.Abs(p - scores[row]));
        }
        output.WriteLine($"linear: max |logistic(intercept + sum of terms) - probability| = {difference:R}");
        Assert.True(difference < Tolerance, difference.ToString("R"));
    }

    [Fact]
    public void AFeatureVectorBuiltByOneHotEncodingClaimsNoStructure()
    {
        var model = MlNetTestModels.Load(models.OneHot);
        Assert.IsNotAssignableFrom<ITreeEnsemble>(model);
        Assert.IsNotAssignableFrom<IAdditiveModel>(model);
        Assert.Contains(model.Features, f => f.Name == "region" && f.Type == ColumnType.Categorical);
    }

    [Fact]
    public void AVectorInputsTreesIndexThePlansColumns()
    {
        var model = MlNetTestModels.Load(models.Vector, features: ["income", "age", "months"]);
        var trees = Assert.IsAssignableFrom<ITreeEnsemble>(model);
        Assert.Equal(["income", "age", "months"], trees.TreeFeatures);
        Assert.True(MaxDifference(model.Score(models.Table), ByHand(trees, models.Table)) < Tolerance);
    }

    [Fact]
    public void ThresholdsInDoubleSendEveryValueWhereSinglePrecisionDoes()
    {
        var random = new Random(3);
        for (var i = 0; i < 20_000; i++)
        {
            var t = i switch
            {
                0 => 0f,
                1 => -0f,
                2 => float.MaxValue,
                3 => float.MinValue,
                4 => float.Epsilon,
                _ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 8))),
            };
            var d = SinglePrecision.LargestDoubleAtMost(t);
            Assert.True((float)d <= t, $"t = {t:R}");
            Assert.False((float)Math.BitIncrement(d) <= t, $"t = {t:R}");
            var x = (double)t + (random.NextDouble() - 0.5) * Math.Abs((double)t - MathF.BitDecrement(t)) * 2;
            Assert.Equal((float)x <= t, x <= d);
        }
    }

    /// <summary>logistic or identity of (Bias + Σ trees), each tree evaluated on the row's tree features.</summary>
    private static double[] ByHand(ITreeEnsemble trees, Table table)
    {
        var columns = trees.TreeFeatures.Select(n => (NumericColumn)table[n]).ToArray();
        var features = new double[columns.Length];
        var result = new double[table.RowCount];
        for (var row = 0; row < result.Length; row++)
        {
            for (var f = 0; f < columns.Length; f++)
            {
                features[f] = columns[f][row];
            }
            var margin = trees.Bias + trees.Trees.Sum(t => t.Evaluate(features));
            result[row] = trees.Link == "logistic" ? 1 / (1 + Math.Exp(-margin)) : margin;
        }
        return result;
    }

    private static double MaxDifference(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
}
