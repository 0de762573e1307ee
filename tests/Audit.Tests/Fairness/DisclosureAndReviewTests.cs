using Audit.Data;
using Audit.Fairness;
using Audit.Models;
using Audit.Results;

namespace Audit.Tests.Fairness;

/// <summary>Defects found in review, each pinned by the case that showed it.</summary>
public sealed class DisclosureAndReviewTests
{
    /// <summary>
    /// A and B have 20 rows with label 1 each (TPR 10/20 and 12/20); C has 100 rows but 3 with label 1, so its
    /// label-based rates are hidden. The TPR spread (0.1) and its bootstrap interval must both ignore C.
    /// </summary>
    [Fact]
    public void SpreadIntervalsIgnoreGroupsWhoseValueIsHidden()
    {
        var population = new TestPopulation()
            .Add("A", 10, 1, 1).Add("A", 10, 0, 1).Add("A", 30, 1, 0).Add("A", 30, 0, 0)
            .Add("B", 12, 1, 1).Add("B", 8, 0, 1).Add("B", 30, 1, 0).Add("B", 30, 0, 0)
            .Add("C", 3, 1, 1).Add("C", 50, 1, 0).Add("C", 47, 0, 0)
            // A second group with hidden label metrics, so that complementary suppression need not hide A's or B's.
            .Add("D", 2, 1, 1).Add("D", 50, 1, 0).Add("D", 48, 0, 0);
        var attribute = FairnessAnalysis.Analyze([new AttributeInput(population.Groups, null, "A")], population.Decisions, population.Labels, [],
            new FairnessOptions()).Attributes[0];
        Assert.True(attribute.Groups[2].Rates["truePositiveRate"].Suppressed);
        var spread = attribute.BetweenGroups["truePositiveRate"];
        Assert.Equal(0.6 - 0.5, spread.Difference.Value!.Value, 12);
        Assert.InRange(spread.Difference.Value!.Value, spread.Difference.Ci![0], spread.Difference.Ci[1]);
        Assert.InRange(spread.Ratio.Value!.Value, spread.Ratio.Ci![0], spread.Ratio.Ci[1]);
    }

    /// <summary>
    /// With one group shown and the others hidden, "distance to the rest" would be the hidden groups' distribution. C (1 row)
    /// is suppressed, B (50) is hidden by complementary suppression (else C = everybody - A - B), and A has nobody to compare with.
    /// </summary>
    [Fact]
    public void DistanceToTheRestLeavesSuppressedGroupsOut()
    {
        var groups = Enumerable.Repeat("A", 100).Concat(Enumerable.Repeat("B", 50)).Append("C").ToArray<string?>();
        var scores = Enumerable.Range(0, 151).Select(i => i / 151.0).ToArray();
        var assignment = GroupAssignment.FromColumn(CategoricalColumn.FromValues("g", groups), null);
        var result = FairnessAnalysis.Analyze([new AttributeInput(assignment, null, null)], new byte[151], [], [], new FairnessOptions(),
            new ScoreInput(scores, AdverseTail.High, IsProbability: false));
        var a = result.Attributes[0].Groups[0];
        Assert.Null(a.Scores!.DistanceToRest.Value);
        Assert.Null(result.Attributes[0].Groups[1].Scores);
        Assert.Null(result.Attributes[0].Groups[2].Scores);
    }

    [Fact]
    public void NonFiniteValuesNeverReachTheJson()
    {
        Assert.Null(Metric.Of(double.PositiveInfinity).Value);
        Assert.Equal("infinite", Metric.Of(double.PositiveInfinity).Undefined);
        Assert.Equal("not a number", Metric.Of(double.NaN).Undefined);
        var population = new TestPopulation().Add("A", 20, 1, 0).Add("A", 20, 0, 0);
        var result = FairnessAnalysis.Analyze([new AttributeInput(population.Groups, null, null)], population.Decisions, population.Labels, [],
            new FairnessOptions { EntropyAlpha = 0, BootstrapReplicates = 0 });
        Assert.Null(result.Inequality!.GeneralizedEntropyIndex.Value); // α = 0 with a benefit of 0 is infinite
    }

    /// <summary>Sampling weights, 60 × 60 cells and 1,000 replicates: 21.6 M counts, past the bound, refused before any allocation.</summary>
    [Fact]
    public void APoissonBootstrapTooLargeForMemoryIsRefusedWithAHint()
    {
        var levels = Enumerable.Range(0, 60).Select(i => "L" + i).ToArray();
        var a = new GroupAssignment("a", Enumerable.Range(0, 120).Select(i => i % 60).ToArray(), levels);
        var b = new GroupAssignment("b", Enumerable.Range(0, 120).Select(i => i / 2).ToArray(), levels);
        var weights = Enumerable.Repeat(1.5, 120).ToArray();
        var error = Assert.Throws<AuditInputException>(() => FairnessAnalysis.Analyze(
            [new AttributeInput(a, null, null), new AttributeInput(b, null, null)], new byte[120], [], weights,
            new FairnessOptions { Intersections = FairnessOptions.Pairs(2) }));
        Assert.Contains("inference.bootstrap", error.Hint);
    }
}
