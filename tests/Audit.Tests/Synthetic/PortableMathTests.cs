using Audit.Synthetic;

namespace Audit.Tests.Synthetic;

/// <summary>The portable exp, log and normal quantile agree with .NET's and MathNet's to their stated accuracy.</summary>
public sealed class PortableMathTests
{
    private static IEnumerable<double> Arguments()
    {
        var random = new Random(20261124);
        for (var i = 0; i < 200_000; i++)
        {
            // Magnitudes from 1e-300 to 1e300, and the values the generator meets most (log-normal, logistic).
            yield return Math.Pow(10, random.NextDouble() * 600 - 300);
            yield return random.NextDouble() * 20 - 10;
        }
    }

    private static double RelativeError(double actual, double expected) =>
        expected == 0 ? Math.Abs(actual) : Math.Abs(actual - expected) / Math.Abs(expected);

    [Fact]
    public void LogIsWithinTwoUlpsOfTheRuntimes()
    {
        foreach (var x in Arguments().Where(x => x > 0))
        {
            var expected = Math.Log(x);
            Assert.True(Math.Abs(PortableMath.Log(x) - expected) <= 2 * Math.Abs(Math.BitIncrement(expected) - expected), $"log({x:R}) = {PortableMath.Log(x):R}, runtime {expected:R}");
        }
        Assert.Equal(0, PortableMath.Log(1));
        Assert.Equal(double.NegativeInfinity, PortableMath.Log(0));
        Assert.True(double.IsNaN(PortableMath.Log(-1)));
        Assert.Equal(-744.44007192138122, PortableMath.Log(double.Epsilon), 1e-12);
    }

    [Fact]
    public void ExpIsWithinTwoUlpsOfTheRuntimes()
    {
        foreach (var x in Arguments().Select(a => Math.Clamp(a, -700, 700)).Concat([-745.0, 709.0, 1e-30, -1e-30]))
        {
            var expected = Math.Exp(x);
            Assert.True(Math.Abs(PortableMath.Exp(x) - expected) <= 2 * Math.Abs(Math.BitIncrement(expected) - expected), $"exp({x:R}) = {PortableMath.Exp(x):R}, runtime {expected:R}");
        }
        Assert.Equal(1, PortableMath.Exp(0));
        Assert.Equal(double.PositiveInfinity, PortableMath.Exp(710));
        Assert.Equal(0, PortableMath.Exp(-746));
        Assert.Equal(Math.BitIncrement(Math.E), PortableMath.Exp(1)); // fdlibm is within 1 ulp, not correctly rounded: e comes out 1 ulp high
    }

    [Fact]
    public void NormalQuantileIsWithinAcklamsBoundOfMathNets()
    {
        var random = new Random(7);
        for (var i = 0; i < 200_000; i++)
        {
            var p = i % 2 == 0 ? random.NextDouble() : Math.Pow(10, -1 - random.NextDouble() * 14);
            p = Math.Clamp(p, 1e-15, 1 - 1e-15);
            var expected = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p);
            Assert.True(RelativeError(PortableMath.NormalQuantile(p), expected) < 1.2e-9 || Math.Abs(expected) < 1e-9,
                $"quantile({p:R}) = {PortableMath.NormalQuantile(p):R}, MathNet {expected:R}");
        }
        Assert.Equal(0, PortableMath.NormalQuantile(0.5));
        Assert.Equal(1.959963984540054, PortableMath.NormalQuantile(0.975), 1e-8);
    }
}
