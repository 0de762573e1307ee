using MathNet.Numerics.Distributions;

namespace Audit.Fairness.Inference;

/// <summary>A two-sided confidence interval, <c>Lower ≤ Upper</c>, in the unit of the estimate it bounds.</summary>
public sealed record Interval(double Lower, double Upper);

/// <summary>
/// Two-sided confidence intervals for a proportion and for the comparison of two proportions (difference, ratio,
/// odds ratio), by closed formulas.
/// <para>
/// Counts are doubles: a caller with weighted data may pass an effective sample size (Kish 1965:
/// n_eff = (Σw)² / Σw²) as the trials and n_eff × the weighted proportion as the successes. They must be finite with
/// 0 ≤ successes ≤ trials; anything else throws <see cref="ArgumentOutOfRangeException"/>. A method returns null when
/// its interval is undefined (no trials; for the ratio methods, a zero cell), never a made-up interval.
/// </para>
/// </summary>
public static class ProportionInterval
{
    /// <summary>The confidence level used when none is given.</summary>
    public const double DefaultConfidence = 0.95;

    /// <summary>
    /// Wilson's score interval for a proportion p = x / n, without continuity correction (Wilson 1927; method 3 of
    /// Newcombe 1998a), written as in R's <c>prop.test(x, n, correct = FALSE)$conf.int</c>:
    /// <code>
    /// (p + z²/(2n) ± z √(p(1 − p)/n + z²/(4n²))) / (1 + z²/n),   z = Φ⁻¹((1 + confidence) / 2)
    /// </code>
    /// The lower bound is exactly 0 when x = 0 and the upper bound exactly 1 when x = n (as R sets them); bounds are
    /// clamped to [0, 1] and to either side of p (against rounding when p is within an ulp of 0 or 1). The interval is never empty and never degenerate for n &gt; 0, which is why it is preferred to
    /// the Wald interval p ± z √(p(1 − p)/n) (Newcombe 1998a; Brown, Cai and DasGupta 2001).
    /// </summary>
    /// <returns>The interval, or null when <paramref name="trials"/> is 0.</returns>
    /// <remarks>
    /// Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference. JASA 22, 209–212.
    /// Newcombe, R. G. (1998a). Two-sided confidence intervals for the single proportion: comparison of seven methods.
    /// Statistics in Medicine 17, 857–872.
    /// </remarks>
    public static Interval? Wilson(double successes, double trials, double confidence = DefaultConfidence)
    {
        ProportionArguments.CheckCounts(successes, trials, nameof(successes), nameof(trials));
        ProportionArguments.CheckLevel(confidence, nameof(confidence));
        if (trials == 0)
        {
            return null;
        }
        var z = CriticalValue(confidence);
        var p = successes / trials;
        var z22n = z * z / (2 * trials);
        var spread = z * Math.Sqrt(p * (1 - p) / trials + z22n / (2 * trials));
        var lower = p <= 0 ? 0 : (p + z22n - spread) / (1 + 2 * z22n);
        var upper = p >= 1 ? 1 : (p + z22n + spread) / (1 + 2 * z22n);
        // The interval contains p mathematically; near p = 0 or 1 rounding can leave a bound one ulp on the wrong side.
        return new Interval(Math.Clamp(lower, 0, p), Math.Clamp(upper, p, 1));
    }

    /// <summary>
    /// Newcombe's hybrid score interval for the difference D = p1 − p2 (Newcombe 1998b, method 10): with
    /// (l1, u1) and (l2, u2) the <see cref="Wilson"/> intervals of the two proportions at the same confidence,
    /// <code>
    /// lower = D − √((p1 − l1)² + (u2 − p2)²)
    /// upper = D + √((u1 − p1)² + (p2 − l2)²)
    /// </code>
    /// The bounds lie in [−1, 1]; the interval contains D and is defined even when a proportion is 0 or 1. Worked
    /// example (Newcombe 1998b, Table II (a)): 56/70 − 48/80 = 0.2000, 95 % interval 0.0524 to 0.3339.
    /// </summary>
    /// <returns>The interval, or null when either number of trials is 0.</returns>
    /// <remarks>
    /// Newcombe, R. G. (1998b). Interval estimation for the difference between independent proportions: comparison
    /// of eleven methods. Statistics in Medicine 17, 873–890.
    /// </remarks>
    public static Interval? NewcombeDifference(double successes1, double trials1, double successes2, double trials2, double confidence = DefaultConfidence)
    {
        ProportionArguments.CheckCounts(successes1, trials1, nameof(successes1), nameof(trials1));
        ProportionArguments.CheckCounts(successes2, trials2, nameof(successes2), nameof(trials2));
        if (Wilson(successes1, trials1, confidence) is not { } w1 || Wilson(successes2, trials2, confidence) is not { } w2)
        {
            return null;
        }
        var p1 = successes1 / trials1;
        var p2 = successes2 / trials2;
        var d = p1 - p2;
        var lower = d - Math.Sqrt(Square(p1 - w1.Lower) + Square(w2.Upper - p2));
        var upper = d + Math.Sqrt(Square(w1.Upper - p1) + Square(p2 - w2.Lower));
        return new Interval(Math.Max(lower, -1), Math.Min(upper, 1));
    }

