using Audit.Fairness.Bootstrap;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.Random;

namespace Audit.Tests.Fairness.Bootstrap;

public sealed class MultinomialSamplerTests
{
    private const int Seed = 20261124;

    /// <summary>Every draw is distributed: the counts sum to n, and a category of weight 0 receives nothing.</summary>
    [Property(MaxTest = 200)]
    public Property DrawsSumToNAndSkipEmptyCategories(PositiveInt seed, NonNegativeInt size, PositiveInt categories)
    {
        var random = new Random(seed.Get);
        var k = categories.Get % 30 + 1;
        var weights = Enumerable.Range(0, k).Select(_ => random.Next(3) == 0 ? 0L : random.Next(1, 1000)).ToArray();
        weights[random.Next(k)] = 1 + random.Next(50);
        var n = (long)size.Get * 1000 + random.Next(1000);
        var fromCounts = new long[k];
        var fromProbabilities = new long[k];
        var generator = new Xoshiro256StarStar(seed.Get, threadSafe: false);
        MultinomialSampler.Sample(generator, n, weights, fromCounts);
        MultinomialSampler.Sample(generator, n, weights.Select(w => w / 7.0).ToArray(), fromProbabilities);
        return (fromCounts.Sum() == n && fromProbabilities.Sum() == n
            && Enumerable.Range(0, k).All(i => weights[i] > 0 || fromCounts[i] == 0 && fromProbabilities[i] == 0)
            && fromCounts.All(x => x >= 0) && fromProbabilities.All(x => x >= 0)).ToProperty();
    }

    /// <summary>
    /// Each category's mean over 20,000 draws is within 5 standard errors of n·p_i (its marginal is Binomial(n, p_i),
    /// standard error √(n·p_i·(1 − p_i) / D)), for categories from 0.1 % to 60 % of 1,000,000 draws.
    /// </summary>
    [Fact]
    public void CategoryMeansAreNTimesTheirProbabilities()
    {
        const int draws = 20_000;
        const long n = 1_000_000;
        long[] weights = [1, 0, 600, 9, 250, 140];
        var total = weights.Sum();
        var random = new Xoshiro256StarStar(Seed, threadSafe: false);
        var sums = new double[weights.Length];
        var result = new long[weights.Length];
        for (var d = 0; d < draws; d++)
        {
            MultinomialSampler.Sample(random, n, weights, result);
            for (var i = 0; i < result.Length; i++)
            {
                sums[i] += result[i];
            }
        }
        for (var i = 0; i < weights.Length; i++)
        {
            var p = (double)weights[i] / total;
            var error = Math.Sqrt(n * p * (1 - p) / draws);
            Assert.True(Math.Abs(sums[i] / draws - n * p) <= 5 * error + 1e-12, $"category {i}: mean {sums[i] / draws}, expected {n * p}");
        }
    }

    [Fact]
    public void ASingleCategoryTakesEveryDraw()
    {
        var result = new long[3];
        MultinomialSampler.Sample(new Xoshiro256StarStar(Seed, threadSafe: false), 12345, [0L, 7L, 0L], result);
        Assert.Equal([0L, 12345L, 0L], result);
    }

    [Fact]
    public void ImpossibleRequestsAreRefused()
    {
        var random = new Xoshiro256StarStar(Seed, threadSafe: false);
        Assert.Throws<ArgumentException>(() => MultinomialSampler.Sample(random, 5, [0L, 0L], new long[2]));
        Assert.Throws<ArgumentException>(() => MultinomialSampler.Sample(random, 5, [1L, 2L], new long[3]));
        Assert.Throws<ArgumentException>(() => MultinomialSampler.Sample(random, 5, [1L, -2L], new long[2]));
        Assert.Throws<ArgumentException>(() => MultinomialSampler.Sample(random, 5, [0.5, double.NaN], new long[2]));
        // Nothing to distribute is fine even when every category is empty.
        var result = new long[2];
        MultinomialSampler.Sample(random, 0, [0L, 0L], result);
        Assert.Equal([0L, 0L], result);
    }
}
