using Audit.Data;
using Audit.Fairness;

namespace Audit.Tests.Fairness;

public sealed class GroupStatisticsFromCellsTests
{
    /// <summary>Raw arrays round-trip: statistics rebuilt from an accumulation's cells have the same counts and weights per cell.</summary>
    [Fact]
    public void FromCellsRebuildsTheStatisticsOfItsRawArrays()
    {
        var a = new GroupAssignment("sex", [0, 1, 1, 0, 1], ["F", "M"]);
        var b = new GroupAssignment("band", [2, 0, 1, 2, 2], ["<25", "25-49", "50+"]);
        byte[] decisions = [1, 0, 1, 1, 0];
        byte[] labels = [1, 0, BooleanColumn.Missing, 0, 1];
        double[] weights = [1.5, 2, 0.5, 3, 1];
        var stats = GroupStatistics.Accumulate([a, b], decisions, labels, weights);

        var rebuilt = GroupStatistics.FromCells(stats.Attributes, stats.Levels, stats.RawCounts.ToArray(), stats.RawWeights.ToArray());

        Assert.Equal(stats.CellCount, rebuilt.CellCount);
        Assert.Equal(stats.RawCounts.ToArray(), rebuilt.RawCounts.ToArray());
        Assert.Equal(stats.RawWeights.ToArray(), rebuilt.RawWeights.ToArray());
        // The layout: cell × 6 + label × 2 + decision. Row 0 is (F, 50+) = cell 0 × 3 + 2 = 2, label 1, flagged.
        Assert.Equal(1, stats.RawCounts[2 * 6 + 1 * 2 + 1]);
        Assert.Equal(1.5, stats.RawWeights[2 * 6 + 1 * 2 + 1]);
        Assert.Equal(["F", "50+"], rebuilt.CellLabels(2));
    }

    [Fact]
    public void FromCellsCopiesItsArrays()
    {
        var counts = new long[6];
        var weights = new double[6];
        counts[1] = 4;
        weights[1] = 4;
        var stats = GroupStatistics.FromCells(["g"], [["a"]], counts, weights);
        counts[1] = 99;
        Assert.Equal(4, stats.Cell(0).Count(decision: 1));
    }

    [Fact]
    public void FromCellsRefusesArraysOfTheWrongShape()
    {
        Assert.Throws<ArgumentException>(() => GroupStatistics.FromCells(["g"], [["a", "b"]], new long[6], new double[6]));
        Assert.Throws<ArgumentException>(() => GroupStatistics.FromCells(["g"], [["a"]], new long[6], new double[12]));
        Assert.Throws<ArgumentException>(() => GroupStatistics.FromCells(["g", "h"], [["a"]], new long[6], new double[6]));
        Assert.Throws<ArgumentException>(() => GroupStatistics.FromCells([], [], [], []));
        Assert.Throws<ArgumentException>(() => GroupStatistics.FromCells(["g"], [[]], [], []));
        Assert.Throws<ArgumentException>(() => GroupStatistics.FromCells(["g"], [["a"]], [0, -1, 0, 0, 0, 0], new double[6]));
    }
}
