using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Audit.Fairness.Inference;

/// <summary>A two-sided z test: the statistic (positive when the first proportion is the larger) and its p-value.</summary>
public sealed record ZTest(double Z, double P);

/// <summary>A chi-square test: Pearson's statistic, its degrees of freedom and the upper-tail p-value.</summary>
public sealed record ChiSquareTest(double Statistic, int DegreesOfFreedom, double P);

/// <summary>The test <see cref="ProportionTest.Compare"/> chose.</summary>
public enum ProportionTestKind
{
    /// <summary><see cref="ProportionTest.TwoProportionZ"/>.</summary>
    TwoProportionZ,

    /// <summary><see cref="ProportionTest.FisherExact"/>.</summary>
    FisherExact,
}

/// <summary>The result of <see cref="ProportionTest.Compare"/>.</summary>
/// <param name="Test">The test used.</param>
/// <param name="P">Its two-sided p-value.</param>
/// <param name="Z">The z statistic when the z test was used, else null.</param>
/// <param name="SmallestExpectedCount">The smallest expected cell count of the 2 × 2 table under equal proportions.</param>
public sealed record ProportionComparison(ProportionTestKind Test, double P, double? Z, double SmallestExpectedCount);

/// <summary>
/// Significance tests for equal proportions across groups: the two-proportion z test, Fisher's exact test, Pearson's
/// chi-square test of homogeneity for k groups, and a chooser between the first two.
/// <para>
/// Counts for the z and chi-square tests are doubles: a caller with weighted data may pass an effective sample size
/// (Kish 1965: n_eff = (Σw)² / Σw²) as the trials and n_eff × the weighted proportion as the successes. Fisher's
/// test is defined on whole counts only and takes integers.
/// </para>
/// </summary>
public static class ProportionTest
{
    /// <summary>
    /// Cochran's (1954) rule of thumb: the normal (chi-square) approximation is trusted when every expected cell count
    /// is at least 5. We use the common simplification "any expected count below 5 → exact test" for every N.
    /// </summary>
    public const double CochranMinimumExpected = 5;

    /// <summary>
    /// R's <c>fisher.test</c> counts a table as "as extreme" when its probability is at most the observed one times
    /// 1 + 10⁻⁷, so that tables of mathematically equal probability are not lost to rounding.
    /// </summary>
    public const double FisherRelativeTolerance = 1 + 1e-7;

    /// <summary>
    /// Two-sided two-proportion z test with pooled variance (Fleiss, Levin and Paik 2003, ch. 3; Agresti 2013, ch. 3):
    /// <code>
    /// z = (p1 − p2) / √(p̄ (1 − p̄) (1/n1 + 1/n2)),   p̄ = (x1 + x2) / (n1 + n2),   P = 2 Φ(−|z|)
    /// </code>
    /// z² equals Pearson's X² of the 2 × 2 table, so P equals R's <c>prop.test(c(x1, x2), c(n1, n2), correct = FALSE)</c>.
    /// </summary>
    /// <returns>The test, or null when it is undefined: a number of trials is 0, or p̄ is 0 or 1 (nobody or
    /// everybody is a success, so the variance is 0; R reports NaN there).</returns>
    /// <remarks>
    /// Fleiss, J. L., Levin, B. and Paik, M. C. (2003). Statistical Methods for Rates and Proportions, 3rd ed. Wiley.
    /// Agresti, A. (2013). Categorical Data Analysis, 3rd ed. Wiley.
    /// </remarks>
    public static ZTest? TwoProportionZ(double successes1, double trials1, double successes2, double trials2)
    {
        ProportionArguments.CheckCounts(successes1, trials1, nameof(successes1), nameof(trials1));
        ProportionArguments.CheckCounts(successes2, trials2, nameof(successes2), nameof(trials2));
        if (trials1 == 0 || trials2 == 0)
        {
            return null;
        }
        var pooled = (successes1 + successes2) / (trials1 + trials2);
        var variance = pooled * (1 - pooled) * (1 / trials1 + 1 / trials2);
        if (!(variance > 0))
        {
            return null;
        }
        var z = (successes1 / trials1 - successes2 / trials2) / Math.Sqrt(variance);
        return new ZTest(z, TwoSidedNormalP(z));
    }

