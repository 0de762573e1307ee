using Audit.Fairness;
using Audit.Fairness.Bootstrap;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Audit.Tests.Fairness.Bootstrap;

public sealed class PoissonBootstrapTests
{
    private static GroupStatistics[] Replicates(BootstrapPopulation p, int from, int to, int replicates, int seed) =>
        PoissonBootstrap.Accumulate(
            [new GroupAssignment("group", p.Groups.Codes[from..to], BootstrapPopulation.Levels)],
            p.Decisions.AsSpan(from, to - from),
            p.Labels.AsSpan(from, to - from),
            p.Weights.Length == 0 ? [] : p.Weights.AsSpan(from, to - from),
            replicates, seed, firstRowIndex: from);

    private static bool SameReplicates(GroupStatistics[] x, GroupStatistics[] y) =>
        x.Length == y.Length && x.Zip(y).All(p =>
            p.First.RawCounts.SequenceEqual(p.Second.RawCounts) && p.First.RawWeights.SequenceEqual(p.Second.RawWeights));

    /// <summary>
    /// Two chunks with their row offsets, merged in either order, give exactly the replicates of one pass: a row's
    /// multipliers depend on (seed, row, replicate) only. Exact for unweighted rows and whole-number weights.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property ChunksMergeIntoTheReplicatesOfOnePass(PositiveInt seed, PositiveInt size, NonNegativeInt cutAt, bool weighted)
    {
        var n = size.Get % 300 + 1;
        var cut = cutAt.Get % (n + 1);
        var population = BootstrapPopulation.Create(n, seed.Get, weighted, wholeWeights: true);
        var whole = Replicates(population, 0, n, 25, seed.Get);
        var first = Replicates(population, 0, cut, 25, seed.Get);
        var second = Replicates(population, cut, n, 25, seed.Get);
        return (SameReplicates(whole, PoissonBootstrap.Merge(first, second))
            && SameReplicates(whole, PoissonBootstrap.Merge(second, first))).ToProperty();
    }

    /// <summary>With fractional weights the counts still merge exactly; weight sums agree up to the order of addition.</summary>
    [Fact]
    public void FractionalWeightsMergeUpToRounding()
    {
        var population = BootstrapPopulation.Create(1_000, seed: 4, weighted: true);
        var whole = Replicates(population, 0, 1_000, 40, seed: 6);
        var merged = PoissonBootstrap.Merge(Replicates(population, 0, 377, 40, seed: 6), Replicates(population, 377, 1_000, 40, seed: 6));
        for (var b = 0; b < whole.Length; b++)
        {
            Assert.Equal(whole[b].RawCounts.ToArray(), merged[b].RawCounts.ToArray());
            for (var s = 0; s < whole[b].RawWeights.Length; s++)
            {
                Assert.Equal(whole[b].RawWeights[s], merged[b].RawWeights[s], 1e-12 * Math.Max(1, whole[b].RawWeights[s]));
            }
        }
    }

    /// <summary>Same rows, seed and offset give the same replicates; another seed, or another offset, gives others.</summary>
    [Fact]
    public void ReplicatesAreDeterminedBySeedAndRowIndex()
    {
        var population = BootstrapPopulation.Create(500, seed: 2);
        var groups = new GroupAssignment[] { population.Groups };
        GroupStatistics[] Run(int seed, long offset) =>
            PoissonBootstrap.Accumulate(groups, population.Decisions, population.Labels, [], 30, seed, offset);
        Assert.True(SameReplicates(Run(1, 0), Run(1, 0)));
        Assert.False(SameReplicates(Run(1, 0), Run(2, 0)));
        Assert.False(SameReplicates(Run(1, 0), Run(1, 500)));
    }

    /// <summary>
    /// The multipliers are Poisson(1): the total count of a replicate of N rows is a sum of N independent Poisson(1),
    /// i.e. Poisson(N), with mean and variance N. Over 2,000 replicates of 10,000 rows, the mean is within 5 standard
    /// errors (√(N / R) ≈ 2.24) of N and the variance within 5 standard errors (≈ N √(2 / R) ≈ 316) of N.
    /// </summary>
    [Fact]
    public void MultipliersArePoissonOne()
    {
        const int replicates = 2000;
        var population = BootstrapPopulation.Create(10_000, seed: 7);
        var totals = Replicates(population, 0, 10_000, replicates, seed: 3).Select(r => (double)r.Overall().Count()).ToArray();
        var mean = totals.Average();
        var variance = totals.Sum(t => (t - mean) * (t - mean)) / (replicates - 1);
        Assert.InRange(mean, 10_000 - 5 * Math.Sqrt(10_000.0 / replicates), 10_000 + 5 * Math.Sqrt(10_000.0 / replicates));
        Assert.InRange(variance, 10_000 - 5 * 10_000 * Math.Sqrt(2.0 / replicates), 10_000 + 5 * 10_000 * Math.Sqrt(2.0 / replicates));
    }

