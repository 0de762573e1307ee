using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Fairness.Scores;
using BenchmarkDotNet.Attributes;

namespace Audit.Bench;

/// <summary>
/// <see cref="ScoreStatistics.Accumulate"/> over 1,000,000 rows (one protected attribute with 6 groups, labels 0, 1
/// or unknown, unweighted, scores in [0, 1] into 4,096 bins), and the binned AUC and ECE of every group from those
/// statistics.
/// </summary>
[MemoryDiagnoser]
public class ScoreStatisticsBenchmark
{
    public const int Rows = 1_000_000;

    public const int Groups = 6;

    private const int Seed = 20261124;

    private GroupAssignment[] groups = [];
    private double[] scores = [];
    private byte[] labels = [];
    private ScoreStatistics statistics = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(Seed);
        var codes = new int[Rows];
        scores = new double[Rows];
        labels = new byte[Rows];
        for (var i = 0; i < Rows; i++)
        {
            codes[i] = random.Next(Groups);
            // A skewed probability-like score; the label, when known, is Bernoulli(score).
            scores[i] = Math.Pow(random.NextDouble(), 2);
            // About 70 % of rows were never investigated, so their label is unknown.
            labels[i] = random.NextDouble() < 0.7 ? BooleanColumn.Missing : random.NextDouble() < scores[i] ? (byte)1 : (byte)0;
        }
        groups = [new GroupAssignment("region", codes, ["A", "B", "C", "D", "E", "F"])];
        statistics = Accumulate();
    }

    [Benchmark]
    public ScoreStatistics Accumulate() => ScoreStatistics.Accumulate(groups, scores, labels, [], 0, 1, ScoreStatistics.DefaultBins);

    /// <summary>Binned AUC and ECE (10 equal-width bins) of each of the 6 groups.</summary>
    [Benchmark]
    public double AucAndEceForAllGroups()
    {
        var sum = 0.0;
        for (var c = 0; c < statistics.CellCount; c++)
        {
            var cell = statistics.Cell(c);
            sum += ScoreMetrics.Auc(cell)!.Value.Value + ScoreMetrics.ExpectedCalibrationError(cell)!.Value;
        }
        return sum;
    }
}
