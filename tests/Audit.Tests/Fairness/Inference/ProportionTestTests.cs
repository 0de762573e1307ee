using Audit.Fairness.Inference;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.Distributions;

namespace Audit.Tests.Fairness.Inference;

public sealed class ProportionTestTests
{
    [Fact]
    public void TwoProportionZUsesThePooledVariance()
    {
        // 56/70 = 0.8 against 48/80 = 0.6. Pooled p̄ = 104/150 = 0.6933333, p̄(1 − p̄) = 0.2126222,
        // 1/70 + 1/80 = 0.0267857, variance = 0.2126222 × 0.0267857 = 0.0056952, sd = 0.0754668,
        // z = 0.2 / 0.0754668 = 2.6501720, P = 2 Φ(−2.6501720) = 0.0080451.
        var test = ProportionTest.TwoProportionZ(56, 70, 48, 80)!;

        Assert.Equal(2.6501719512585326, test.Z, 1e-12);
        Assert.Equal(0.0080450813681965847, test.P, 1e-14);
    }

    [Fact]
    public void TwoProportionZSquaredIsPearsonsChiSquare()
    {
        // R: prop.test(c(56, 48), c(70, 80), correct = FALSE) reports X-squared = z². By hand, Σ (O − E)² / E with
        // E = row total × column total / 150 (column totals 104 flagged, 46 not):
        //   (56 − 48.53333)² / 48.53333 = 1.1487179   (14 − 21.46667)² / 21.46667 = 2.5971014
        //   (48 − 55.46667)² / 55.46667 = 1.0051282   (32 − 24.53333)² / 24.53333 = 2.2724638
        //   X² = 7.0234113 = 2.6501720².
        var z = ProportionTest.TwoProportionZ(56, 70, 48, 80)!;
        var chi = ProportionTest.ChiSquareHomogeneity([56, 48], [70, 80])!;

        Assert.Equal(7.0234113712374582, z.Z * z.Z, 1e-11);
        Assert.Equal(z.Z * z.Z, chi.Statistic, 1e-11);
        Assert.Equal(1, chi.DegreesOfFreedom);
        Assert.Equal(z.P, chi.P, 1e-14);
    }

    [Fact]
    public void TwoProportionZIsPositiveWhenTheFirstGroupIsFlaggedMore()
    {
        Assert.True(ProportionTest.TwoProportionZ(30, 100, 10, 100)!.Z > 0);
        Assert.True(ProportionTest.TwoProportionZ(10, 100, 30, 100)!.Z < 0);
    }

    [Fact]
    public void TwoProportionZIsUndefinedWithoutVariance()
    {
        Assert.Null(ProportionTest.TwoProportionZ(0, 10, 0, 20)); // nobody flagged: p̄ = 0
        Assert.Null(ProportionTest.TwoProportionZ(10, 10, 20, 20)); // everybody flagged: p̄ = 1
        Assert.Null(ProportionTest.TwoProportionZ(3, 10, 0, 0)); // an empty group
    }

    [Fact]
    public void TwoProportionZKeepsTinyPValues()
    {
        // 900/1000 against 100/1000: p̄ = 0.5, variance = 0.25 × 0.002 = 0.0005, z = 0.8 / 0.0223607 = 35.777088,
        // P = 2 Φ(−35.777088) = 2.509158e-280 (computed at 40 digits), not the 0 that 1 − Φ(z) would give.
        var test = ProportionTest.TwoProportionZ(900, 1000, 100, 1000)!;

        Assert.Equal(35.777087639996635, test.Z, 1e-10);
        Assert.Equal(2.5091580967634298e-280, test.P, 2.5091580967634298e-280 * 1e-8);
    }

    [Fact]
    public void FisherExactOfTheTeaTastingTableIsThirtyFourSeventieths()
    {
        // Fisher (1935): [[3, 1], [1, 3]]. Margins 4, 4 / 4, 4, N = 8, C(8, 4) = 70. Pr(a = k) = C(4, k) C(4, 4 − k) / 70:
        // k = 0..4 → 1, 16, 36, 16, 1 (/70). Observed Pr = 16/70; tables no more probable: 1 + 16 + 16 + 1 = 34.
        // P = 34/70 = 0.4857143 (R: fisher.test(matrix(c(3, 1, 1, 3), 2))$p.value).
        Assert.Equal(34.0 / 70, ProportionTest.FisherExact(3, 1, 1, 3), 1e-14);
    }

