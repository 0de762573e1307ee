using Audit.Data;
using Audit.Fairness;
using MathNet.Numerics.Random;

namespace Audit.Tests.Fairness.Bootstrap;

/// <summary>
/// A synthetic table for the bootstrap tests: four groups of unequal size (40, 30, 20 and 10 % of the rows) flagged
/// at 10, 15, 20 and 30 %; labels depend on the decision (flagged: 50 % label 1, 40 % label 0, 10 % unknown; not
/// flagged: 10 %, 50 %, 40 %); weights, when asked for, between 0.5 and 3.
/// </summary>
internal sealed record BootstrapPopulation(GroupAssignment Groups, byte[] Decisions, byte[] Labels, double[] Weights)
{
    public static readonly string[] Levels = ["A", "B", "C", "D"];

    public static BootstrapPopulation Create(int rows, int seed, bool weighted = false, bool wholeWeights = false)
    {
        var random = new Xoshiro256StarStar(seed, threadSafe: false);
        double[] shares = [0.4, 0.3, 0.2, 0.1];
        double[] flagRates = [0.10, 0.15, 0.20, 0.30];
        var codes = new int[rows];
        var decisions = new byte[rows];
        var labels = new byte[rows];
        var weights = weighted ? new double[rows] : [];
        for (var i = 0; i < rows; i++)
        {
            var u = random.NextDouble();
            var g = 0;
            while (g < 3 && u >= shares[g])
            {
                u -= shares[g];
                g++;
            }
            codes[i] = g;
            decisions[i] = random.NextDouble() < flagRates[g] ? (byte)1 : (byte)0;
            var v = random.NextDouble();
            labels[i] = decisions[i] == 1
                ? v < 0.5 ? (byte)1 : v < 0.9 ? (byte)0 : BooleanColumn.Missing
                : v < 0.1 ? (byte)1 : v < 0.6 ? (byte)0 : BooleanColumn.Missing;
            if (weighted)
            {
                weights[i] = wholeWeights ? random.Next(1, 5) : 0.5 + 2.5 * random.NextDouble();
            }
        }
        return new BootstrapPopulation(new GroupAssignment("group", codes, Levels), decisions, labels, weights);
    }

    public GroupStatistics Statistics() => GroupStatistics.Accumulate([Groups], Decisions, Labels, Weights);

    /// <summary>The rows at the given indices (a row-level bootstrap resample), unweighted.</summary>
    public GroupStatistics StatisticsOfRows(int[] rows)
    {
        var codes = new int[rows.Length];
        var decisions = new byte[rows.Length];
        var labels = new byte[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            codes[i] = Groups.Codes[rows[i]];
            decisions[i] = Decisions[rows[i]];
            labels[i] = Labels[rows[i]];
        }
        return GroupStatistics.Accumulate([new GroupAssignment("group", codes, Levels)], decisions, labels, []);
    }

    /// <summary>Flag rate of a cell (Fairlearn's selection_rate), from the one definition in <see cref="GroupRate"/>.</summary>
    public static double? SelectionRate(ConfusionCounts cell) => GroupRate.SelectionRate.Compute(cell).Value;

    public static double? TruePositiveRate(ConfusionCounts cell) => GroupRate.TruePositiveRate.Compute(cell).Value;

    /// <summary>flag_rate(group) / flag_rate(reference), undefined when nobody in the reference group is flagged.</summary>
    public static double? FlagRateRatio(ConfusionCounts group, ConfusionCounts reference) =>
        SelectionRate(reference) is { } r && r > 0 && SelectionRate(group) is { } g ? g / r : null;
}
