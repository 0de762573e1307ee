using Audit.Fairness;
using Audit.Fairness.Bootstrap;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace Audit.Tests.Fairness.Bootstrap;

public sealed class StatisticsBootstrapTests
{
    private const int Replicates = 2000;

    /// <summary>
    /// The statistics-level bootstrap has the row bootstrap's distribution: on 10,000 rows in 4 groups, the 95 %
    /// percentile intervals of the flag rate of D, the TPR of C and the flag-rate ratio D / A, from R = 2,000 multinomial
    /// replicates (seed 1) and from R = 2,000 resamples of row indices with replacement (seed 2), agree within the
    /// Monte-Carlo error of the two estimates.
    /// <para>
    /// Tolerance: the q-quantile of R draws has standard error √(q(1 − q)/R) / f(ξ_q), f the density of the bootstrap
    /// distribution at the quantile. With a normal f of standard deviation σ, at q = 0.025 (and 0.975):
    /// √(0.025 × 0.975 / 2000) = 0.00349 and φ(1.96) = 0.0584, so 0.0597σ per endpoint; the difference of two independent
    /// estimates has √2 × 0.0597σ = 0.0845σ; the test allows 4 of those, 0.338σ, with σ the standard deviation of the
    /// row-level replicates (for the flag rate of D, σ ≈ √(0.3 × 0.7 / 1000) ≈ 0.0145, a tolerance of ≈ 0.0049).
    /// </para>
    /// </summary>
    [Fact]
    public void StatisticsLevelIntervalsAgreeWithTheRowBootstrap()
    {
        var population = BootstrapPopulation.Create(10_000, seed: 7);
        var stats = population.Statistics();
        string[] names = ["flag rate of D", "TPR of C", "flag-rate ratio D / A"];
        Func<GroupStatistics, double?>[] metrics =
        [
            s => BootstrapPopulation.SelectionRate(s.Cell(3)),
            s => BootstrapPopulation.TruePositiveRate(s.Cell(2)),
            s => BootstrapPopulation.FlagRateRatio(s.Cell(3), s.Cell(0)),
        ];
        var fromStatistics = StatisticsBootstrap.PercentileIntervals(stats,
        [
            cells => BootstrapPopulation.SelectionRate(cells[3]),
            cells => BootstrapPopulation.TruePositiveRate(cells[2]),
            cells => BootstrapPopulation.FlagRateRatio(cells[3], cells[0]),
        ], Replicates, seed: 1);

        var rowValues = metrics.Select(_ => new List<double>()).ToArray();
        var random = new Xoshiro256StarStar(2, threadSafe: false);
        var rows = new int[population.Decisions.Length];
        for (var b = 0; b < Replicates; b++)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = random.Next(rows.Length);
            }
            var replicate = population.StatisticsOfRows(rows);
            for (var j = 0; j < metrics.Length; j++)
            {
                if (metrics[j](replicate) is { } v)
                {
                    rowValues[j].Add(v);
                }
            }
        }

        const double quantileError = 0.0597; // standard errors of a 2.5 % quantile per σ, R = 2000 (see above)
        var tolerancePerSigma = 4 * Math.Sqrt(2) * quantileError;
        Assert.Equal(0.0845, Math.Sqrt(2) * Math.Sqrt(0.025 * 0.975 / Replicates) / Normal.PDF(0, 1, Normal.InvCDF(0, 1, 0.975)), 3);
        for (var j = 0; j < metrics.Length; j++)
        {
            var sorted = rowValues[j].Order().ToArray();
            var lower = SortedArrayStatistics.QuantileCustom(sorted, 0.025, QuantileDefinition.R7);
            var upper = SortedArrayStatistics.QuantileCustom(sorted, 0.975, QuantileDefinition.R7);
            var sigma = sorted.StandardDeviation();
            var tolerance = tolerancePerSigma * sigma;
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{names[j]}: statistics [{fromStatistics[j].Lower:F4}, {fromStatistics[j].Upper:F4}] ({fromStatistics[j].ValidReplicates} valid), " +
                $"rows [{lower:F4}, {upper:F4}] ({sorted.Length} valid), sigma {sigma:F4}, tolerance {tolerance:F4}");
            Assert.Equal(Replicates, fromStatistics[j].ValidReplicates);
            Assert.True(Math.Abs(fromStatistics[j].Lower - lower) <= tolerance, $"{names[j]}: lower {fromStatistics[j].Lower} vs {lower} (tolerance {tolerance})");
            Assert.True(Math.Abs(fromStatistics[j].Upper - upper) <= tolerance, $"{names[j]}: upper {fromStatistics[j].Upper} vs {upper} (tolerance {tolerance})");
        }
    }

    /// <summary>A constant metric has a zero-width interval at the constant.</summary>
    [Fact]
    public void BootstrapOfAConstantIsThatConstant()
    {
        var stats = BootstrapPopulation.Create(500, seed: 3).Statistics();
        var interval = StatisticsBootstrap.PercentileInterval(stats, _ => 0.42, 200, seed: 1);
        Assert.Equal(new BootstrapInterval(0.42, 0.42, 200), interval);
        var fast = StatisticsBootstrap.PercentileIntervals(stats, [_ => 0.42], 200, seed: 1);
        Assert.Equal(new BootstrapInterval(0.42, 0.42, 200), fast[0]);
    }

    /// <summary>
    /// The number of rows is the same in every replicate (a multinomial draw of N), so its interval is [N, N]; and each
    /// replicate's weights equal its counts.
    /// </summary>
    [Property(MaxTest = 50)]
    public Property TheRowCountIsConstantUnderTheBootstrap(PositiveInt seed, PositiveInt size)
    {
        var population = BootstrapPopulation.Create(size.Get % 400 + 1, seed.Get);
        var stats = population.Statistics();
        var n = population.Decisions.Length;
        var interval = StatisticsBootstrap.PercentileInterval(stats, s => s.Overall().Count(), 50, seed.Get);
        var weightsAreCounts = StatisticsBootstrap.Replicates(stats, 20, seed.Get)
            .All(r => r.RawCounts.ToArray().Select(c => (double)c).SequenceEqual(r.RawWeights.ToArray()));
        return (interval == new BootstrapInterval(n, n, 50) && weightsAreCounts).ToProperty();
    }

    /// <summary>Same statistics, count and seed give the same replicates; another seed gives others.</summary>
    [Fact]
    public void ReplicatesAreDeterminedByTheSeed()
    {
        var stats = BootstrapPopulation.Create(2_000, seed: 5).Statistics();
        var first = StatisticsBootstrap.Replicates(stats, 50, seed: 11).Select(r => r.RawCounts.ToArray()).ToArray();
        var again = StatisticsBootstrap.Replicates(stats, 50, seed: 11).Select(r => r.RawCounts.ToArray()).ToArray();
        var other = StatisticsBootstrap.Replicates(stats, 50, seed: 12).Select(r => r.RawCounts.ToArray()).ToArray();
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.All(first, counts => Assert.Equal(2_000, counts.Sum()));
    }

    /// <summary>The fast path over cell counts sees the same replicates as the path over statistics objects.</summary>
    [Fact]
    public void BothPathsGiveTheSameIntervalsForTheSameSeed()
    {
        var stats = BootstrapPopulation.Create(3_000, seed: 9).Statistics();
        var slow = StatisticsBootstrap.PercentileInterval(stats, s => BootstrapPopulation.FlagRateRatio(s.Cell(2), s.Cell(0)), 300, seed: 4, confidence: 0.9);
        var fast = StatisticsBootstrap.PercentileIntervals(stats, [cells => BootstrapPopulation.FlagRateRatio(cells[2], cells[0])], 300, seed: 4, confidence: 0.9);
        Assert.Equal(slow, fast[0]);
    }

    /// <summary>
    /// Percentiles by R's type 7: 11 replicates with values 0, 1, …, 10 give, at 95 %, h = 10 × 0.025 = 0.25 and
    /// h = 10 × 0.975 = 9.75, so [0.25, 9.75]; undefined values are skipped and counted out.
    /// </summary>
    [Fact]
    public void PercentilesAreRType7OverTheDefinedReplicates()
    {
        var replicates = Enumerable.Range(0, 14).Select(k =>
        {
            var counts = new long[6];
            counts[0] = k;
            return GroupStatistics.FromCells(["g"], [["a"]], counts, counts.Select(c => (double)c).ToArray());
        }).ToArray();
        // Values 0..10 are defined; 11 is null, 12 is NaN and 13 infinite: undefined.
        double? Metric(GroupStatistics s) => s.Overall().Count() switch
        {
            <= 10 and var c => c,
            11 => null,
            12 => double.NaN,
            _ => double.PositiveInfinity,
        };
        var interval = StatisticsBootstrap.PercentileInterval(replicates, Metric);
        Assert.Equal(0.25, interval.Lower, 12);
        Assert.Equal(9.75, interval.Upper, 12);
        Assert.Equal(11, interval.ValidReplicates);
        var none = StatisticsBootstrap.PercentileInterval(replicates, _ => null);
        Assert.False(none.IsDefined);
        Assert.True(double.IsNaN(none.Lower) && double.IsNaN(none.Upper));
    }

    /// <summary>Sampling weights cannot be resampled through slot counts: refused, with a pointer to the Poisson bootstrap.</summary>
    [Fact]
    public void SamplingWeightsAreRefused()
    {
        var stats = BootstrapPopulation.Create(100, seed: 1, weighted: true).Statistics();
        var error = Assert.Throws<ArgumentException>(() => StatisticsBootstrap.Replicates(stats, 10, seed: 1));
        Assert.Contains("PoissonBootstrap", error.Message);
    }

    /// <summary>
    /// Frequency weights resample people: a slot of weight w counts w people, so every replicate has Σw people, and a
    /// table where each row stands for 3 people is the table of its rows repeated three times.
    /// </summary>
    [Fact]
    public void FrequencyWeightsResampleThePeopleTheRowsStandFor()
    {
        var stats = BootstrapPopulation.Create(1_000, seed: 2).Statistics();
        var tripled = GroupStatistics.FromCells(stats.Attributes, stats.Levels, stats.RawCounts.ToArray(), stats.RawWeights.ToArray().Select(w => 3 * w).ToArray());
        var expanded = GroupStatistics.FromCells(stats.Attributes, stats.Levels, stats.RawCounts.ToArray().Select(c => 3 * c).ToArray(), stats.RawWeights.ToArray().Select(w => 3 * w).ToArray());
        var fromWeights = StatisticsBootstrap.Replicates(tripled, 30, seed: 8, frequencyWeights: true).Select(r => r.RawCounts.ToArray()).ToArray();
        var fromRows = StatisticsBootstrap.Replicates(expanded, 30, seed: 8).Select(r => r.RawCounts.ToArray()).ToArray();
        Assert.Equal(fromRows, fromWeights);
        Assert.All(fromWeights, counts => Assert.Equal(3_000, counts.Sum()));
    }
}
