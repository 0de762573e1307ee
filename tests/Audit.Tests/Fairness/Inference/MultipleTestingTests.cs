using Audit.Fairness.Inference;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Audit.Tests.Fairness.Inference;

public sealed class MultipleTestingTests
{
    private static readonly double?[] Raw = [0.01, 0.04, 0.03, 0.005];

    [Fact]
    public void HolmMultipliesTheSortedValuesByTheTestsLeftAndKeepsThemIncreasing()
    {
        // Sorted: 0.005 (input 4), 0.01 (1), 0.03 (3), 0.04 (2); m = 4.
        // (m − j + 1) p(j): 4 × 0.005 = 0.02, 3 × 0.01 = 0.03, 2 × 0.03 = 0.06, 1 × 0.04 = 0.04.
        // Running maximum: 0.02, 0.03, 0.06, 0.06. In input order: 0.03, 0.06, 0.06, 0.02 (R: p.adjust(p, "holm")).
        var adjusted = MultipleTesting.Holm(Raw);

        AssertClose([0.03, 0.06, 0.06, 0.02], adjusted);
    }

    [Fact]
    public void BenjaminiHochbergScalesByRankAndTakesTheMinimumFromTheTop()
    {
        // Sorted: 0.005, 0.01, 0.03, 0.04; m = 4. (m / j) p(j): 4 × 0.005 = 0.02, 2 × 0.01 = 0.02, 4/3 × 0.03 = 0.04,
        // 1 × 0.04 = 0.04. Running minimum from the largest: 0.04, 0.04, 0.02, 0.02.
        // In input order: 0.02, 0.04, 0.04, 0.02 (R: p.adjust(p, "BH")).
        var adjusted = MultipleTesting.BenjaminiHochberg(Raw);

        AssertClose([0.02, 0.04, 0.04, 0.02], adjusted);
    }

    [Fact]
    public void MissingValuesStayMissingAndAreNotCountedInTheFamily()
    {
        // Same four values with a null and a NaN among them: m is still 4, so the adjusted values are unchanged.
        double?[] p = [0.01, null, 0.04, double.NaN, 0.03, 0.005];

        AssertClose([0.03, null, 0.06, null, 0.06, 0.02], MultipleTesting.Holm(p));
        AssertClose([0.02, null, 0.04, null, 0.04, 0.02], MultipleTesting.BenjaminiHochberg(p));
    }

    [Fact]
    public void AdjustedValuesAreCappedAtOne()
    {
        // Holm: 2 × 0.6 = 1.2 → 1, then max(1, 0.7) = 1. BH: 2/2 × 0.7 = 0.7, then min(0.7, 2 × 0.6 = 1.2) = 0.7.
        AssertClose([1.0, 1.0], MultipleTesting.Holm([0.6, 0.7]));
        AssertClose([0.7, 0.7], MultipleTesting.BenjaminiHochberg([0.6, 0.7]));
    }

    [Fact]
    public void TiedValuesGetTheSameAdjustedValue()
    {
        // Holm on (0.02, 0.02, 0.5), m = 3: 3 × 0.02 = 0.06, 2 × 0.02 = 0.04 → 0.06, 1 × 0.5 = 0.5.
        // BH: 3/3 × 0.5 = 0.5, 3/2 × 0.02 = 0.03, 3/1 × 0.02 = 0.06 → min 0.03.
        AssertClose([0.06, 0.06, 0.5], MultipleTesting.Holm([0.02, 0.02, 0.5]));
        AssertClose([0.03, 0.03, 0.5], MultipleTesting.BenjaminiHochberg([0.02, 0.02, 0.5]));
    }

    [Fact]
    public void AnEmptyFamilyAdjustsToNothing()
    {
        Assert.Empty(MultipleTesting.Holm([]));
        Assert.Equal([null], MultipleTesting.BenjaminiHochberg([null]));
    }

    [Fact]
    public void ASingleTestIsLeftAsItIs()
    {
        AssertClose([0.03], MultipleTesting.Holm([0.03]));
        AssertClose([0.03], MultipleTesting.BenjaminiHochberg([0.03]));
    }

    [Fact]
    public void ValuesOutsideTheUnitIntervalAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MultipleTesting.Holm([0.5, 1.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MultipleTesting.BenjaminiHochberg([-0.1]));
    }

    /// <summary>raw ≤ BH ≤ Holm ≤ 1 for every test of the family, and missing values (null, NaN) stay missing where they were.</summary>
    [Property(MaxTest = 300)]
    public Property HolmIsAtLeastBenjaminiHochbergWhichIsAtLeastRaw(int[] seeds)
    {
        var p = Family(seeds);
        var holm = MultipleTesting.Holm(p);
        var bh = MultipleTesting.BenjaminiHochberg(p);
        var ok = p.Select((raw, i) => raw is null || double.IsNaN(raw.Value)
            ? holm[i] is null && bh[i] is null
            : raw <= bh[i] && bh[i] <= holm[i] && holm[i] <= 1).All(x => x);
        return ok.ToProperty();
    }

    /// <summary>Adjustment keeps the order of the raw values: a smaller raw p never gets a larger adjusted p.</summary>
    [Property(MaxTest = 300)]
    public Property AdjustedValuesAreMonotoneInTheRawOrder(int[] seeds)
    {
        var p = Family(seeds);
        var holm = MultipleTesting.Holm(p);
        var bh = MultipleTesting.BenjaminiHochberg(p);
        var ok = true;
        for (var i = 0; i < p.Length; i++)
        {
            for (var j = 0; j < p.Length; j++)
            {
                if (p[i] is { } pi && p[j] is { } pj && pi <= pj)
                {
                    ok &= holm[i] <= holm[j] && bh[i] <= bh[j];
                }
            }
        }
        return ok.ToProperty();
    }

    /// <summary>A p-value family from arbitrary integers: values on a coarse grid (so that ties occur), some missing.</summary>
    private static double?[] Family(int[] seeds) =>
        seeds.Select(s => (Math.Abs(s % 23)) switch
        {
            0 => (double?)null,
            1 => double.NaN,
            var k => k switch { 2 => 0.0, 3 => 1.0, _ => Math.Abs(s % 1000) / 1000.0 },
        }).ToArray();

    private static void AssertClose(double?[] expected, double?[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] is { } e)
            {
                Assert.NotNull(actual[i]);
                Assert.Equal(e, actual[i]!.Value, 1e-15);
            }
            else
            {
                Assert.Null(actual[i]);
            }
        }
    }
}
