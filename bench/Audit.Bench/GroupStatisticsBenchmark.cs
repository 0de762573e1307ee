using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using BenchmarkDotNet.Attributes;

namespace Audit.Bench;

/// <summary>
/// <see cref="GroupStatistics.Accumulate"/> over 1,000,000 rows: one protected attribute with 6 groups,
/// labels 0, 1 or unknown, decisions 0/1; unweighted, or with a sampling weight per row.
/// </summary>
[MemoryDiagnoser]
public class GroupStatisticsBenchmark
{
    public const int Rows = 1_000_000;

    private const int Seed = 20261124;

    private GroupAssignment[] groups = [];
    private byte[] decisions = [];
    private byte[] labels = [];
    private double[] weights = [];

    /// <summary>With a weight per row (between 0.5 and 3), or unweighted (an empty weight span).</summary>
    [Params(false, true)]
    public bool Weighted { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(Seed);
        var codes = new int[Rows];
        decisions = new byte[Rows];
        labels = new byte[Rows];
        weights = Weighted ? new double[Rows] : [];
        for (var i = 0; i < Rows; i++)
        {
            codes[i] = random.Next(6);
            decisions[i] = random.NextDouble() < 0.1 ? (byte)1 : (byte)0;
            // About 70 % of rows were never investigated, so their label is unknown.
            var u = random.NextDouble();
            labels[i] = u < 0.7 ? BooleanColumn.Missing : u < 0.9 ? (byte)0 : (byte)1;
            if (Weighted)
            {
                weights[i] = 0.5 + 2.5 * random.NextDouble();
            }
        }
        groups = [new GroupAssignment("region", codes, ["A", "B", "C", "D", "E", "F"])];
    }

    [Benchmark]
    public GroupStatistics Accumulate() => GroupStatistics.Accumulate(groups, decisions, labels, weights);
}
