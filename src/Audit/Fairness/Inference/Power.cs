using MathNet.Numerics.Distributions;
using MathNet.Numerics.RootFinding;

namespace Audit.Fairness.Inference;

/// <summary>
/// Power of the two-sided two-proportion z test (<see cref="ProportionTest.TwoProportionZ"/>) by the normal
/// approximation, and the smallest difference in proportions that group sizes allow one to detect. Sizes are doubles
/// so that effective sample sizes of weighted data (Kish 1965) may be passed.
/// </summary>
public static class Power
{
    /// <summary>Grid steps over which <see cref="MinimumDetectableDifference"/> looks for the first crossing before refining it.</summary>
    private const int ScanSteps = 1000;

    /// <summary>Accuracy asked of MathNet's Brent root finder (in proportion points).</summary>
    private const double RootAccuracy = 1e-12;

    /// <summary>
    /// Power of the two-sided z test with pooled variance at level α when the true proportions are p1 (group of size n1)
    /// and p2 (size n2), as in Fleiss, Levin and Paik (2003, ch. 4, the formula behind their sample size for
    /// unequal groups): the test statistic's variance is pooled under the null and unpooled under the alternative,
    /// <code>
    /// power = Φ((|p1 − p2| − z_{α/2} √(p̄ q̄ (1/n1 + 1/n2))) / √(p1 q1 / n1 + p2 q2 / n2))
    /// p̄ = (n1 p1 + n2 p2) / (n1 + n2),   q = 1 − p,   z_{α/2} = Φ⁻¹(1 − α/2)
    /// </code>
    /// Only the tail on the side of the true difference counts (the other is negligible whenever power matters), so at
    /// p1 = p2 the value is α/2. With n1 = n2 = n this is R's <c>power.prop.test(n, p1, p2, sig.level = α)</c>
    /// (<c>strict = FALSE</c>): for n = 50, p1 = 0.5, p2 = 0.75 both give 0.7401659.
    /// When p1 and p2 are each 0 or 1 the alternative has no variance: the power is then 1 if |p1 − p2| exceeds the
    /// critical distance and 0 otherwise.
    /// </summary>
    /// <remarks>
    /// Fleiss, J. L., Levin, B. and Paik, M. C. (2003). Statistical Methods for Rates and Proportions, 3rd ed., ch. 4.
    /// Wiley. R Core Team, <c>stats::power.prop.test</c>.
    /// </remarks>
    public static double TwoProportionPower(double p1, double p2, double n1, double n2, double alpha = 0.05)
    {
        ProportionArguments.CheckProbability(p1, nameof(p1));
        ProportionArguments.CheckProbability(p2, nameof(p2));
        CheckSize(n1, nameof(n1));
        CheckSize(n2, nameof(n2));
        ProportionArguments.CheckLevel(alpha, nameof(alpha));
        return PowerUnchecked(p1, p2, n1, n2, Normal.InvCDF(0, 1, 1 - alpha / 2));
    }

    /// <summary>
    /// The smallest difference d = |p1 − baseline| that the z test at level α detects with the given power, when the
    /// group of size n1 has proportion p1 and the comparison group (size n2) has the baseline proportion: the smallest
    /// root of <c><see cref="TwoProportionPower"/>(baseline ± d, baseline, n1, n2, α) = power</c>. Both directions are
    /// searched (d up to 1 − baseline above, up to baseline below) and the smaller d is returned; the two differ
    /// unless baseline = 0.5 because the binomial variance p q is not symmetric about the baseline.
    /// Each direction scans a grid of <see cref="ScanSteps"/> steps for the first point where the power reaches the
    /// target, then refines the root in that step with MathNet's Brent method (Brent 1973), so a power curve that is not
    /// monotone near 0 or 1 still yields the smallest detectable difference.
    /// </summary>
    /// <returns>d, or null when no proportion in [0, 1] reaches the power in either direction.</returns>
    /// <remarks>
    /// Brent, R. P. (1973). Algorithms for Minimization without Derivatives, ch. 4. Prentice-Hall.
    /// </remarks>
    public static double? MinimumDetectableDifference(double baseline, double n1, double n2, double alpha = 0.05, double power = 0.8)
    {
        ProportionArguments.CheckProbability(baseline, nameof(baseline));
        CheckSize(n1, nameof(n1));
        CheckSize(n2, nameof(n2));
        ProportionArguments.CheckLevel(alpha, nameof(alpha));
        ProportionArguments.CheckLevel(power, nameof(power));
        if (power <= alpha / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(power), power, $"The power must exceed α/2 = {alpha / 2}, the power at no difference.");
        }
        var z = Normal.InvCDF(0, 1, 1 - alpha / 2);
        double? best = null;
        foreach (var sign in (ReadOnlySpan<double>)[1.0, -1.0])
        {
            var reach = sign > 0 ? 1 - baseline : baseline;
            if (SmallestRoot(d => PowerUnchecked(Math.Clamp(baseline + sign * d, 0, 1), baseline, n1, n2, z) - power, reach) is { } d
                && (best is null || d < best))
            {
                best = d;
            }
        }
        return best;
    }

    private static double? SmallestRoot(Func<double, double> shortfall, double reach)
    {
        if (reach <= 0)
        {
            return null;
        }
        var previous = 0.0;
        for (var step = 1; step <= ScanSteps; step++)
        {
            // The last point is exactly `reach`, so that p1 = 0 or 1 is tried without rounding past it.
            var d = step == ScanSteps ? reach : reach * step / ScanSteps;
            var value = shortfall(d);
            if (value == 0)
            {
                return d;
            }
            if (value > 0)
            {
                return Brent.TryFindRoot(shortfall, previous, d, RootAccuracy, 200, out var root) ? root : d;
            }
            previous = d;
        }
        return null;
    }

    private static double PowerUnchecked(double p1, double p2, double n1, double n2, double z)
    {
        var pooled = (n1 * p1 + n2 * p2) / (n1 + n2);
        var nullSd = Math.Sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
        var alternativeSd = Math.Sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        var distance = Math.Abs(p1 - p2) - z * nullSd;
        if (alternativeSd == 0)
        {
            return distance > 0 ? 1 : 0;
        }
        return Normal.CDF(0, 1, distance / alternativeSd);
    }

    private static void CheckSize(double n, string name)
    {
        if (!(n > 0) || double.IsPositiveInfinity(n))
        {
            throw new ArgumentOutOfRangeException(name, n, "A group size must be finite and greater than 0.");
        }
    }
}
