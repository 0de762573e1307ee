using Audit.Fairness.Bootstrap;
using Audit.Fairness.Cells;
using Audit.Fairness.Inference;
using Audit.Results;
using MathNet.Numerics.Distributions;

namespace Audit.Fairness;

/// <summary>
/// The verdict on a group's ratio to its reference group (CONTRACTS.md, "Verdict"), defined here once for every section,
/// design and plot. For each verdict metric (<see cref="Metrics"/>), the ratio gets a simultaneous interval at level
/// 1 − α/m, m the comparisons of that metric in the report (<see cref="Family"/>, the family the Holm correction adjusts):
/// Katz's log interval when both groups have cases, the exact interval (<see cref="ExactBounds"/>) when one has none
/// (a zero or infinite ratio), the bootstrap percentile interval with sampling weights. A disparity
/// <see cref="Verdict.Against"/> the group when the whole interval lies above 1/τ, <see cref="Verdict.InFavour"/> of it
/// when wholly below τ (τ = the plan's <c>tolerance</c>, 0.8 by default: the band [0.8, 1.25]); the directions swap for
/// the false negative rate, where being missed by the flag favours the person. Otherwise not established.
/// </summary>
public static class DisparityVerdict
{
    /// <summary>The metrics a verdict is given on: the flag rate; with labels, the false positive and false negative rates.</summary>
    public static IReadOnlyList<GroupRate> Metrics { get; } = [GroupRate.SelectionRate, GroupRate.FalsePositiveRate, GroupRate.FalseNegativeRate];

    /// <summary>Whether <paramref name="rate"/> is a verdict metric.</summary>
    public static bool IsVerdictMetric(GroupRate rate) => Metrics.Contains(rate);

    /// <summary>For the false negative rate a ratio above the band favours the group (it is missed by the flag more often).</summary>
    public static bool Swaps(GroupRate rate) => rate == GroupRate.FalseNegativeRate;

    /// <summary>The simultaneous level 1 − α/m, α = 1 − <paramref name="confidence"/> (Bonferroni's, over the family of m comparisons).</summary>
    public static double Level(double confidence, int comparisons) => 1 - (1 - confidence) / Math.Max(1, comparisons);

    /// <summary>
    /// The direction the interval [low, high] gives: against when low &gt; 1/τ, in favour when high &lt; τ (swapped when
    /// <paramref name="swap"/>), beyond <see cref="FourFifthsRule.RelativeResolution"/> so that binary rounding of a
    /// bound equal to a band edge makes no verdict; not established otherwise (a bound unknown counts as inside).
    /// </summary>
    public static string Direction(double? low, double? high, double tolerance, bool swap)
    {
        var above = low is { } lo && lo > 1 / tolerance * (1 + FourFifthsRule.RelativeResolution);
        var below = high is { } hi && hi < tolerance * (1 - FourFifthsRule.RelativeResolution);
        return above ? (swap ? Verdict.InFavour : Verdict.Against)
            : below ? (swap ? Verdict.Against : Verdict.InFavour)
            : Verdict.NotEstablished;
    }

    /// <summary>
    /// Whether group <paramref name="group"/>'s ratio to the reference is one comparison of the family of
    /// <paramref name="rate"/>: the group is not the reference and both values are shown (not suppressed, not hidden,
    /// not small, defined). For the flag rate with counts these are exactly the comparisons with a p-value, which the
    /// Holm correction adjusts (FairnessAnalysis).
    /// </summary>
    public static bool InFamily(GroupFrame frame, GroupRate rate, int group) =>
        group != frame.Reference && frame.IsShown(rate, group) && frame.IsShown(rate, frame.Reference);

    /// <summary>
    /// m for each verdict metric: the comparisons of that metric over every table of the report (single attributes
    /// compare every metric, intersections the flag rate only).
    /// </summary>
    /// <param name="tables">Each table's frame and whether it compares every metric (true) or the flag rate only.</param>
    public static Dictionary<GroupRate, int> Family(IEnumerable<(GroupFrame Frame, bool AllMetrics)> tables, IReadOnlyList<GroupRate> rates)
    {
        var family = Metrics.Where(rates.Contains).ToDictionary(r => r, _ => 0, (IEqualityComparer<GroupRate>)ReferenceEqualityComparer.Instance);
        foreach (var (frame, all) in tables)
        {
            foreach (var rate in family.Keys.ToArray().Where(r => all || r == GroupRate.SelectionRate))
            {
                family[rate] += Enumerable.Range(0, frame.Count).Count(i => InFamily(frame, rate, i));
            }
        }
        return family;
    }