    [Fact]
    public void FisherExactCountsTablesOfEqualProbabilityOnBothSides()
    {
        // [[0, 5], [5, 0]]: margins 5, 5 / 5, 5, C(10, 5) = 252. Pr(a = 0) = Pr(a = 5) = 1/252 are equal (up to
        // rounding, which R's 1 + 1e-7 tolerance absorbs), so P = 2/252 = 0.0079365.
        Assert.Equal(2.0 / 252, ProportionTest.FisherExact(0, 5, 5, 0), 1e-14);
        Assert.Equal(2.0 / 252, ProportionTest.FisherExact(5, 0, 0, 5), 1e-14);
    }

    [Fact]
    public void FisherExactMatchesRsConvictionsExample()
    {
        // R's ?fisher.test: Convictions <- matrix(c(2, 10, 15, 3), nrow = 2) is [[2, 15], [10, 3]]; two-sided
        // P = 0.0005367 (sum of the hypergeometric probabilities ≤ the observed one, computed at 40 digits).
        Assert.Equal(0.0005367241191434358, ProportionTest.FisherExact(2, 15, 10, 3), 1e-15);
    }

    [Fact]
    public void FisherExactIsOneWhenTheMarginsAllowASingleTable()
    {
        Assert.Equal(1.0, ProportionTest.FisherExact(10, 20, 0, 0));
        Assert.Equal(1.0, ProportionTest.FisherExact(0, 0, 0, 0));
        Assert.Equal(1.0, ProportionTest.FisherExact(0, 7, 0, 9));
    }

    /// <summary>
    /// Tables with thousands per cell, against the same sum done in exact rational arithmetic (mpmath, 40 digits):
    /// log-space probabilities neither overflow nor underflow, down to P ≈ 1e-89.
    /// </summary>
    [Theory]
    [InlineData(2000, 3000, 2100, 2900, 0.044121452248421557)]
    [InlineData(1200, 800, 1100, 900, 0.0015395077387717407)]
    [InlineData(300, 700, 500, 500, 7.5276615708675786e-20)]
    [InlineData(3000, 2000, 2000, 3000, 2.1323175603342132e-89)]
    public void FisherExactIsStableForLargeTables(int a, int b, int c, int d, double expected)
    {
        Assert.Equal(expected, ProportionTest.FisherExact(a, b, c, d), expected * 1e-8);
    }

