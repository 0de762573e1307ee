using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Plan;
using Audit.Results;

namespace Audit;

/// <summary>How a protected attribute of counted statistics is compared: its reference group (null: the largest) and, for a
/// numeric attribute the engine banded, the band edges it used (reported with the groups).</summary>
public sealed record CountedAttribute(string? Reference = null, IReadOnlyList<double>? Bands = null);

/// <summary>
/// The fairness section from <see cref="GroupStatistics"/> counted outside Audit (docs/national-scale.md: a
/// <c>GROUP BY</c> where the data lives, read by <see cref="GroupByCounts.FromGroupBy"/>, or statistics merged across
/// machines), computed by the same <see cref="FairnessAnalysis.Analyze"/> that a run over rows uses, so that no
/// metric, verdict or suppression rule is written a second time for counts.
/// </summary>
/// <remarks>
/// <see cref="FairnessAnalysis.Analyze"/> takes rows, so the statistics are given to it as the rows they count: one row per
/// counted row, with its cell's groups, label and decision (and, when weighted, the slot's weight sum on its first row,
/// 0 on the others). Every statistic it accumulates from them equals the one given, so every number equals a run over the
/// original rows: exactly for unweighted and frequency-weighted counts (the bootstrap is then a multinomial draw over
/// the cells, a function of the counts alone). Sampling-weighted counts cannot be bootstrapped (the Poisson bootstrap
/// needs each row's own weight), so that case is refused unless the bootstrap is off. Memory grows with the rows
/// counted (a byte per row for the decision and the label, an int per row and attribute); the fairness frame of
/// issue 17, item 1, which takes statistics directly, removes that.
/// </remarks>
public static class CountedFairness
{
    /// <param name="attributes">One per attribute of <paramref name="statistics"/>, in order; null: every reference the largest group.</param>
    /// <param name="weights">Whether the slots' weights are frequency or sampling weights; null when the rows were unweighted.</param>
    /// <param name="options">Its <see cref="FairnessOptions.Intersections"/> index the attributes of <paramref name="statistics"/>.</param>
    public static FairnessSection Analyze(GroupStatistics statistics, FairnessOptions options, IReadOnlyList<CountedAttribute>? attributes = null, WeightKind? weights = null)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(options);
        attributes ??= statistics.Attributes.Select(_ => new CountedAttribute()).ToArray();
        if (attributes.Count != statistics.Attributes.Count)
        {
            throw new AuditInputException($"{attributes.Count} attribute settings for statistics over {statistics.Attributes.Count} attributes",
                expected: "one CountedAttribute per attribute of the statistics, in order");
        }
        if (weights == WeightKind.Sampling && options.BootstrapReplicates > 0)
        {
            throw new AuditInputException("the bootstrap of sampling-weighted data needs each row's weight, which counts do not keep",
                expected: "BootstrapReplicates = 0 with sampling weights", hint: "turn the bootstrap off, or give the rows");
        }
        var rows = checked((int)statistics.Overall().Count());
        var codes = statistics.Attributes.Select(_ => new int[rows]).ToArray();
        var decisions = new byte[rows];
        var labels = new byte[rows];
        var rowWeights = weights is null ? [] : new double[rows];
        var counts = statistics.RawCounts;
        var sums = statistics.RawWeights;
        var slots = counts.Length / statistics.CellCount; // label (0, 1, unknown) × decision (0, 1), GroupStatistics.RawCounts
        var row = 0;
        for (var cell = 0; cell < statistics.CellCount; cell++)
        {
            var cellCodes = CodesOf(statistics, cell);
            for (var slot = 0; slot < slots; slot++)
            {
                var n = counts[cell * slots + slot];
                var label = slot / 2 == ConfusionCounts.UnknownLabel ? Data.BooleanColumn.Missing : (byte)(slot / 2);
                for (var k = 0; k < n; k++, row++)
                {
                    for (var a = 0; a < cellCodes.Length; a++)
                    {
                        codes[a][row] = cellCodes[a];
                    }
                    decisions[row] = (byte)(slot % 2);
                    labels[row] = label;
                    if (weights is not null)
                    {
                        // The slot's first row carries its whole weight sum and the others 0, so that the sum is the given one
                        // exactly (sharing it equally would round: 7/3 three times is not 7).
                        rowWeights[row] = k == 0 ? sums[cell * slots + slot] : 0;
                    }
                }
            }
        }
        var labelled = Enumerable.Range(0, statistics.CellCount).Any(c => statistics.Cell(c).Count(label: 0) + statistics.Cell(c).Count(label: 1) > 0);
        var inputs = statistics.Attributes
            .Select((name, a) => new AttributeInput(new GroupAssignment(name, codes[a], statistics.Levels[a]), attributes[a].Bands, attributes[a].Reference))
            .ToArray();
        return FairnessAnalysis.Analyze(inputs, decisions, labelled ? labels : [], rowWeights,
            options with { FrequencyWeights = weights == WeightKind.Frequency });
    }

    /// <summary>Each attribute's level code of a cell (the last attribute varies fastest, <see cref="GroupStatistics.RawCounts"/>).</summary>
    private static int[] CodesOf(GroupStatistics statistics, int cell)
    {
        var levels = statistics.Levels;
        var result = new int[levels.Count];
        for (var a = levels.Count - 1; a >= 0; a--)
        {
            result[a] = cell % levels[a].Length;
            cell /= levels[a].Length;
        }
        return result;
    }
}
