using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Fairness.Bootstrap;
using BenchmarkDotNet.Attributes;

namespace Audit.Bench;

/// <summary>
/// Bootstrap intervals on group statistics of 1,000,000 rows with four protected attributes (sex 2, age band 5,
/// region 3, single parent 2 levels), labels 0, 1 or unknown and decisions 0/1. Statistics are kept for every
/// intersection of the attributes, the 4 single attributes to the full crossing: 15 statistics with
/// 12 + 51 + 92 + 60 = 215 cells (1,290 slots).
/// <list type="bullet">
/// <item><see cref="CountMetricsEveryIntersection"/>: 1,000 multinomial replicates of each of the 15 statistics, and the
/// 95 % percentile interval of the flag rate and of the flag-rate ratio (against the largest group of its statistics)
/// of each of the 215 cells: 430 intervals.</item>
/// <item><see cref="PoissonReplicates"/>: the row-level Poisson bootstrap for sampling weights, 100 replicates of the
/// full crossing over the first 100,000 rows (10 million multipliers), for the cost per row and replicate.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class BootstrapBenchmark
{
    public const int Rows = 1_000_000;

    public const int Replicates = 1_000;

    public const int PoissonRows = 100_000;

    public const int PoissonReplicateCount = 100;

    private const int Seed = 20261124;

    private GroupAssignment[] attributes = [];
    private byte[] decisions = [];
    private byte[] labels = [];
    private double[] weights = [];
    private (GroupStatistics Stats, Func<ReadOnlySpan<ConfusionCounts>, double?>[] Metrics)[] intersections = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(Seed);
        int[] levelCounts = [2, 5, 3, 2];
        string[] names = ["sex", "age_band", "region", "single_parent"];
        var codes = levelCounts.Select(_ => new int[Rows]).ToArray();
        decisions = new byte[Rows];
        labels = new byte[Rows];
        weights = new double[Rows];
        for (var i = 0; i < Rows; i++)
        {
            var risk = 0.05;
            for (var a = 0; a < levelCounts.Length; a++)
            {
                codes[a][i] = random.Next(levelCounts[a]);
                risk += 0.02 * codes[a][i];
            }
            decisions[i] = random.NextDouble() < risk ? (byte)1 : (byte)0;
            var u = random.NextDouble();
            labels[i] = u < 0.7 ? BooleanColumn.Missing : u < 0.9 ? (byte)0 : (byte)1;
            weights[i] = 0.5 + 2.5 * random.NextDouble();
        }
        attributes = levelCounts
            .Select((count, a) => new GroupAssignment(names[a], codes[a], Enumerable.Range(0, count).Select(l => $"{names[a]}{l}").ToArray()))
            .ToArray();

        var list = new List<(GroupStatistics, Func<ReadOnlySpan<ConfusionCounts>, double?>[])>();
        for (var mask = 1; mask < 1 << attributes.Length; mask++)
        {
            var chosen = attributes.Where((_, a) => (mask & (1 << a)) != 0).ToArray();
            var stats = GroupStatistics.Accumulate(chosen, decisions, labels, []);
            var reference = Enumerable.Range(0, stats.CellCount).MaxBy(c => stats.Cell(c).Weight());
            var metrics = new List<Func<ReadOnlySpan<ConfusionCounts>, double?>>();
            for (var c = 0; c < stats.CellCount; c++)
            {
                var cell = c;
                metrics.Add(cells => GroupRate.SelectionRate.Compute(cells[cell]).Value);
                metrics.Add(cells => GroupRate.SelectionRate.Compute(cells[reference]).Value is { } r && r > 0
                    && GroupRate.SelectionRate.Compute(cells[cell]).Value is { } g ? g / r : null);
            }
            list.Add((stats, metrics.ToArray()));
        }
        intersections = list.ToArray();
    }

    /// <summary>The total number of cells, for the benchmark's description (215).</summary>
    public int CellCount => intersections.Sum(i => i.Stats.CellCount);

    [Benchmark]
    public int CountMetricsEveryIntersection()
    {
        var defined = 0;
        foreach (var (stats, metrics) in intersections)
        {
            foreach (var interval in StatisticsBootstrap.PercentileIntervals(stats, metrics, Replicates, Seed))
            {
                defined += interval.IsDefined ? 1 : 0;
            }
        }
        return defined;
    }

    [Benchmark]
    public GroupStatistics[] PoissonReplicates() =>
        PoissonBootstrap.Accumulate(
            attributes.Select(a => new GroupAssignment(a.Attribute, a.Codes[..PoissonRows], a.Levels)).ToArray(),
            decisions.AsSpan(0, PoissonRows), labels.AsSpan(0, PoissonRows), weights.AsSpan(0, PoissonRows),
            PoissonReplicateCount, Seed);
}