    /// <summary>
    /// The verdict from counts (unweighted rows, or frequency weights): Katz's log interval at the simultaneous level when
    /// both groups have cases; otherwise the exact interval (<see cref="ExactBounds"/>).
    /// </summary>
    /// <param name="cases">The group's cases x1 (numerator of the metric).</param>
    /// <param name="size">The group's denominator n1.</param>
    /// <param name="referenceCases">The reference's x2.</param>
    /// <param name="referenceSize">The reference's n2.</param>
    /// <param name="confidence">1 − α, the report's level.</param>
    /// <param name="comparisons">m.</param>
    public static Verdict FromCounts(double cases, double size, double referenceCases, double referenceSize, double confidence, int comparisons, double tolerance, bool swap)
    {
        var level = Level(confidence, comparisons);
        double? ratio = referenceCases > 0 ? cases / size / (referenceCases / referenceSize) : null;
        Verdict verdict;
        if (ProportionInterval.KatzLogRatio(cases, size, referenceCases, referenceSize, level) is { } katz)
        {
            verdict = new Verdict(Direction(katz.Lower, katz.Upper, tolerance, swap), ratio, katz.Lower, katz.Upper, level, comparisons, Verdict.Katz);
        }
        else
        {
            var (low, high) = ExactBounds(cases, size, referenceCases, referenceSize, level);
            verdict = new Verdict(Direction(low, high, tolerance, swap), ratio, low, high, level, comparisons, Verdict.Exact)
            {
                Infinite = cases > 0 && referenceCases == 0,
            };
        }
        return verdict with { Cases = cases, Size = size, ReferenceCases = referenceCases, ReferenceSize = referenceSize, Tolerance = tolerance };
    }

    /// <summary>
    /// The verdict from the bootstrap replicates of the ratio (sampling weights): their percentile interval at the
    /// simultaneous level, and how many replicates lie beyond each bound; not established without replicates.
    /// </summary>
    /// <param name="ratio">The point estimate; null when the reference's value is 0.</param>
    /// <param name="replicates">The ratio in each replicate where it is defined and finite.</param>
    public static Verdict FromReplicates(double? ratio, double[] replicates, double confidence, int comparisons, double tolerance, bool swap)
    {
        var level = Level(confidence, comparisons);
        if (replicates.Length == 0)
        {
            return new Verdict(Verdict.NotEstablished, ratio, null, null, level, comparisons, Verdict.Bootstrap) { Tolerance = tolerance };
        }
        var interval = BootstrapInterval.FromValues(replicates, replicates.Length, level);
        return new Verdict(Direction(interval.Lower, interval.Upper, tolerance, swap), ratio, interval.Lower, interval.Upper, level, comparisons, Verdict.Bootstrap)
        {
            TailReplicates = replicates.Length * (1 - level) / 2,
            Tolerance = tolerance,
        };
    }

    /// <summary>
    /// The exact interval of the risk ratio ρ = p1 / p2 at level <paramref name="level"/>, for the tables where Katz's
    /// has none (x1 = 0 or x2 = 0): with a = 1 − √(1 − α'/2) (α' = 1 − level) and the exact one-sided Clopper-Pearson
    /// bounds L, U of each proportion at error a,
    /// <code>
    /// ρ ≥ L1 / U2   and   ρ ≤ U1 / L2   (unbounded when L2 = 0)
    /// </code>
    /// Each bound holds with probability at least (1 − a)² = 1 − α'/2, since the two samples are independent and both
    /// one-sided bounds then hold together; so the interval covers ρ with probability at least 1 − α' whatever p1 and
    /// p2 are. It is the inversion of the exact test that rejects ρ when no pair (p1, p2) with p1 = ρ p2 passes both
    /// one-sided exact binomial tests at error a. Fisher's conditional test would bound the odds ratio, which is not a
    /// bound on the risk ratio (docs/metrics.md, "Verdict").
    /// </summary>
    /// <returns>The lower bound (0 when x1 = 0) and the upper bound (null when unbounded, x2 = 0).</returns>
    public static (double Low, double? High) ExactBounds(double cases, double size, double referenceCases, double referenceSize, double level)
    {
        var a = 1 - Math.Sqrt(1 - (1 - level) / 2);
        var low = ClopperPearsonLower(cases, size, a) / ClopperPearsonUpper(referenceCases, referenceSize, a);
        var referenceLower = ClopperPearsonLower(referenceCases, referenceSize, a);
        double? high = referenceLower > 0 ? ClopperPearsonUpper(cases, size, a) / referenceLower : null;
        return (low, high);
    }

    /// <summary>The exact one-sided lower bound of a proportion x/n at error a: 0 when x = 0, a^(1/n) when x = n, else the a quantile of Beta(x, n − x + 1) (Clopper and Pearson 1934).</summary>
    public static double ClopperPearsonLower(double x, double n, double a) =>
        x <= 0 ? 0 : x >= n ? Math.Pow(a, 1 / n) : Beta.InvCDF(x, n - x + 1, a);

    /// <summary>The exact one-sided upper bound at error a: 1 when x = n, 1 − a^(1/n) when x = 0, else the 1 − a quantile of Beta(x + 1, n − x).</summary>
    public static double ClopperPearsonUpper(double x, double n, double a) =>
        x >= n ? 1 : x <= 0 ? 1 - Math.Pow(a, 1 / n) : Beta.InvCDF(x + 1, n - x, 1 - a);

    /// <summary>
    /// The verdict of group <paramref name="group"/> on <paramref name="rate"/> from the frame's counts, or null when the
    /// comparison is not in the family (<see cref="InFamily"/>).
    /// </summary>
    internal static Verdict? OfFrame(GroupFrame frame, GroupRate rate, int group, int comparisons, FairnessOptions options)
    {
        if (!InFamily(frame, rate, group))
        {
            return null;
        }
        var own = frame.Value(rate, group);
        var other = frame.Value(rate, frame.Reference);
        return FromCounts(own.Numerator, own.Denominator, other.Numerator, other.Denominator, options.Confidence, comparisons, options.Tolerance, Swaps(rate));
    }
}
