using Audit.Fairness.Inference;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Audit.Tests.Fairness.Inference;

public sealed class PowerTests
{
    [Fact]
    public void TwoProportionPowerMatchesRsPowerPropTestExample()
    {
        // R's ?power.prop.test: power.prop.test(n = 50, p1 = .50, p2 = .75) gives power = 0.7401659.
        // By hand: p̄ = 0.625, p̄q̄ = 0.234375, null sd = √(0.234375 × 2/50) = √0.009375 = 0.0968246;
        // alternative sd = √((0.25 + 0.1875) / 50) = √0.00875 = 0.0935414;
        // (0.25 − 1.959964 × 0.0968246) / 0.0935414 = 0.0602273 / 0.0935414 = 0.6438570, Φ(0.6438570) = 0.7401659.
        var power = Power.TwoProportionPower(0.5, 0.75, 50, 50);

        Assert.Equal(0.74016590133138783, power, 1e-12);
        Assert.Equal(0.7401659, Math.Round(power, 7));
    }

    [Fact]
    public void TwoProportionPowerHandlesUnequalGroups()
    {
        // p1 = 0.12 (n1 = 500) against p2 = 0.10 (n2 = 2000): p̄ = (60 + 200) / 2500 = 0.104,
        // null sd = √(0.104 × 0.896 × (1/500 + 1/2000)) = √0.00023296 = 0.0152630,
        // alternative sd = √(0.12 × 0.88 / 500 + 0.10 × 0.90 / 2000) = √0.0002562 = 0.0160062,
        // (0.02 − 1.959964 × 0.0152630) / 0.0160062 = −0.0099150 / 0.0160062 = −0.6194446, Φ(−0.6194446) = 0.2678118.
        Assert.Equal(0.26781176855471002, Power.TwoProportionPower(0.12, 0.10, 500, 2000), 1e-12);
    }

    [Fact]
    public void TwoProportionPowerAtNoDifferenceIsHalfAlpha()
    {
        // One tail only (Fleiss; R's strict = FALSE): Φ(−z_{α/2}) = α/2.
        Assert.Equal(0.025, Power.TwoProportionPower(0.3, 0.3, 100, 200), 1e-12);
    }

    [Fact]
    public void TwoProportionPowerWithoutVarianceIsZeroOrOne()
    {
        Assert.Equal(1.0, Power.TwoProportionPower(0, 1, 10, 10));
        Assert.Equal(0.0, Power.TwoProportionPower(0, 0, 10, 10));
    }

    [Fact]
    public void TwoProportionPowerRejectsImpossibleArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Power.TwoProportionPower(1.2, 0.5, 10, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Power.TwoProportionPower(0.2, 0.5, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Power.TwoProportionPower(0.2, 0.5, 10, 10, alpha: 0));
    }

    [Fact]
    public void MinimumDetectableDifferenceInvertsThePower()
    {
        // The R example backwards: with n = 50 a side and a baseline of 0.5, the difference detected with power
        // 0.7401659 is 0.25 (0.75 above; 0.25 below is the same by the symmetry of p q about 0.5).
        var d = Power.MinimumDetectableDifference(0.5, 50, 50, power: 0.74016590133138783);

        Assert.NotNull(d);
        Assert.Equal(0.25, d.Value, 1e-9);
    }

    [Fact]
    public void MinimumDetectableDifferenceIsTheSmallerOfTheTwoDirections()
    {
        // Baseline 0.1, n1 = n2 = 1000: p q grows above 0.1 and shrinks below, so a fall is detected sooner than a rise.
        var d = Power.MinimumDetectableDifference(0.1, 1000, 1000)!.Value;

        var below = Power.TwoProportionPower(0.1 - d, 0.1, 1000, 1000);
        var above = Power.TwoProportionPower(0.1 + d, 0.1, 1000, 1000);
        Assert.Equal(0.8, below, 1e-9);
        Assert.True(above < 0.8);
        Assert.True(Power.TwoProportionPower(0.1 - (d - 1e-6), 0.1, 1000, 1000) < 0.8);
    }

    [Fact]
    public void MinimumDetectableDifferenceIsNullWhenNoProportionIsDetectable()
    {
        // n = 2 a side, baseline 0.5: even p1 = 1 gives p̄ = 0.75, null sd = √(0.1875 × 1) = 0.4330,
        // (0.5 − 1.96 × 0.4330) / √(0.25 / 2) = −0.3487 / 0.3536 = −0.986, power Φ(−0.986) = 0.16 < 0.8; p1 = 0 mirrors it.
        Assert.Null(Power.MinimumDetectableDifference(0.5, 2, 2));
    }

    [Fact]
    public void MinimumDetectableDifferenceFromABaselineOfZeroLooksUpwardsOnly()
    {
        var d = Power.MinimumDetectableDifference(0, 200, 200)!.Value;

        Assert.InRange(d, 0, 1);
        Assert.Equal(0.8, Power.TwoProportionPower(d, 0, 200, 200), 1e-9);
    }

    /// <summary>Power is symmetric in the two groups and grows with the sample size.</summary>
    [Property(MaxTest = 300)]
    public Property PowerIsSymmetricAndGrowsWithSampleSize(PositiveInt a, PositiveInt b, PositiveInt n1, PositiveInt n2)
    {
        var p1 = a.Get % 101 / 100.0;
        var p2 = b.Get % 101 / 100.0;
        double m1 = n1.Get % 3000 + 1, m2 = n2.Get % 3000 + 1;
        var power = Power.TwoProportionPower(p1, p2, m1, m2);
        var swapped = Power.TwoProportionPower(p2, p1, m2, m1);
        var bigger = Power.TwoProportionPower(p1, p2, 4 * m1, 4 * m2);
        return (Math.Abs(power - swapped) <= 1e-12 && (p1 == p2 || bigger >= power - 1e-12)).ToProperty();
    }

    /// <summary>At the minimum detectable difference the power is the target, and just below it the target is missed.</summary>
    [Property(MaxTest = 100)]
    public Property MinimumDetectableDifferenceReachesThePowerExactly(PositiveInt baseline, PositiveInt n1, PositiveInt n2)
    {
        var p = baseline.Get % 99 / 100.0 + 0.01;
        double m1 = n1.Get % 5000 + 5, m2 = n2.Get % 5000 + 5;
        if (Power.MinimumDetectableDifference(p, m1, m2) is not { } d)
        {
            // Not detectable: even the extremes fall short.
            return (Power.TwoProportionPower(1, p, m1, m2) < 0.8 && Power.TwoProportionPower(0, p, m1, m2) < 0.8).ToProperty();
        }
        double Best(double x) => Math.Max(
            p + x <= 1 ? Power.TwoProportionPower(p + x, p, m1, m2) : 0,
            p - x >= 0 ? Power.TwoProportionPower(p - x, p, m1, m2) : 0);
        return (Math.Abs(Best(d) - 0.8) <= 1e-7 && Best(d * 0.999) < 0.8).ToProperty();
    }
}