    /// <summary>A row's weight travels with it: when every row weighs 2.5, every replicate's weight sums are 2.5 × its counts.</summary>
    [Fact]
    public void WeightsAreMultipliedLikeCounts()
    {
        var population = BootstrapPopulation.Create(300, seed: 5);
        var weights = Enumerable.Repeat(2.5, 300).ToArray();
        var replicates = PoissonBootstrap.Accumulate([population.Groups], population.Decisions, population.Labels, weights, 20, seed: 9);
        Assert.All(replicates, r => Assert.Equal(r.RawCounts.ToArray().Select(c => 2.5 * c), r.RawWeights.ToArray()));
    }

    /// <summary>A constant metric has a zero-width interval under the Poisson bootstrap too.</summary>
    [Fact]
    public void BootstrapOfAConstantIsThatConstant()
    {
        var population = BootstrapPopulation.Create(200, seed: 1, weighted: true);
        var replicates = Replicates(population, 0, 200, 100, seed: 2);
        Assert.Equal(new BootstrapInterval(0.42, 0.42, 100), StatisticsBootstrap.PercentileInterval(replicates, _ => 0.42));
    }

    /// <summary>
    /// On unweighted rows the Poisson bootstrap approximates the multinomial one: the 95 % intervals of the flag rate of D,
    /// the TPR of C and the flag-rate ratio D / A from R = 2,000 Poisson replicates (seed 3) and R = 2,000 multinomial
    /// replicates (seed 1) agree within the tolerance of
    /// <see cref="StatisticsBootstrapTests.StatisticsLevelIntervalsAgreeWithTheRowBootstrap"/>: 4 × 0.0845σ = 0.338σ,
    /// σ the standard deviation of the Poisson replicates. (For ratios of counts the two bootstraps differ by O(1/N), far
    /// below that.)
    /// </summary>
    [Fact]
    public void IntervalsAgreeWithTheMultinomialBootstrapOnUnweightedRows()
    {
        const int replicates = 2000;
        var population = BootstrapPopulation.Create(10_000, seed: 7);
        var stats = population.Statistics();
        var poisson = Replicates(population, 0, 10_000, replicates, seed: 3);
        string[] names = ["flag rate of D", "TPR of C", "flag-rate ratio D / A"];
        Func<GroupStatistics, double?>[] metrics =
        [
            s => BootstrapPopulation.SelectionRate(s.Cell(3)),
            s => BootstrapPopulation.TruePositiveRate(s.Cell(2)),
            s => BootstrapPopulation.FlagRateRatio(s.Cell(3), s.Cell(0)),
        ];
        for (var j = 0; j < metrics.Length; j++)
        {
            var fromPoisson = StatisticsBootstrap.PercentileInterval(poisson, metrics[j]);
            var fromMultinomial = StatisticsBootstrap.PercentileInterval(stats, metrics[j], replicates, seed: 1);
            var values = poisson.Select(metrics[j]).OfType<double>().ToArray();
            var mean = values.Average();
            var sigma = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
            var tolerance = 4 * 0.0845 * sigma;
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{names[j]}: Poisson [{fromPoisson.Lower:F4}, {fromPoisson.Upper:F4}], multinomial [{fromMultinomial.Lower:F4}, {fromMultinomial.Upper:F4}], tolerance {tolerance:F4}");
            Assert.Equal(replicates, fromPoisson.ValidReplicates);
            Assert.True(Math.Abs(fromPoisson.Lower - fromMultinomial.Lower) <= tolerance, $"{names[j]}: lower {fromPoisson.Lower} vs {fromMultinomial.Lower}");
            Assert.True(Math.Abs(fromPoisson.Upper - fromMultinomial.Upper) <= tolerance, $"{names[j]}: upper {fromPoisson.Upper} vs {fromMultinomial.Upper}");
        }
    }
}
