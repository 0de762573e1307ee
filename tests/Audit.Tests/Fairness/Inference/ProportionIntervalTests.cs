using Audit.Fairness.Inference;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Audit.Tests.Fairness.Inference;

public sealed class ProportionIntervalTests
{
    /// <summary>Φ⁻¹(0.975), the 95 % two-sided critical value.</summary>
    private const double Z95 = 1.959963984540054;

    [Fact]
    public void WilsonMatchesNewcombesSingleProportionExample()
    {
        // Newcombe (1998a), Table I: 81/263, Wilson score interval (his method 3) 0.2553 to 0.3662.
        // By hand: p = 81/263 = 0.3079847909, z² = 3.841458821, z²/(2n) = 0.0073031537,
        // √(p(1 − p)/n + z²/(4n²)) = √0.000824265157 = 0.0287100184, times z = 0.0562706021,
        // 1 + z²/n = 1.014606307;
        // lower = (0.3079847909 + 0.0073031537 − 0.0562706021) / 1.014606307 = 0.2590173425 / 1.014606307 = 0.2552885
        // upper = (0.3079847909 + 0.0073031537 + 0.0562706021) / 1.014606307 = 0.3715585467 / 1.014606307 = 0.3662096
        var interval = ProportionInterval.Wilson(81, 263)!;

        Assert.Equal(0.25528851987827424, interval.Lower, 1e-12);
        Assert.Equal(0.36620957698280006, interval.Upper, 1e-12);
        Assert.Equal(0.2553, Math.Round(interval.Lower, 4));
        Assert.Equal(0.3662, Math.Round(interval.Upper, 4));
    }

    [Fact]
    public void WilsonWithNoSuccessesStartsAtExactlyZero()
    {
        // x = 0: the bounds are (z²/(2n) ± z·z/(2n)) / (1 + z²/n), so lower = 0 and upper = z² / (n + z²).
        // n = 20: 3.841458821 / 23.841458821 = 0.1611251581 (Newcombe 1998a, Table I: 0/20 → 0 to 0.1611).
        var interval = ProportionInterval.Wilson(0, 20)!;

        Assert.Equal(0.0, interval.Lower);
        Assert.Equal(Z95 * Z95 / (20 + Z95 * Z95), interval.Upper, 1e-14);
        Assert.Equal(0.16112515805281933, interval.Upper, 1e-12);
    }

    [Fact]
    public void WilsonWithOnlySuccessesEndsAtExactlyOne()
    {
        // x = n: the mirror image of x = 0, so upper = 1 and lower = n / (n + z²) = 20 / 23.841458821 = 0.8388748.
        var interval = ProportionInterval.Wilson(20, 20)!;

        Assert.Equal(1.0, interval.Upper);
        Assert.Equal(20 / (20 + Z95 * Z95), interval.Lower, 1e-14);
    }

    [Fact]
    public void WilsonIsUndefinedWithoutTrials() => Assert.Null(ProportionInterval.Wilson(0, 0));

    [Fact]
    public void WilsonAcceptsAnEffectiveSampleSize()
    {
        // Weighted data: n_eff = 40.5, 30 % flagged → successes 12.15. Same formula with non-integer n:
        // p = 0.3, z²/(2n) = 0.0474254, √(0.21/40.5 + z²/(4n²)) = √(0.0051852 + 0.0005855) = 0.0759650,
        // times z = 0.1488887, 1 + z²/n = 1.0948508; lower = (0.3 + 0.0474254 − 0.1488887) / 1.0948508 = 0.18134,
        // upper = (0.3 + 0.0474254 + 0.1488887) / 1.0948508 = 0.45332.
        var interval = ProportionInterval.Wilson(12.15, 40.5)!;

        Assert.Equal(0.18134, interval.Lower, 5e-5);
        Assert.Equal(0.45332, interval.Upper, 5e-5);
    }