    [Fact]
    public void FisherExactRejectsNegativeCells() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionTest.FisherExact(1, -1, 2, 3));

    [Fact]
    public void ChiSquareHomogeneityMatchesRsSmokersExample()
    {
        // R's ?prop.test: smokers <- c(83, 90, 129, 70); patients <- c(86, 93, 136, 82); prop.test(smokers, patients)
        // prints X-squared = 12.6, df = 3, p-value = 0.005585 (k = 4 > 2, so R applies no continuity correction).
        // p̄ = 372/397 = 0.9370277, p̄(1 − p̄) = 0.0590068; expected successes nᵢ p̄ = 80.5844, 87.1436, 127.4358, 76.8363;
        // X² = Σ (xᵢ − nᵢ p̄)² / (nᵢ p̄ (1 − p̄)) = 2.4156² / 5.0746 + 2.8564² / 5.4876 + 1.5642² / 8.0249
        //      + (−6.8363)² / 4.8386 = 1.1499 + 1.4868 + 0.3049 + 9.6588 = 12.6004.
        var test = ProportionTest.ChiSquareHomogeneity([83, 90, 129, 70], [86, 93, 136, 82])!;

        Assert.Equal(12.600411297127633, test.Statistic, 1e-10);
        Assert.Equal(3, test.DegreesOfFreedom);
        Assert.Equal(0.0055854766616270413, test.P, 1e-14);
        Assert.Equal(0.005585, Math.Round(test.P, 6));
    }

    [Fact]
    public void ChiSquareHomogeneityLeavesOutGroupsWithoutTrials()
    {
        var withEmpty = ProportionTest.ChiSquareHomogeneity([83, 0, 90], [86, 0, 93])!;
        var without = ProportionTest.ChiSquareHomogeneity([83, 90], [86, 93])!;

        Assert.Equal(without, withEmpty);
        Assert.Equal(1, withEmpty.DegreesOfFreedom);
    }

    [Fact]
    public void ChiSquareHomogeneityIsUndefinedWithoutTwoGroupsOrWithoutVariance()
    {
        Assert.Null(ProportionTest.ChiSquareHomogeneity([3], [10]));
        Assert.Null(ProportionTest.ChiSquareHomogeneity([3, 0], [10, 0]));
        Assert.Null(ProportionTest.ChiSquareHomogeneity([0, 0, 0], [5, 6, 7]));
        Assert.Null(ProportionTest.ChiSquareHomogeneity([5, 6, 7], [5, 6, 7]));
        Assert.Throws<ArgumentException>(() => ProportionTest.ChiSquareHomogeneity([1, 2], [3]));
    }

    [Fact]
    public void ChiSquareHomogeneityAgreesWithMathNetsChiSquaredDistribution()
    {
        // The upper tail is Q(df/2, X²/2); away from the far tail it equals 1 − ChiSquared.CDF.
        var test = ProportionTest.ChiSquareHomogeneity([10, 20, 15], [50, 60, 40])!;

        Assert.Equal(1 - ChiSquared.CDF(test.DegreesOfFreedom, test.Statistic), test.P, 1e-13);
    }

    [Fact]
    public void CompareChoosesFisherWhenAnExpectedCountIsBelowFive()
    {
        // [[3, 1], [1, 3]]: every expected count is 4 × 4 / 8 = 2 < 5 → Fisher, P = 34/70.
        var result = ProportionTest.Compare(3, 4, 1, 4);

        Assert.Equal(ProportionTestKind.FisherExact, result.Test);
        Assert.Equal(34.0 / 70, result.P, 1e-14);
        Assert.Null(result.Z);
        Assert.Equal(2.0, result.SmallestExpectedCount, 1e-14);
    }

    [Fact]
    public void CompareChoosesTheZTestWhenEveryExpectedCountIsAtLeastFive()
    {
        // 56/70 against 48/80: the smallest expected count is 70 × 46 / 150 = 21.47 ≥ 5 → z test.
        var result = ProportionTest.Compare(56, 70, 48, 80);

        Assert.Equal(ProportionTestKind.TwoProportionZ, result.Test);
        Assert.Equal(2.6501719512585326, result.Z!.Value, 1e-12);
        Assert.Equal(0.0080450813681965847, result.P, 1e-14);
        Assert.Equal(70.0 * 46 / 150, result.SmallestExpectedCount, 1e-12);
    }

    [Fact]
    public void CompareHonoursACustomThreshold()
    {
        // Smallest expected 21.47: below a threshold of 25, so Fisher.
        Assert.Equal(ProportionTestKind.FisherExact, ProportionTest.Compare(56, 70, 48, 80, minExpected: 25).Test);
    }

    [Fact]
    public void CompareOfNobodyFlaggedIsFisherWithPOne()
    {
        var result = ProportionTest.Compare(0, 100, 0, 200);

        Assert.Equal(ProportionTestKind.FisherExact, result.Test);
        Assert.Equal(1.0, result.P);
        Assert.Equal(0.0, result.SmallestExpectedCount);
    }

    /// <summary>For two groups, Pearson's X² is the square of the pooled z statistic and the p-values agree.</summary>
    [Property(MaxTest = 300)]
    public Property ChiSquareOfTwoGroupsIsZSquared(PositiveInt n1, NonNegativeInt x1, PositiveInt n2, NonNegativeInt x2)
    {
        var a = n1.Get % 5000 + 1;
        var b = n2.Get % 5000 + 1;
        var s1 = x1.Get % (a + 1);
        var s2 = x2.Get % (b + 1);
        var z = ProportionTest.TwoProportionZ(s1, a, s2, b);
        var chi = ProportionTest.ChiSquareHomogeneity([s1, s2], [a, b]);
        if (z is null || chi is null)
        {
            return (z is null && chi is null).ToProperty();
        }
        var close = Math.Abs(z.Z * z.Z - chi.Statistic) <= 1e-9 * Math.Max(1, chi.Statistic)
            && Math.Abs(z.P - chi.P) <= 1e-9 * Math.Max(z.P, 1e-300) + 1e-300;
        return close.ToProperty();
    }

    /// <summary>Fisher's P is a probability, at least the observed table's own probability, and symmetric in rows and columns.</summary>
    [Property(MaxTest = 300)]
    public Property FisherExactIsAProbabilityInvariantUnderTransposition(NonNegativeInt a, NonNegativeInt b, NonNegativeInt c, NonNegativeInt d)
    {
        int ca = a.Get % 60, cb = b.Get % 60, cc = c.Get % 60, cd = d.Get % 60;
        var p = ProportionTest.FisherExact(ca, cb, cc, cd);
        var transposed = ProportionTest.FisherExact(ca, cc, cb, cd);
        var swapped = ProportionTest.FisherExact(cc, cd, ca, cb);
        var n = ca + cb + cc + cd;
        var own = n == 0 ? 1 : Hypergeometric.PMF(n, ca + cc, ca + cb, ca);
        return (p > 0 && p <= 1 && p >= own * (1 - 1e-9)
            && Math.Abs(p - transposed) <= 1e-12 && Math.Abs(p - swapped) <= 1e-12).ToProperty();
    }
}
