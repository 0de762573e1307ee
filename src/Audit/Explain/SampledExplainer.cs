using Audit.Data;
using Audit.Models;

namespace Audit.Explain;

/// <summary>
/// Attributions of the score itself for a model whose structure is unknown (or when the score, e.g. a logistic
/// model's probability, is wanted rather than its additive space, where attributions have no closed form): the
/// interventional game is played on the model's own scores of hybrid rows, built as tables and scored in one call
/// per person. Up to <see cref="ExplanationOptions.MaxEnumeratedFeatures"/> features every coalition is evaluated
/// (exact Shapley values, <c>2^F·N</c> scores per person); above, or when asked, <see cref="KernelShap"/> estimates
/// them from a seeded sample with a standard error per feature.
/// </summary>
internal sealed class SampledExplainer : LocalExplainer
{
    private readonly bool kernel;
    private readonly int pairs;
    private readonly long seed;

    public SampledExplainer(IScoringModel model, Table table, IReadOnlyList<int> background, bool kernel, int pairs, long seed)
        : base(model, table, background)
    {
        this.kernel = kernel;
        this.pairs = pairs;
        this.seed = seed;
        Baseline = model.Score(Rows.Select(background)).Average();
    }

    public override string Method => kernel
        ? $"KernelSHAP (unbiased, {pairs} paired coalitions per person, seeded; standard errors from the sample covariance; Covert and Lee 2021)"
        : "exact Shapley values by enumerating every coalition of the model's inputs against the background";

    public override string MethodCode => kernel ? "kernel-shap" : "enumeration";

    public override string ExplanationSpace => Model.ScoreIsProbability ? "probability" : "score";

    public override bool Exact => !kernel;

    public override double Baseline { get; }

    private protected override void ExplainChunk(IReadOnlyList<int> rows, Span<double> values, Span<double> contributions, Span<double> standardErrors)
    {
        var f = Features.Count;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            double[] Game(IReadOnlyList<bool[]> coalitions) => CoalitionMeans(Model.Score(Rows.Hybrid(row, Background, coalitions)), coalitions.Count);
            if (kernel)
            {
                // A seed per row of the table, so that a person's estimate does not depend on who else is explained.
                var estimate = KernelShap.Estimate(f, Game, pairs, RowSeed(seed, row));
                values[i] = estimate.Attribution.Value;
                for (var j = 0; j < f; j++)
                {
                    contributions[i * f + j] = estimate.Attribution.Contributions[j];
                    standardErrors[i * f + j] = estimate.StandardErrors[j];
                }
            }
            else
            {
                var all = new bool[1 << f][];
                for (var s = 0; s < all.Length; s++)
                {
                    all[s] = new bool[f];
                    for (var j = 0; j < f; j++)
                    {
                        all[s][j] = (s & (1 << j)) != 0;
                    }
                }
                var game = Game(all);
                values[i] = game[^1];
                ShapleyBruteForce.FromGame(game, f).CopyTo(contributions.Slice(i * f, f));
            }
        }
    }

    /// <summary>A deterministic seed per (plan seed, row) (SplitMix64's finaliser; HashCode is randomised per process).</summary>
    internal static int RowSeed(long seed, int row)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)row);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}