    [Fact]
    public void WilsonRejectsImpossibleCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(-1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(double.NaN, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(1, double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(1, 4, confidence: 1));
    }

    [Fact]
    public void NewcombeDifferenceIsBuiltFromTheTwoWilsonIntervals()
    {
        // 56/70 − 48/80 = 0.8 − 0.6 = 0.2. Wilson: 56/70 → (0.6918336, 0.8769526); 48/80 → (0.4904547, 0.7003817).
        // lower = 0.2 − √((0.8 − 0.6918336)² + (0.7003817 − 0.6)²) = 0.2 − √(0.0116999 + 0.0100765) = 0.2 − 0.1475685 = 0.0524315
        // upper = 0.2 + √((0.8769526 − 0.8)² + (0.6 − 0.4904547)²) = 0.2 + √(0.0059217 + 0.0120002) = 0.2 + 0.1338727 = 0.3338727
        var interval = ProportionInterval.NewcombeDifference(56, 70, 48, 80)!;

        Assert.Equal(0.052431472402364907, interval.Lower, 1e-12);
        Assert.Equal(0.33387265403690595, interval.Upper, 1e-12);
    }

    /// <summary>Newcombe (1998b), Table II, method 10 (score, no continuity correction), 95 %, to 4 decimals.</summary>
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)] // (a)
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)] // (b)
    [InlineData(6, 7, 2, 7, 0.0582, 0.8062)] // (c)
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)] // (d)
    [InlineData(0, 10, 0, 20, -0.1611, 0.2775)] // (e)
    [InlineData(0, 10, 0, 10, -0.2775, 0.2775)] // (f)
    [InlineData(10, 10, 0, 20, 0.6791, 1.0000)] // (g)
    [InlineData(10, 10, 0, 10, 0.6075, 1.0000)] // (h)
    public void NewcombeDifferenceMatchesNewcombesTableII(int x1, int n1, int x2, int n2, double lower, double upper)
    {
        var interval = ProportionInterval.NewcombeDifference(x1, n1, x2, n2)!;

        Assert.Equal(lower, Math.Round(interval.Lower, 4));
        Assert.Equal(upper, Math.Round(interval.Upper, 4));
    }

    [Fact]
    public void NewcombeDifferenceIsUndefinedWhenAGroupIsEmpty()
    {
        Assert.Null(ProportionInterval.NewcombeDifference(1, 2, 0, 0));
        Assert.Null(ProportionInterval.NewcombeDifference(0, 0, 1, 2));
    }

    [Fact]
    public void KatzLogRatioIsTheLogIntervalAroundTheRatio()
    {
        // RR = (56/70) / (48/80) = 0.8 / 0.6 = 4/3, ln RR = 0.2876821.
        // Var(ln RR) = 1/56 − 1/70 + 1/48 − 1/80 = 0.0178571 − 0.0142857 + 0.0208333 − 0.0125 = 0.0119048, se = 0.1091089,
        // z·se = 0.2138496; bounds exp(0.2876821 ∓ 0.2138496) = exp(0.0738325) = 1.0766264 and exp(0.5015317) = 1.6512485.
        var interval = ProportionInterval.KatzLogRatio(56, 70, 48, 80)!;

        Assert.Equal(1.0766264227631928, interval.Lower, 1e-12);
        Assert.Equal(1.651248511266387, interval.Upper, 1e-12);
    }

    [Fact]
    public void KatzLogRatioIsUndefinedWithNoSuccessesInEitherGroup()
    {
        Assert.Null(ProportionInterval.KatzLogRatio(0, 10, 3, 10));
        Assert.Null(ProportionInterval.KatzLogRatio(3, 10, 0, 10));
        Assert.Null(ProportionInterval.KatzLogRatio(3, 10, 0, 0));
    }

    [Fact]
    public void KatzLogRatioOfTwoCertaintiesIsThePointOne()
    {
        // x = n in both groups: variance 1/n1 − 1/n1 + 1/n2 − 1/n2 = 0, ratio 1.
        var interval = ProportionInterval.KatzLogRatio(10, 10, 7, 7)!;

        Assert.Equal(1.0, interval.Lower, 1e-15);
        Assert.Equal(1.0, interval.Upper, 1e-15);
    }

    [Fact]
    public void OddsRatioWoolfIsTheLogitIntervalAroundTheOddsRatio()
    {
        // Table a = 56, b = 14, c = 48, d = 32: OR = 56·32 / (14·48) = 1792 / 672 = 8/3, ln OR = 0.9808293.
        // Var(ln OR) = 1/56 + 1/14 + 1/48 + 1/32 = 0.0178571 + 0.0714286 + 0.0208333 + 0.03125 = 0.1413690,
        // se = 0.3759908, z·se = 0.7369283; bounds exp(0.2439009) = 1.2762179 and exp(1.7177576) = 5.5720197.
        var interval = ProportionInterval.OddsRatioWoolf(56, 70, 48, 80)!;

        Assert.Equal(1.2762178705364339, interval.Lower, 1e-12);
        Assert.Equal(5.5720196960743785, interval.Upper, 1e-12);
    }

    [Fact]
    public void OddsRatioWoolfIsUndefinedWhenAnyCellIsZero()
    {
        Assert.Null(ProportionInterval.OddsRatioWoolf(0, 10, 3, 10)); // a = 0
        Assert.Null(ProportionInterval.OddsRatioWoolf(10, 10, 3, 10)); // b = 0
        Assert.Null(ProportionInterval.OddsRatioWoolf(3, 10, 0, 10)); // c = 0
        Assert.Null(ProportionInterval.OddsRatioWoolf(3, 10, 10, 10)); // d = 0
    }

    /// <summary>Wilson bounds are proportions and contain the estimate, whole or fractional (effective) counts alike.</summary>
    [Property(MaxTest = 500)]
    public Property WilsonBoundsLieInTheUnitIntervalAndContainTheEstimate(PositiveInt trials, NonNegativeInt successes, PositiveInt scale)
    {
        var factor = 1 + scale.Get % 97 / 10.0; // 1 to 10.6: also non-integer "effective" counts
        var n = trials.Get % 5000 * factor + factor;
        var x = successes.Get % (trials.Get % 5000 + 2) * factor;
        x = Math.Min(x, n);
        var interval = ProportionInterval.Wilson(x, n)!;
        var p = x / n;
        return (0 <= interval.Lower && interval.Lower <= p && p <= interval.Upper && interval.Upper <= 1).ToProperty();
    }

    /// <summary>A higher confidence never gives a narrower interval.</summary>
    [Property(MaxTest = 300)]
    public Property WilsonWidensWithConfidence(PositiveInt trials, NonNegativeInt successes)
    {
        var n = trials.Get % 2000 + 1;
        var x = successes.Get % (n + 1);
        var narrow = ProportionInterval.Wilson(x, n, 0.9)!;
        var wide = ProportionInterval.Wilson(x, n, 0.99)!;
        return (wide.Lower <= narrow.Lower && narrow.Upper <= wide.Upper).ToProperty();
    }

    /// <summary>The difference interval contains the observed difference and stays within [−1, 1].</summary>
    [Property(MaxTest = 500)]
    public Property NewcombeDifferenceContainsTheObservedDifference(PositiveInt n1, NonNegativeInt x1, PositiveInt n2, NonNegativeInt x2)
    {
        var a = n1.Get % 1000 + 1;
        var b = n2.Get % 1000 + 1;
        var s1 = x1.Get % (a + 1);
        var s2 = x2.Get % (b + 1);
        var d = (double)s1 / a - (double)s2 / b;
        var interval = ProportionInterval.NewcombeDifference(s1, a, s2, b)!;
        return (-1 <= interval.Lower && interval.Lower <= d + 1e-15 && d - 1e-15 <= interval.Upper && interval.Upper <= 1).ToProperty();
    }

    /// <summary>The ratio and odds-ratio intervals, when defined, contain their point estimates.</summary>
    [Property(MaxTest = 500)]
    public Property RatioIntervalsContainTheirEstimates(PositiveInt n1, NonNegativeInt x1, PositiveInt n2, NonNegativeInt x2)
    {
        var a = n1.Get % 1000 + 1;
        var b = n2.Get % 1000 + 1;
        var s1 = x1.Get % (a + 1);
        var s2 = x2.Get % (b + 1);
        var ok = true;
        if (ProportionInterval.KatzLogRatio(s1, a, s2, b) is { } rr)
        {
            var ratio = ((double)s1 / a) / ((double)s2 / b);
            ok &= rr.Lower <= ratio * (1 + 1e-12) && ratio * (1 - 1e-12) <= rr.Upper;
        }
        else
        {
            ok &= s1 == 0 || s2 == 0;
        }
        if (ProportionInterval.OddsRatioWoolf(s1, a, s2, b) is { } or)
        {
            var odds = (double)s1 * (b - s2) / ((double)(a - s1) * s2);
            ok &= or.Lower <= odds * (1 + 1e-12) && odds * (1 - 1e-12) <= or.Upper;
        }
        else
        {
            ok &= s1 == 0 || s2 == 0 || s1 == a || s2 == b;
        }
        return ok.ToProperty();
    }
}
