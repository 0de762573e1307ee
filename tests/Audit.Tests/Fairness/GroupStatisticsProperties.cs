using Audit.Data;
using Audit.Fairness;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Audit.Tests.Fairness;

public sealed class GroupStatisticsProperties
{
    /// <summary>Statistics are additive: accumulating two chunks and merging equals accumulating all rows at once.</summary>
    [Property(MaxTest = 200)]
    public Property MergeOfChunksEqualsTheWhole(PositiveInt seed, PositiveInt size, NonNegativeInt cutAt)
    {
        var n = size.Get % 300 + 1;
        var cut = cutAt.Get % (n + 1);
        var random = new Random(seed.Get);
        var codes = Enumerable.Range(0, n).Select(_ => random.Next(4)).ToArray();
        var decisions = Enumerable.Range(0, n).Select(_ => (byte)random.Next(2)).ToArray();
        var labels = Enumerable.Range(0, n).Select(_ => random.Next(3) switch { 0 => (byte)0, 1 => (byte)1, _ => BooleanColumn.Missing }).ToArray();
        var weights = Enumerable.Range(0, n).Select(_ => (double)random.Next(1, 5)).ToArray();
        string[] levels = ["a", "b", "c", "d"];

        var whole = GroupStatistics.Accumulate([new GroupAssignment("g", codes, levels)], decisions, labels, weights);
        var first = GroupStatistics.Accumulate([new GroupAssignment("g", codes[..cut], levels)], decisions.AsSpan(0, cut), labels.AsSpan(0, cut), weights.AsSpan(0, cut));
        var second = GroupStatistics.Accumulate([new GroupAssignment("g", codes[cut..], levels)], decisions.AsSpan(cut), labels.AsSpan(cut), weights.AsSpan(cut));
        var merged = first.Merge(second);

        var same = Enumerable.Range(0, whole.CellCount).All(c =>
        {
            var x = whole.Cell(c);
            var y = merged.Cell(c);
            return Enumerable.Range(0, 3).All(l => Enumerable.Range(0, 2).All(d =>
                x.Count(l, d) == y.Count(l, d) && x.Weight(l, d) == y.Weight(l, d)));
        });
        return same.ToProperty();
    }

    /// <summary>Every row lands in exactly one cell: cell counts add up to the number of rows, and flagged counts to the flags.</summary>
    [Property(MaxTest = 100)]
    public Property CellsPartitionTheRows(PositiveInt seed, PositiveInt size)
    {
        var n = size.Get % 500 + 1;
        var random = new Random(seed.Get);
        var a = new GroupAssignment("a", Enumerable.Range(0, n).Select(_ => random.Next(3)).ToArray(), ["x", "y", "z"]);
        var b = new GroupAssignment("b", Enumerable.Range(0, n).Select(_ => random.Next(2)).ToArray(), ["p", "q"]);
        var decisions = Enumerable.Range(0, n).Select(_ => (byte)random.Next(2)).ToArray();
        var stats = GroupStatistics.Accumulate([a, b], decisions, [], []);
        var total = Enumerable.Range(0, stats.CellCount).Sum(c => stats.Cell(c).Count());
        var flagged = Enumerable.Range(0, stats.CellCount).Sum(c => stats.Cell(c).Count(decision: 1));
        return (stats.CellCount == 6 && total == n && flagged == decisions.Sum(d => d)).ToProperty();
    }
}
