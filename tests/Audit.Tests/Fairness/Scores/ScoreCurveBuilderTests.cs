using Audit.Fairness;
using Audit.Fairness.Scores;

namespace Audit.Tests.Fairness.Scores;

public sealed class ScoreCurveBuilderTests
{
    private static ScoreStatistics Deciles(out int[] decile, out byte[] labels)
    {
        // 200 people, deciles 1..10 (20 each); the adverse outcome in half of deciles 6-10 and in none of 1-5.
        decile = Enumerable.Range(0, 200).Select(i => 1 + i % 10).ToArray();
        labels = decile.Select((d, i) => (byte)(d >= 6 && i % 20 < 10 ? 1 : 0)).ToArray();
        var scores = decile.Select(d => (double)d).ToArray();
        var group = new GroupAssignment("all", new int[200], ["all"]);
        return ScoreStatistics.Accumulate([group], scores, labels, [], 1, 10);
    }

    [Fact]
    public void ADecileScoreGetsOneBinPerDecileWithEdgesHalfwayBetween()
    {
        var stats = Deciles(out _, out _);
        var curves = ScoreCurveBuilder.Build(stats.Cell(0), 1, 10, withLabels: true, withCalibration: false, stats.Overall());
        Assert.Equal(11, curves.Edges.Count);
        for (var d = 1; d <= 10; d++)
        {
            Assert.InRange(0.5 * (curves.Edges[d - 1] + curves.Edges[d]), d - 0.01, d + 0.01);
        }
        Assert.All(curves.Shares, s => Assert.Equal(0.1, s!.Value, 12));
    }

    [Fact]
    public void TheRocCurveRunsFromNobodyToEverybodyAndClimbsWhereTheOutcomesAre()
    {
        var stats = Deciles(out _, out _);
        var roc = ScoreCurveBuilder.Build(stats.Cell(0), 1, 10, withLabels: true, withCalibration: false, stats.Overall()).Roc!;
        Assert.Equal((0.0, 0.0), (roc[0].FalsePositiveRate, roc[0].TruePositiveRate));
        Assert.Equal((1.0, 1.0), (roc[^1].FalsePositiveRate, roc[^1].TruePositiveRate));
        for (var i = 1; i < roc.Count; i++)
        {
            Assert.True(roc[i].FalsePositiveRate >= roc[i - 1].FalsePositiveRate && roc[i].TruePositiveRate >= roc[i - 1].TruePositiveRate);
        }
        // Flagging deciles 6-10 catches every adverse outcome (50 of 50) and 50 of the 150 others.
        Assert.Contains(roc, p => Math.Abs(p.TruePositiveRate - 1) < 1e-12 && Math.Abs(p.FalsePositiveRate - 50.0 / 150) < 1e-12);
    }

    [Fact]
    public void ABinWithTooFewPeopleIsLeftOutButAnEmptyOneIsZero()
    {
        var scores = Enumerable.Range(0, 1000).Select(i => i < 995 ? i / 1000.0 * 0.5 : 0.99).ToArray();
        var group = new GroupAssignment("all", new int[scores.Length], ["all"]);
        var stats = ScoreStatistics.Accumulate([group], scores, [], [], 0, 1);
        var curves = ScoreCurveBuilder.Build(stats.Cell(0), 1, 10, withLabels: false, withCalibration: false, stats.Overall());
        Assert.Equal(ScoreCurveBuilder.HistogramBins + 1, curves.Edges.Count);
        Assert.Null(curves.Shares[^1]);   // 5 people in the top bin: suppressed
        Assert.Equal(0.0, curves.Shares[15]);  // nobody between 0.75 and 0.8
        Assert.Null(curves.Roc);
        // The shares add up to 1, so the smallest shown bin with people in it is hidden too (else the top bin is 1 − the rest).
        Assert.Equal(2, curves.Shares.Count(s => s is null));
        var shown = curves.Shares.Where(s => s is > 0).Select(s => s!.Value).ToArray();
        var complement = 0.995 - shown.Sum();
        Assert.True(complement > 0 && complement <= shown.Min() + 1e-12, $"the complement ({complement}) is the smallest bin with people");
    }

    [Fact]
    public void ALowAdverseScoreIsDrawnInItsOwnUnitsAscending()
    {
        var stats = Deciles(out _, out _);
        var curves = ScoreCurveBuilder.Build(stats.Cell(0), -1, 10, withLabels: true, withCalibration: false, stats.Overall());
        Assert.True(curves.Edges.Zip(curves.Edges.Skip(1)).All(p => p.First < p.Second));
        Assert.InRange(curves.Edges[0], -10.6, -10.4);
    }
}