    /// <summary>
    /// Katz's log interval for the ratio of proportions RR = p1 / p2 (the flag-rate ratio; Katz et al. 1978, the
    /// "log method"):
    /// <code>
    /// RR × exp(± z √(1/x1 − 1/n1 + 1/x2 − 1/n2)),   z = Φ⁻¹((1 + confidence) / 2)
    /// </code>
    /// the delta-method variance of ln RR. Undefined (null) when x1 or x2 is 0: the ratio is then 0 or infinite and
    /// its log variance infinite, so the method gives no finite interval. We return null rather than add 0.5 to the
    /// counts because a correction would change the ratio the report prints next to the interval, and the caller can
    /// report the undefined value with its reason (CONTRACTS.md). When both proportions are 1 the variance is 0 and
    /// the interval is the single point 1.
    /// </summary>
    /// <returns>The interval, or null when a number of trials or of successes is 0.</returns>
    /// <remarks>
    /// Katz, D., Baptista, J., Azen, S. P. and Pike, M. C. (1978). Obtaining confidence intervals for the risk ratio
    /// in cohort studies. Biometrics 34, 469–474.
    /// </remarks>
    public static Interval? KatzLogRatio(double successes1, double trials1, double successes2, double trials2, double confidence = DefaultConfidence)
    {
        ProportionArguments.CheckCounts(successes1, trials1, nameof(successes1), nameof(trials1));
        ProportionArguments.CheckCounts(successes2, trials2, nameof(successes2), nameof(trials2));
        ProportionArguments.CheckLevel(confidence, nameof(confidence));
        if (successes1 == 0 || successes2 == 0)
        {
            return null;
        }
        var logRatio = Math.Log(successes1 / trials1) - Math.Log(successes2 / trials2);
        var variance = Math.Max(1 / successes1 - 1 / trials1 + 1 / successes2 - 1 / trials2, 0);
        var half = CriticalValue(confidence) * Math.Sqrt(variance);
        return new Interval(Math.Exp(logRatio - half), Math.Exp(logRatio + half));
    }

    /// <summary>
    /// Woolf's logit interval for the odds ratio OR = (a d) / (b c) of the table a = x1, b = n1 − x1, c = x2,
    /// d = n2 − x2 (Woolf 1955):
    /// <code>
    /// OR × exp(± z √(1/a + 1/b + 1/c + 1/d)),   z = Φ⁻¹((1 + confidence) / 2)
    /// </code>
    /// Undefined (null) when any cell is 0. We do not apply the Haldane (1956) correction (0.5 added to every cell):
    /// it changes the odds ratio itself, biases it towards 1, and would make this method disagree with
    /// <see cref="KatzLogRatio"/>, which also returns null on a zero count; an undefined value is reported with its
    /// reason instead.
    /// </summary>
    /// <returns>The interval, or null when a number of trials or any cell of the table is 0.</returns>
    /// <remarks>
    /// Woolf, B. (1955). On estimating the relation between blood group and disease. Annals of Human Genetics 19,
    /// 251–253. Haldane, J. B. S. (1956). The estimation and significance of the logarithm of a ratio of
    /// frequencies. Annals of Human Genetics 20, 309–311.
    /// </remarks>
    public static Interval? OddsRatioWoolf(double successes1, double trials1, double successes2, double trials2, double confidence = DefaultConfidence)
    {
        ProportionArguments.CheckCounts(successes1, trials1, nameof(successes1), nameof(trials1));
        ProportionArguments.CheckCounts(successes2, trials2, nameof(successes2), nameof(trials2));
        ProportionArguments.CheckLevel(confidence, nameof(confidence));
        double a = successes1, b = trials1 - successes1, c = successes2, d = trials2 - successes2;
        if (a == 0 || b == 0 || c == 0 || d == 0)
        {
            return null;
        }
        var logOdds = Math.Log(a) + Math.Log(d) - Math.Log(b) - Math.Log(c);
        var half = CriticalValue(confidence) * Math.Sqrt(1 / a + 1 / b + 1 / c + 1 / d);
        return new Interval(Math.Exp(logOdds - half), Math.Exp(logOdds + half));
    }

    /// <summary>The two-sided standard normal critical value Φ⁻¹((1 + confidence) / 2) (1.959964 at 95 %).</summary>
    internal static double CriticalValue(double confidence) => Normal.InvCDF(0, 1, (1 + confidence) / 2);

    private static double Square(double x) => x * x;
}
