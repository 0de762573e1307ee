using Audit.Models.Onnx;

namespace Audit.Tests.Models.Onnx;

/// <summary>Which tree-ensemble nodes are read as trees, and how (one stump: feature 0 ≤ 0.5 → leaf 1, else leaf 2).</summary>
public sealed class TreeEnsembleReaderTests
{
    [Fact]
    public void SoftmaxOfTwoClassesIsALogisticOfTheWeightDifference()
    {
        var node = Stump("SOFTMAX", base0: 0.25f);
        var parts = TreeEnsembleReader.Read(node, positiveColumn: 1, featureCount: 1, doubleInput: false, out _)!;
        Assert.Equal("logistic", parts.Link);
        Assert.Equal(-0.25, parts.Bias);
        // Leaf 1 weighs class 0 by 0.2 and class 1 by 0.8; leaf 2 by 0.6 and 0.4.
        Assert.Equal(0.8f - 0.2f, parts.Trees[0].Evaluate([0.0]), 6);
        Assert.Equal(0.4f - 0.6f, parts.Trees[0].Evaluate([1.0]), 6);
    }

    [Fact]
    public void GreaterThanSplitsAreNotRead()
    {
        var node = Stump("LOGISTIC", mode: "BRANCH_GT");
        Assert.Null(TreeEnsembleReader.Read(node, 1, 1, false, out var note));
        Assert.Contains("BRANCH_GT", note);
    }

    [Fact]
    public void TwoBaseValuesAreNotRead()
    {
        var node = Stump("NONE", base0: 0.1f, base1: 0.2f);
        Assert.Null(TreeEnsembleReader.Read(node, 1, 1, false, out var note));
        Assert.Contains("2 base values", note);
    }

    [Fact]
    public void ASplitOnAFeatureBeyondTheInputIsNotRead()
    {
        var node = Stump("NONE");
        Assert.Null(TreeEnsembleReader.Read(node, 1, 0, false, out var note));
        Assert.Contains("splits on feature 0", note);
    }

    /// <summary>A TreeEnsembleClassifier of one stump whose two leaves weigh both classes.</summary>
    private static OnnxNode Stump(string post, string mode = "BRANCH_LEQ", float? base0 = null, float? base1 = null)
    {
        var attributes = new List<OnnxAttribute>
        {
            Ints("nodes_treeids", 0, 0, 0),
            Ints("nodes_nodeids", 0, 1, 2),
            Ints("nodes_featureids", 0, 0, 0),
            Floats("nodes_values", 0.5f, 0, 0),
            new("nodes_modes", null, null, null, false, [], [], [mode, "LEAF", "LEAF"]),
            Ints("nodes_truenodeids", 1, 0, 0),
            Ints("nodes_falsenodeids", 2, 0, 0),
            Ints("class_treeids", 0, 0, 0, 0),
            Ints("class_nodeids", 1, 1, 2, 2),
            Ints("class_ids", 0, 1, 0, 1),
            Floats("class_weights", 0.2f, 0.8f, 0.6f, 0.4f),
            Ints("classlabels_int64s", 0, 1),
            new("post_transform", null, null, post, false, [], [], []),
        };
        var bases = new[] { base0, base1 }.Where(b => b is not null).Select(b => b!.Value).ToArray();
        if (bases.Length > 0)
        {
            attributes.Add(Floats("base_values", bases));
        }
        return new OnnxNode("TreeEnsembleClassifier", OnnxNode.MlDomain, "", ["X"], ["label", "probabilities"], attributes.ToDictionary(a => a.Name));
    }

    private static OnnxAttribute Ints(string name, params long[] values) => new(name, null, null, null, false, [], values, []);

    private static OnnxAttribute Floats(string name, params float[] values) => new(name, null, null, null, false, values, [], []);
}
