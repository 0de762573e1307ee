namespace Audit.Models.Onnx;

/// <summary>
/// An ONNX model whose probability is a tree ensemble's (ai.onnx.ml TreeEnsembleClassifier or
/// TreeEnsembleRegressor on the one input tensor): scored by ONNX Runtime, with the trees exposed for exact
/// explanation and recourse. <c>Link(Bias + Σ trees)</c> reproduces ONNX Runtime's probability (checked at load
/// within 1e-5; <see cref="TreeEnsembleReader"/> gives the rules). Thresholds are stated on the data's doubles:
/// a split ONNX Runtime makes on <c>(float)x</c> is the equal split <c>x ≤ T</c> (<see cref="FloatThreshold"/>).
/// </summary>
public sealed class OnnxTreeEnsembleModel : OnnxModel, ITreeEnsemble
{
    internal OnnxTreeEnsembleModel(OnnxScorer scorer, OnnxGraph graph, AdverseTail adverse, string structureNote, TreeEnsembleParts parts)
        : base(scorer, graph, adverse, structureNote)
    {
        TreeFeatures = scorer.Layout.Slots[0].Columns;
        Trees = parts.Trees;
        Bias = parts.Bias;
        Link = parts.Link;
    }

    /// <summary>The columns of <c>model.features</c>, in the input tensor's order.</summary>
    public IReadOnlyList<string> TreeFeatures { get; }

    public IReadOnlyList<RegressionTree> Trees { get; }

    public double Bias { get; }

    /// <summary>"logistic" for a boosted model with post_transform LOGISTIC; "identity" when the trees' sum is the probability itself.</summary>
    public string Link { get; }
}
