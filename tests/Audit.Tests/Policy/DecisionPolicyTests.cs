using Audit.Models;
using Audit.Policy;

namespace Audit.Tests.Policy;

public sealed class DecisionPolicyTests
{
    [Fact]
    public void ThresholdIsInclusiveOnTheAdverseSide()
    {
        double[] scores = [0.2, 0.5, 0.7];
        Assert.Equal([0, 1, 1], new ThresholdPolicy(0.5).Decide(scores, AdverseTail.High).Flags);
        Assert.Equal([1, 1, 0], new ThresholdPolicy(0.5).Decide(scores, AdverseTail.Low).Flags);
    }

    [Fact]
    public void TopFractionBreaksTiesByRowOrderAndReportsThem()
    {
        // 10 rows, top 30 % = 3 rows. Scores 0.9 (row 4), then four rows tied at 0.5 (rows 1, 3, 6, 8).
        double[] scores = [0.1, 0.5, 0.2, 0.5, 0.9, 0.1, 0.5, 0.3, 0.5, 0.0];
        var outcome = new TopFractionPolicy(0.3).Decide(scores, AdverseTail.High);
        Assert.Equal([0, 1, 0, 1, 1, 0, 0, 0, 0, 0], outcome.Flags);
        Assert.Equal(3, outcome.Flagged);
        Assert.Equal(0.5, outcome.Cutoff);
        Assert.Equal(4, outcome.TiedAtCutoff);
        Assert.Equal(2, outcome.TiedAtCutoffFlagged);
    }

    [Fact]
    public void TopFractionFlagsTheFloorOfTheFraction()
    {
        var scores = Enumerable.Range(0, 1005).Select(i => (double)i).ToArray();
        Assert.Equal(100, new TopFractionPolicy(0.1).Decide(scores, AdverseTail.High).Flagged);
        // 0.29 × 100 is 28.999999999999996 in floating point: still 29 rows.
        Assert.Equal(29, new TopFractionPolicy(0.29).Decide(scores.AsSpan(0, 100), AdverseTail.High).Flagged);
    }

    [Fact]
    public void BudgetFlagsTheLowestScoresWhenALowScoreIsAdverse()
    {
        double[] scores = [600, 350, 800, 420];
        var outcome = new BudgetPolicy(2).Decide(scores, AdverseTail.Low);
        Assert.Equal([0, 1, 0, 1], outcome.Flags);
        Assert.Equal(420, outcome.Cutoff);
        Assert.Equal(0, outcome.TiedAtCutoff);
    }

    [Fact]
    public void BudgetLargerThanThePopulationFlagsEveryone()
    {
        Assert.Equal(3, new BudgetPolicy(10).Decide([1.0, 2.0, 3.0], AdverseTail.High).Flagged);
    }
}