    /// <summary>
    /// Fisher's exact test of the 2 × 2 table [[a, b], [c, d]] (rows = groups, columns = success / failure), two-sided
    /// exactly as R's <c>fisher.test</c>: with the margins fixed, a (the top-left cell) is hypergeometric,
    /// <code>
    /// Pr(a) = C(a + c, a) C(b + d, b) / C(N, a + b),   N = a + b + c + d,
    /// </code>
    /// and P is the total probability of the tables whose probability is at most Pr(observed) × (1 + 10⁻⁷)
    /// (<see cref="FisherRelativeTolerance"/>). Probabilities are computed in log space
    /// (<see cref="Hypergeometric.PMFLn"/>) and scaled by their maximum before summing, as R does, so tables with
    /// thousands per cell neither overflow nor underflow; the work is linear in the number of possible values of a.
    /// Tea-tasting example (Fisher 1935): [[3, 1], [1, 3]] gives P = 34/70 = 0.4857.
    /// </summary>
    /// <returns>The two-sided p-value, in (0, 1]; 1 when the margins allow a single table.</returns>
    /// <remarks>
    /// Fisher, R. A. (1935). The Design of Experiments, ch. 2. Oliver and Boyd. Agresti, A. (2013). Categorical Data
    /// Analysis, 3rd ed., ch. 3. R Core Team, <c>stats::fisher.test</c>.
    /// </remarks>
    public static double FisherExact(int a, int b, int c, int d)
    {
        if (a < 0 || b < 0 || c < 0 || d < 0)
        {
            throw new ArgumentOutOfRangeException(a < 0 ? nameof(a) : b < 0 ? nameof(b) : c < 0 ? nameof(c) : nameof(d), "A cell count must be at least 0.");
        }
        var population = checked(a + b + c + d);
        var column1 = a + c;
        var row1 = a + b;
        var lo = Math.Max(0, row1 - (b + d));
        var hi = Math.Min(row1, column1);
        if (lo == hi)
        {
            return 1;
        }
        var logProbabilities = new double[hi - lo + 1];
        var max = double.NegativeInfinity;
        for (var x = lo; x <= hi; x++)
        {
            var value = Hypergeometric.PMFLn(population, column1, row1, x);
            logProbabilities[x - lo] = value;
            max = Math.Max(max, value);
        }
        var threshold = logProbabilities[a - lo] + Math.Log(FisherRelativeTolerance);
        double total = 0, extreme = 0;
        foreach (var value in logProbabilities)
        {
            var scaled = Math.Exp(value - max);
            total += scaled;
            if (value <= threshold)
            {
                extreme += scaled;
            }
        }
        return Math.Min(extreme / total, 1);
    }

