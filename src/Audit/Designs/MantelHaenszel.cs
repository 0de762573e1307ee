using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Audit.Designs;

/// <summary>One stratum's 2 × 2 table: a = exposed with the outcome, b = exposed without, c = unexposed with, d = unexposed without.</summary>
public readonly record struct StratumTable(double A, double B, double C, double D)
{
    public double N => A + B + C + D;
}

/// <summary>The Mantel-Haenszel pooled odds ratio with its interval, and the Cochran-Mantel-Haenszel test.</summary>
/// <param name="OddsRatio">Σ aᵢdᵢ/nᵢ ÷ Σ bᵢcᵢ/nᵢ; null when both sums are 0 or the denominator is 0.</param>
/// <param name="Lower">Lower end of the interval (Robins, Breslow and Greenland 1986 variance of ln OR).</param>
/// <param name="ChiSquare">The CMH statistic with continuity correction, df = 1.</param>
/// <param name="P">Pr(χ²₁ ≥ statistic).</param>
/// <param name="Strata">Strata that carry information (nᵢ ≥ 2).</param>
public sealed record MantelHaenszelResult(double? OddsRatio, double? Lower, double? Upper, double? ChiSquare, double? P, int Strata);

/// <summary>
/// Disparity within strata of legitimate factors: is the exposed group (a protected group) more often flagged than
/// the unexposed (its reference group) among people alike in the strata's factors? Strata with fewer than two rows
/// carry no information and are skipped.
/// <para>
/// Pooled odds ratio (Mantel and Haenszel 1959): OR = Σ aᵢdᵢ/nᵢ ÷ Σ bᵢcᵢ/nᵢ. Its interval is
/// exp(ln OR ± z √V), with V the Robins-Breslow-Greenland (1986) variance:
/// V = Σ PᵢRᵢ/(2R²) + Σ (PᵢSᵢ + QᵢRᵢ)/(2RS) + Σ QᵢSᵢ/(2S²), Pᵢ = (aᵢ + dᵢ)/nᵢ, Qᵢ = (bᵢ + cᵢ)/nᵢ, Rᵢ = aᵢdᵢ/nᵢ, Sᵢ = bᵢcᵢ/nᵢ.
/// </para>
/// <para>
/// Test of no association in any stratum (Cochran 1954; Mantel and Haenszel 1959), with the continuity correction:
/// X² = (|Σ aᵢ − Σ E aᵢ| − ½)² / Σ Var aᵢ, E aᵢ = (aᵢ + bᵢ)(aᵢ + cᵢ)/nᵢ,
/// Var aᵢ = (aᵢ + bᵢ)(cᵢ + dᵢ)(aᵢ + cᵢ)(bᵢ + dᵢ) / (nᵢ²(nᵢ − 1)). These are R's <c>mantelhaen.test</c> (its default
/// <c>correct = TRUE</c>) statistic and interval; on R's example <c>Rabbits</c> it gives X² = 3.9286, p = 0.04747,
/// OR = 7 with interval 1.026713 to 47.725133.
/// </para>
/// </summary>
public static class MantelHaenszel
{
    public static MantelHaenszelResult Compute(IReadOnlyList<StratumTable> strata, double confidence = 0.95)
    {
        double r = 0, s = 0, pr = 0, psqr = 0, qs = 0, observed = 0, expected = 0, variance = 0;
        var used = 0;
        foreach (var t in strata)
        {
            var n = t.N;
            if (n < 2)
            {
                continue;
            }
            used++;
            var ri = t.A * t.D / n;
            var si = t.B * t.C / n;
            var pi = (t.A + t.D) / n;
            var qi = (t.B + t.C) / n;
            r += ri;
            s += si;
            pr += pi * ri;
            psqr += pi * si + qi * ri;
            qs += qi * si;
            observed += t.A;
            expected += (t.A + t.B) * (t.A + t.C) / n;
            variance += (t.A + t.B) * (t.C + t.D) * (t.A + t.C) * (t.B + t.D) / (n * n * (n - 1));
        }
        double? or = s > 0 ? r / s : null;
        double? lower = null, upper = null;
        if (or is { } value && r > 0)
        {
            var v = pr / (2 * r * r) + psqr / (2 * r * s) + qs / (2 * s * s);
            var z = Normal.InvCDF(0, 1, (1 + confidence) / 2);
            lower = value * Math.Exp(-z * Math.Sqrt(v));
            upper = value * Math.Exp(z * Math.Sqrt(v));
        }
        double? chi = null, p = null;
        if (variance > 0)
        {
            // Continuity correction as R's mantelhaen.test: subtract 1/2 only when |O - E| is at least 1/2 (else the
            // statistic would be 0 where R gives (O - E)^2 / V).
            var difference = Math.Abs(observed - expected);
            var deviation = difference >= 0.5 ? difference - 0.5 : difference;
            chi = deviation * deviation / variance;
            p = SpecialFunctions.GammaUpperRegularized(0.5, chi.Value / 2);
        }
        return new MantelHaenszelResult(or, lower, upper, chi, p, used);
    }
}
