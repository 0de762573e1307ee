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

    /// <summary>Chunked parallel accumulation gives the counts of one pass, and the same bits on every run.</summary>
    [Property(MaxTest = 100)]
    public Property ChunkedAccumulationEqualsOnePass(PositiveInt seed, PositiveInt size, PositiveInt chunk)
    {
        var n = size.Get % 2000 + 1;
        var chunkRows = chunk.Get % 300 + 1;
        var random = new Random(seed.Get);
        var a = new GroupAssignment("a", Enumerable.Range(0, n).Select(_ => random.Next(3)).ToArray(), ["x", "y", "z"]);
        var decisions = Enumerable.Range(0, n).Select(_ => (byte)random.Next(2)).ToArray();
        var labels = Enumerable.Range(0, n).Select(_ => (byte)random.Next(2)).ToArray();
        var weights = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 3).ToArray();

        var once = GroupStatistics.Accumulate([a], decisions, labels, weights);
        var chunked = GroupStatistics.AccumulateChunked([a], decisions, labels, weights, chunkRows);
        var again = GroupStatistics.AccumulateChunked([a], decisions, labels, weights, chunkRows);

        var ok = Enumerable.Range(0, once.CellCount).All(c =>
            Enumerable.Range(0, 3).All(l => Enumerable.Range(0, 2).All(d =>
                once.Cell(c).Count(l, d) == chunked.Cell(c).Count(l, d)
                && Math.Abs(once.Cell(c).Weight(l, d) - chunked.Cell(c).Weight(l, d)) <= 1e-9 * (1 + once.Cell(c).Weight(l, d))
                && chunked.Cell(c).Weight(l, d) == again.Cell(c).Weight(l, d))));
        return ok.ToProperty();
    }

    /// <summary>The marginal of a crossing over some attributes equals accumulating those attributes directly.</summary>
    [Property(MaxTest = 100)]
    public Property MarginalsEqualDirectAccumulation(PositiveInt seed, PositiveInt size)
    {
        var n = size.Get % 500 + 1;
        var random = new Random(seed.Get);
        GroupAssignment Attribute(string name, int levels) =>
            new(name, Enumerable.Range(0, n).Select(_ => random.Next(levels)).ToArray(), Enumerable.Range(0, levels).Select(i => name + i).ToArray());
        var a = Attribute("a", 2);
        var b = Attribute("b", 3);
        var c = Attribute("c", 4);
        var decisions = Enumerable.Range(0, n).Select(_ => (byte)random.Next(2)).ToArray();
        var weights = Enumerable.Range(0, n).Select(_ => (double)random.Next(1, 4)).ToArray();

        var finest = GroupStatistics.Accumulate([a, b, c], decisions, [], weights);
        bool Same(GroupStatistics x, GroupStatistics y) =>
            x.Attributes.SequenceEqual(y.Attributes) && x.CellCount == y.CellCount &&
            Enumerable.Range(0, x.CellCount).All(cell => x.CellLabels(cell).SequenceEqual(y.CellLabels(cell)) &&
                Enumerable.Range(0, 2).All(d => x.Cell(cell).Count(decision: d) == y.Cell(cell).Count(decision: d)
                    && x.Cell(cell).Weight(decision: d) == y.Cell(cell).Weight(decision: d)));

        return (Same(finest.Marginal([1]), GroupStatistics.Accumulate([b], decisions, [], weights))
            && Same(finest.Marginal([0, 2]), GroupStatistics.Accumulate([a, c], decisions, [], weights))
            && Same(finest.Marginal([0, 1, 2]), finest)).ToProperty();
    }
}