    /// <summary>
    /// Pearson's chi-square test that k proportions are equal (Pearson 1900), on the k × 2 table of successes and
    /// failures, without continuity correction:
    /// <code>
    /// X² = Σᵢ (xᵢ − nᵢ p̄)² / (nᵢ p̄ (1 − p̄)),   p̄ = Σ xᵢ / Σ nᵢ,   df = k − 1,   P = Pr(χ²_df ≥ X²)
    /// </code>
    /// which is Σ (observed − expected)² / expected over the 2k cells. Equals R's <c>chisq.test</c> on the table with
    /// <c>correct = FALSE</c> (and <c>prop.test</c> for k ≥ 3, where R never corrects); for k = 2, X² = z² of
    /// <see cref="TwoProportionZ"/>. The upper tail is the regularized upper incomplete gamma function
    /// Q(df/2, X²/2) (MathNet's <see cref="SpecialFunctions.GammaUpperRegularized"/>), the same number as
    /// 1 − <see cref="ChiSquared.CDF"/> but without the cancellation that turns small p-values into 0.
    /// Groups with no trials carry no information and are left out (they count in neither X² nor df; R would give NaN).
    /// </summary>
    /// <returns>The test, or null when fewer than two groups have trials, or when p̄ is 0 or 1.</returns>
    /// <remarks>
    /// Pearson, K. (1900). On the criterion that a given system of deviations from the probable in the case of a
    /// correlated system of variables is such that it can be reasonably supposed to have arisen from random sampling.
    /// Philosophical Magazine 50, 157–175. Agresti, A. (2013). Categorical Data Analysis, 3rd ed., ch. 3.
    /// </remarks>
    public static ChiSquareTest? ChiSquareHomogeneity(ReadOnlySpan<double> successes, ReadOnlySpan<double> trials)
    {
        if (successes.Length != trials.Length)
        {
            throw new ArgumentException($"There are {successes.Length} success counts but {trials.Length} trial counts.", nameof(trials));
        }
        double allSuccesses = 0, allTrials = 0;
        var groups = 0;
        for (var i = 0; i < successes.Length; i++)
        {
            ProportionArguments.CheckCounts(successes[i], trials[i], nameof(successes), nameof(trials));
            allSuccesses += successes[i];
            allTrials += trials[i];
            if (trials[i] > 0)
            {
                groups++;
            }
        }
        if (groups < 2)
        {
            return null;
        }
        var pooled = allSuccesses / allTrials;
        var spread = pooled * (1 - pooled);
        if (!(spread > 0))
        {
            return null;
        }
        var statistic = 0.0;
        for (var i = 0; i < successes.Length; i++)
        {
            if (trials[i] > 0)
            {
                var deviation = successes[i] - trials[i] * pooled;
                statistic += deviation * deviation / (trials[i] * spread);
            }
        }
        var df = groups - 1;
        return new ChiSquareTest(statistic, df, SpecialFunctions.GammaUpperRegularized(df / 2.0, statistic / 2));
    }

    /// <summary>
    /// Compares two proportions of whole counts with the test suited to the table: <see cref="FisherExact"/> when the
    /// smallest expected cell count of the 2 × 2 table [[x1, n1 − x1], [x2, n2 − x2]] under equal proportions,
    /// <code>
    /// min over i, j of nᵢ × (column j total) / N,
    /// </code>
    /// is below <paramref name="minExpected"/> (Cochran 1954; <see cref="CochranMinimumExpected"/>), otherwise
    /// <see cref="TwoProportionZ"/> (also Fisher when the z test is undefined). Counts must be integers because
    /// Fisher's test needs them; for effective sample sizes of weighted data, call <see cref="TwoProportionZ"/>.
    /// </summary>
    /// <remarks>
    /// Cochran, W. G. (1954). Some methods for strengthening the common χ² tests. Biometrics 10, 417–451.
    /// </remarks>
    public static ProportionComparison Compare(int successes1, int trials1, int successes2, int trials2, double minExpected = CochranMinimumExpected)
    {
        ProportionArguments.CheckCounts(successes1, trials1, nameof(successes1), nameof(trials1));
        ProportionArguments.CheckCounts(successes2, trials2, nameof(successes2), nameof(trials2));
        double n = (double)trials1 + trials2;
        double successes = (double)successes1 + successes2;
        var smallest = n == 0 ? 0 : Math.Min(trials1, trials2) * Math.Min(successes, n - successes) / n;
        if (smallest >= minExpected && TwoProportionZ(successes1, trials1, successes2, trials2) is { } z)
        {
            return new ProportionComparison(ProportionTestKind.TwoProportionZ, z.P, z.Z, smallest);
        }
        var p = FisherExact(successes1, trials1 - successes1, successes2, trials2 - successes2);
        return new ProportionComparison(ProportionTestKind.FisherExact, p, null, smallest);
    }

    /// <summary>2 Φ(−|z|), computed in the lower tail so that small p-values keep their precision.</summary>
    internal static double TwoSidedNormalP(double z) => Math.Min(2 * Normal.CDF(0, 1, -Math.Abs(z)), 1);
}
