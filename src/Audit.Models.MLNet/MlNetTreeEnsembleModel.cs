namespace Audit.Models.MLNet;

/// <summary>
/// An ML.NET FastTree or LightGBM binary classifier whose trees Audit reads (<see cref="ITreeEnsemble"/>), so that
/// explanation and recourse can use its structure. Scores still come from ML.NET; the trees reproduce them.
/// <para>
/// ML.NET's probability is Platt's calibration of the trees' raw sum s: <c>p = 1 / (1 + exp(a·s + b))</c> with the
/// calibrator's slope a (negative) and offset b (both learners fix b = 0 and take a from their sigmoid parameter).
/// That is the logistic of <c>−a·s − b</c>, so with the probability as the score each leaf value is multiplied by −a
/// and <see cref="Bias"/> is −b: <c>logistic(Bias + Σ trees) = p</c> exactly (up to ML.NET's single-precision
/// arithmetic), and the trees' margin is the calibrated log-odds. With the raw score (<c>model.output: score</c>) the
/// leaves are ML.NET's own, <see cref="Bias"/> is 0 and the link is the identity.
/// </para>
/// <para>
/// ML.NET compares a feature's single-precision value with a single-precision threshold (<c>x ≤ t</c> goes left).
/// Audit's trees compare doubles, so each threshold is the largest double whose conversion to Single is ≤ t: both
/// rules send every value the same way. A missing value (NaN) goes where ML.NET sends it: right unless the tree
/// carries a replacement value for missing inputs (LightGBM's learned missing-value directions), in which case the
/// replacement's side of the threshold. Nodes' training counts are not kept by ML.NET, so covers are absent.
/// </para>
/// </summary>
public sealed class MlNetTreeEnsembleModel : MlNetModel, ITreeEnsemble
{
    internal MlNetTreeEnsembleModel(MlNetModelParts parts, IReadOnlyList<string> treeFeatures, IReadOnlyList<RegressionTree> trees, double bias, string link)
        : base(parts)
    {
        TreeFeatures = treeFeatures;
        Trees = trees;
        Bias = bias;
        Link = link;
    }

    public IReadOnlyList<string> TreeFeatures { get; }

    public IReadOnlyList<RegressionTree> Trees { get; }

    public double Bias { get; }

    public string Link { get; }
}
