using Audit.Data;
using Audit.Models;

namespace Audit.Explain;

/// <summary>
/// Exact attributions of a tree ensemble's raw margin by <see cref="InterventionalTreeShap"/>, per model input
/// (an input the trees never split on gets 0). Rows are explained in parallel; each call is independent.
/// </summary>
internal sealed class TreeExplainer : LocalExplainer
{
    private readonly InterventionalTreeShap shap;
    private readonly int[] treeToFeature;
    private readonly string space;

    public TreeExplainer(IScoringModel model, ITreeEnsemble trees, Table table, IReadOnlyList<int> background)
        : base(model, table, background)
    {
        treeToFeature = trees.TreeFeatures.Select(name => Features.ToList().IndexOf(name) is var i and >= 0 ? i
            : throw new InvalidOperationException($"The trees split on '{name}', which is not a model input.")).ToArray();
        var flat = new double[background.Count * treeToFeature.Length];
        for (var r = 0; r < background.Count; r++)
        {
            for (var t = 0; t < treeToFeature.Length; t++)
            {
                flat[r * treeToFeature.Length + t] = Rows.Value(treeToFeature[t], background[r]);
            }
        }
        shap = new InterventionalTreeShap(trees, flat, treeToFeature.Length);
        space = trees.Link == "logistic" ? "log-odds (raw margin)" : InterventionalTreeShap.ExplanationSpace;
    }

    public override string Method => "interventional TreeSHAP (exact; Lundberg et al. 2020)";

    public override string MethodCode => "tree-shap";

    public override string ExplanationSpace => space;

    public override bool Exact => true;

    public override double Baseline => shap.Baseline;

    private protected override void ExplainChunk(IReadOnlyList<int> rows, Span<double> values, Span<double> contributions, Span<double> standardErrors)
    {
        var f = Features.Count;
        var tf = treeToFeature.Length;
        var valueArray = new double[rows.Count];
        var contributionArray = new double[rows.Count * f];
        Parallel.For(0, rows.Count, () => (new double[tf], new double[tf]), (i, _, buffers) =>
        {
            var (x, phi) = buffers;
            for (var t = 0; t < tf; t++)
            {
                x[t] = Rows.Value(treeToFeature[t], rows[i]);
            }
            Array.Clear(phi);
            valueArray[i] = shap.Contributions(x, phi);
            for (var t = 0; t < tf; t++)
            {
                contributionArray[i * f + treeToFeature[t]] += phi[t];
            }
            return buffers;
        }, _ => { });
        valueArray.CopyTo(values);
        contributionArray.CopyTo(contributions);
    }
}

/// <summary>
/// Exact path-dependent attributions (<see cref="PathDependentTreeShap"/>) for a tree ensemble with node covers, per
/// model input; the background is not used by the game (the covers stand for the training data).
/// </summary>
internal sealed class PathDependentTreeExplainer : LocalExplainer
{
    private readonly PathDependentTreeShap shap;
    private readonly int[] treeToFeature;

    public PathDependentTreeExplainer(IScoringModel model, ITreeEnsemble trees, Table table, IReadOnlyList<int> background)
        : base(model, table, background)
    {
        treeToFeature = trees.TreeFeatures.Select(name => Features.ToList().IndexOf(name) is var i and >= 0 ? i
            : throw new InvalidOperationException($"The trees split on '{name}', which is not a model input.")).ToArray();
        shap = new PathDependentTreeShap(trees);
        ExplanationSpace = trees.Link == "logistic" ? "log-odds (raw margin)" : InterventionalTreeShap.ExplanationSpace;
    }

    public override string Method => "path-dependent TreeSHAP (exact, conditional on the trees' paths weighted by node covers; Lundberg, Erion and Lee 2018)";

    public override string MethodCode => "path-tree-shap";

    public override string ExplanationSpace { get; }

    public override bool Exact => true;

    public override double Baseline => shap.Baseline;

    private protected override void ExplainChunk(IReadOnlyList<int> rows, Span<double> values, Span<double> contributions, Span<double> standardErrors)
    {
        var f = Features.Count;
        var tf = treeToFeature.Length;
        var x = new double[tf];
        var phi = new double[tf];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var t = 0; t < tf; t++)
            {
                x[t] = Rows.Value(treeToFeature[t], rows[i]);
            }
            values[i] = shap.Contributions(x, phi);
            for (var t = 0; t < tf; t++)
            {
                contributions[i * f + treeToFeature[t]] += phi[t];
            }
        }
    }
}
