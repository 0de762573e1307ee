using Audit.Explain;
using Audit.Models;
using Audit.Tests.Models.MlNet;
using Audit.Tests.Models.Onnx;

namespace Audit.Tests.Explain;

/// <summary>TreeSHAP through the one entry point, on real ML.NET and ONNX tree models: additivity to 1e-6 on the margin.</summary>
[Collection(MlNetTestModels.Collection)]
public sealed class TreeAttributionTests(MlNetTestModels models, ITestOutputHelper output)
{
    [Theory]
    [InlineData("fasttree")]
    [InlineData("lightgbm")]
    public void MlNetTreeAttributionsAddUpToTheMargin(string name)
    {
        var model = MlNetTestModels.Load(models.Path(name));
        var explainer = LocalExplainer.For(model, models.Table, new ExplanationOptions { BackgroundRows = 50 });
        Assert.Contains("TreeSHAP", explainer.Method);
        Assert.Equal("log-odds (raw margin)", explainer.ExplanationSpace);
        var rows = Enumerable.Range(0, 300).ToArray();
        var set = explainer.Explain(rows);
        var scores = model.Score(models.Table);
        var largest = rows.Max(i => Math.Abs(1 / (1 + Math.Exp(-set.Value(i))) - scores[i]));
        output.WriteLine($"{name}: additivity {set.MaxAdditivityError:R}; |logistic(value) - probability| ≤ {largest:R}");
        Assert.True(set.MaxAdditivityError < 1e-6);
        Assert.True(largest < 1e-5);
    }

    [Fact]
    public void AnMlNetModelWithoutReadableStructureIsExplainedByEnumeration()
    {
        // One-hot encoding hides the trees' inputs, so the model is a black box of 4 inputs: every coalition is scored.
        var model = MlNetTestModels.Load(models.OneHot);
        var explainer = LocalExplainer.For(model, models.Table, new ExplanationOptions { BackgroundRows = 10 });
        Assert.Contains("enumerating", explainer.Method);
        Assert.Equal("probability", explainer.ExplanationSpace);
        var rows = Enumerable.Range(0, 5).ToArray();
        var set = explainer.Explain(rows);
        var scores = model.Score(models.Table);
        Assert.All(rows, i => Assert.Equal(scores[i], set.Value(i), 9));
        Assert.True(set.MaxAdditivityError < 1e-9);
        Assert.Contains(Enumerable.Range(0, set.Features.Count), j => set.Contribution(0, j) != 0);
    }

    [Theory]
    [InlineData("tree.onnx")]
    [InlineData("forest.onnx")]
    [InlineData("tree-tensor.onnx")]
    public void OnnxTreeAttributionsAddUp(string file)
    {
        using var model = OnnxFixtures.Load(file);
        Assert.IsAssignableFrom<ITreeEnsemble>(model);
        var table = OnnxFixtures.Expected(file);
        var set = LocalExplainer.For(model, table, new ExplanationOptions { BackgroundRows = 40 }).Explain(Enumerable.Range(0, table.RowCount).ToArray());
        output.WriteLine($"{file}: {set.Count} rows, additivity {set.MaxAdditivityError:R}");
        Assert.True(set.MaxAdditivityError < 1e-6);
    }
}
