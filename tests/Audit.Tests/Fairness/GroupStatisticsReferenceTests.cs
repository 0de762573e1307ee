using Audit.Data;
using Audit.Fairness;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Audit.Tests.Fairness;

public sealed class GroupStatisticsReferenceTests
{
    /// <summary>
    /// Accumulate gives exactly what a plain row-by-row loop gives (counts, and weight sums to the bit), for one to
    /// three attributes, with or without labels (any label above 1 is unknown) and weights, over enough rows to span
    /// several internal blocks.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property AccumulateEqualsRowByRowLoop(PositiveInt seed, PositiveInt size, bool withLabels, bool withWeights)
    {
        var n = size.Get % 10_000 + 1;
        var random = new Random(seed.Get);
        var attributes = random.Next(1, 4);
        var groups = Enumerable.Range(0, attributes).Select(a =>
        {
            var levels = random.Next(1, 6);
            return new GroupAssignment("a" + a, Enumerable.Range(0, n).Select(_ => random.Next(levels)).ToArray(),
                Enumerable.Range(0, levels).Select(i => "g" + i).ToArray());
        }).ToArray();
        var decisions = Enumerable.Range(0, n).Select(_ => (byte)random.Next(2)).ToArray();
        byte[] labels = withLabels
            ? Enumerable.Range(0, n).Select(_ => random.Next(4) switch { 0 => (byte)0, 1 => (byte)1, 2 => BooleanColumn.Missing, _ => (byte)random.Next(2, 255) }).ToArray()
            : [];
        double[] weights = withWeights ? Enumerable.Range(0, n).Select(_ => random.NextDouble() * 3).ToArray() : [];

        var stats = GroupStatistics.Accumulate(groups, decisions, labels, weights);

        var cells = groups.Aggregate(1, (c, g) => c * g.Levels.Length);
        var counts = new long[cells, 3, 2];
        var sums = new double[cells, 3, 2];
        for (var i = 0; i < n; i++)
        {
            var cell = groups.Aggregate(0, (c, g) => c * g.Levels.Length + g.Codes[i]);
            var label = labels.Length == 0 || labels[i] > 1 ? 2 : labels[i];
            counts[cell, label, decisions[i]]++;
            sums[cell, label, decisions[i]] += weights.Length == 0 ? 1.0 : weights[i];
        }
        var same = stats.CellCount == cells && Enumerable.Range(0, cells).All(c =>
            Enumerable.Range(0, 3).All(l => Enumerable.Range(0, 2).All(d =>
                stats.Cell(c).Count(l, d) == counts[c, l, d]
                && BitConverter.DoubleToInt64Bits(stats.Cell(c).Weight(l, d)) == BitConverter.DoubleToInt64Bits(sums[c, l, d]))));
        return same.ToProperty();
    }
}
