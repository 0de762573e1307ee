using Audit.Fairness.Bootstrap;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Audit.Tests.Fairness.Bootstrap;

/// <summary>
/// The binomial sampler against the binomial distribution. Every test uses a fixed seed, so it is deterministic; the
/// tolerances are set so that a correct sampler would fail with a probability of about 1e-6 (5 standard errors) or
/// 1e-3 (the chi-square tests) for a seed picked at random.
/// </summary>
public sealed class BinomialSamplerTests
{
    private const int Seed = 20261124;

    [Fact]
    public void DegenerateParametersGiveTheCertainOutcome()
    {
        var random = new Xoshiro256StarStar(Seed, threadSafe: false);
        Assert.Equal(0, BinomialSampler.Sample(random, 0, 0.3));
        Assert.Equal(0, BinomialSampler.Sample(random, 0, 1));
        Assert.Equal(0, BinomialSampler.Sample(random, 1_000_000, 0));
        Assert.Equal(1_000_000, BinomialSampler.Sample(random, 1_000_000, 1));
        Assert.Equal(100_000_000, BinomialSampler.Sample(random, 100_000_000, 1));
    }

    [Fact]
    public void InvalidParametersAreRefused()
    {
        var random = new Xoshiro256StarStar(Seed, threadSafe: false);
        Assert.Throws<ArgumentOutOfRangeException>(() => BinomialSampler.Sample(random, -1, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinomialSampler.Sample(random, 10, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinomialSampler.Sample(random, 10, double.NaN));
    }

    /// <summary>
    /// Mean and variance over 200,000 draws within 5 standard errors of n·p and n·p·q. The standard error of the mean is
    /// √(npq / D); of the sample variance √((μ₄ − σ⁴(D − 3)/(D − 1)) / D) with the binomial's fourth central moment
    /// μ₄ = npq(1 + 3pq(n − 2)). Cases cover both methods (inversion below n·min(p, q) = 30, BTPE from it), p near 0 and
    /// near 1 (the mirrored branch), and n up to 1e8.
    /// </summary>
    [Theory]
    [InlineData(1L, 0.5)]
    [InlineData(20L, 0.5)]           // inversion, mean 10
    [InlineData(50L, 0.3)]           // inversion, mean 15
    [InlineData(1_000L, 0.02)]       // inversion, mean 20
    [InlineData(100L, 0.999)]        // inversion, mirrored
    [InlineData(1_000_000L, 1e-6)]   // inversion, large n and tiny p
    [InlineData(100_000_000L, 1e-7)] // inversion, n = 1e8
    [InlineData(100L, 0.35)]         // BTPE just above the cut-off (mean 35)
    [InlineData(1_000L, 0.3)]        // BTPE
    [InlineData(1_000L, 0.97)]       // BTPE, mirrored
    [InlineData(100_000L, 0.5)]      // BTPE
    [InlineData(100_000_000L, 0.5)]  // BTPE, n = 1e8
    [InlineData(100_000_000L, 1e-4)] // BTPE, n = 1e8, p near 0 (mean 1e4)
    [InlineData(100_000_000L, 0.9999)] // BTPE, n = 1e8, p near 1
    public void MeanAndVarianceMatchTheBinomial(long n, double p)
    {
        const int draws = 200_000;
        var random = new Xoshiro256StarStar(Seed, threadSafe: false);
        var sum = 0.0;
        var sumSquares = 0.0;
        var mean = n * p;
        for (var i = 0; i < draws; i++)
        {
            var x = BinomialSampler.Sample(random, n, p);
            Assert.InRange(x, 0, n);
            // Centred on the exact mean, so the sums stay small for n = 1e8.
            var d = x - mean;
            sum += d;
            sumSquares += d * d;
        }
        var variance = n * p * (1 - p);
        var sampleMeanOffset = sum / draws;
        var sampleVariance = (sumSquares - sum * sum / draws) / (draws - 1);
        var fourthMoment = variance * (1 + 3 * p * (1 - p) * (n - 2));
        var meanError = Math.Sqrt(variance / draws);
        var varianceError = Math.Sqrt((fourthMoment - variance * variance * (draws - 3.0) / (draws - 1)) / draws);
        Assert.True(Math.Abs(sampleMeanOffset) <= 5 * meanError, $"mean off by {sampleMeanOffset} (se {meanError})");
        Assert.True(Math.Abs(sampleVariance - variance) <= 5 * varianceError, $"variance {sampleVariance}, expected {variance} (se {varianceError})");
    }

    /// <summary>
    /// Pearson's chi-square test of 100,000 draws against the exact binomial probabilities (MathNet's
    /// <c>Binomial.PMF</c>), outcomes with an expected count below 5 pooled into the tails; the statistic must stay
    /// below the 0.999 quantile of the chi-square distribution. (50, 0.3) and (1000, 0.02) run the inversion branch
    /// (means 15 and 20); the others run BTPE, including every region of its acceptance test and the mirrored p.
    /// </summary>
    [Theory]
    [InlineData(50L, 0.3)]
    [InlineData(1_000L, 0.02)]
    [InlineData(100L, 0.35)]
    [InlineData(200L, 0.5)]
    [InlineData(1_000L, 0.9)]
    [InlineData(100_000L, 0.4)]
    public void DrawsFitTheBinomialDistribution(long n, double p)
    {
        const int draws = 100_000;
        var random = new Xoshiro256StarStar(Seed + 1, threadSafe: false);
        var observed = new Dictionary<long, int>();
        for (var i = 0; i < draws; i++)
        {
            var x = BinomialSampler.Sample(random, n, p);
            observed[x] = observed.GetValueOrDefault(x) + 1;
        }

        // Bins: [0, lo], lo + 1, …, hi − 1, [hi, n], where lo and hi are the first and last outcomes expected 5 times.
        var expected = Enumerable.Range(0, (int)n + 1).Select(k => draws * Binomial.PMF(p, (int)n, k)).ToArray();
        var lo = Array.FindIndex(expected, e => e >= 5);
        var hi = Array.FindLastIndex(expected, e => e >= 5);
        var chiSquare = 0.0;
        var bins = 0;
        void Bin(int from, int to)
        {
            double e = 0, o = 0;
            for (var k = from; k <= to; k++)
            {
                e += expected[k];
                o += observed.GetValueOrDefault(k);
            }
            chiSquare += (o - e) * (o - e) / e;
            bins++;
        }
        Bin(0, lo);
        for (var k = lo + 1; k < hi; k++)
        {
            Bin(k, k);
        }
        Bin(hi, (int)n);
        var critical = ChiSquared.InvCDF(bins - 1, 0.999);
        Assert.True(chiSquare < critical, $"chi-square {chiSquare:F1} on {bins - 1} degrees of freedom, critical value {critical:F1}");
    }

    /// <summary>The inversion branch restarts past 110 successes; with a mean below 30 that tail is negligible (below 1e-25).</summary>
    [Fact]
    public void TheInversionLimitCutsOffANegligibleTail()
    {
        // The worst case is the largest mean inversion handles, with the largest variance: p small, n·p just under 30.
        var tail = 1 - Binomial.CDF(30.0 / 1_000_000, 1_000_000, 110);
        Assert.True(tail < 1e-25, $"P(X > 110) = {tail}");
    }
}
