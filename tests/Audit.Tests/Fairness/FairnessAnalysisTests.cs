using Audit.Data;
using Audit.Fairness;
using Audit.Results;

namespace Audit.Tests.Fairness;

public sealed class FairnessAnalysisTests
{
    /// <summary>
    /// 36 people: group A has 20 (8 flagged), B has 12 (6 flagged), C has 4 (1 flagged: a lower flag rate than A, but below the minimum cell of 5).
    /// Labels: A: flagged 8 = 5 with label 1 + 3 with label 0; not flagged 12 = 2 label 1 + 10 label 0.
    ///         B: flagged 6 = 4 label 1 + 2 label 0; not flagged 6 = 1 label 1 + 5 label 0.
    /// </summary>
    private static (GroupAssignment Groups, byte[] Decisions, byte[] Labels) SmallPopulation()
    {
        var population = new TestPopulation()
            .Add("A", 5, 1, 1).Add("A", 3, 1, 0).Add("A", 2, 0, 1).Add("A", 10, 0, 0)
            .Add("B", 4, 1, 1).Add("B", 2, 1, 0).Add("B", 1, 0, 1).Add("B", 5, 0, 0)
            .Add("C", 1, 1, 0).Add("C", 3, 0, 0)
            // Two small groups, C and D, so that neither needs a complementary suppression of B (see DisclosureTests).
            .Add("D", 1, 0, 1).Add("D", 2, 0, 0);
        return (population.Groups, population.Decisions, population.Labels);
    }

    [Fact]
    public void RatesRatiosAndFourFifthsEqualTheHandComputation()
    {
        var (groups, decisions, labels) = SmallPopulation();
        var result = FairnessAnalysis.Analyze([new AttributeInput(groups, null, "A")], decisions, labels, [], new FairnessOptions { MinCellSize = 5 });
        var attribute = Assert.Single(result.Attributes);
        var a = attribute.Groups[0];
        var b = attribute.Groups[1];
        var c = attribute.Groups[2];

        // Selection rates: A 8/20, B 6/12.
        Assert.Equal(8.0 / 20, a.Rates["selectionRate"].Value);
        Assert.Equal(6.0 / 12, b.Rates["selectionRate"].Value);
        // TPR = flagged among label 1: A 5/7, B 4/5. FPR = flagged among label 0: A 3/13, B 2/7.
        Assert.Equal(5.0 / 7, a.Rates["truePositiveRate"].Value);
        Assert.Equal(4.0 / 5, b.Rates["truePositiveRate"].Value!.Value, 15);
        Assert.Equal(3.0 / 13, a.Rates["falsePositiveRate"].Value);
        Assert.Equal(2.0 / 7, b.Rates["falsePositiveRate"].Value);
        // Precision = label 1 among flagged: A 5/8, B 4/6. Base rate: A 7/20, B 5/12.
        Assert.Equal(5.0 / 8, a.Rates["positivePredictiveValue"].Value);
        Assert.Equal(4.0 / 6, b.Rates["positivePredictiveValue"].Value);
        Assert.Equal(7.0 / 20, a.Rates["baseRate"].Value);
        Assert.Equal(5.0 / 12, b.Rates["baseRate"].Value);
        // Flag-rate ratio and difference against the explicit reference A.
        Assert.Equal(1.0, a.FlagRateRatio.Value);
        Assert.Equal((6.0 / 12) / (8.0 / 20), b.FlagRateRatio.Value);
        Assert.Equal(6.0 / 12 - 8.0 / 20, b.FlagRateDifference.Value);
        // Four-fifths: comparator is the least-flagged unsuppressed group, A (0.4); C (1/4) is suppressed and excluded.
        Assert.Equal("A", attribute.FourFifthsComparator!.Label);
        Assert.Equal((1 - 6.0 / 12) / (1 - 8.0 / 20), b.FourFifthsRatio.Value);
        Assert.False(b.AdverseImpact); // 0.8333 is not below 0.8
        // C has 4 rows < 5 (D 3): every number is suppressed, nothing is a zero.
        Assert.True(c.Count.Suppressed);
        Assert.Null(c.Count.Value);
        Assert.True(c.Rates["selectionRate"].Suppressed);
        Assert.True(c.FlagRateRatio.Suppressed);
        Assert.Null(c.AdverseImpact);
        // B's TPR denominator has 5 rows: shown at a minimum cell of 5 (and suppressed at 6, below).
        Assert.Null(b.Rates["truePositiveRate"].Suppressed);
        Assert.Equal(5, b.Rates["truePositiveRate"].N);
    }

    [Fact]
    public void OneSmallLabelCellHidesEveryLabelBasedRateOfTheGroup()
    {
        // At a minimum of 6, B's 5 rows with label 1 are too few. TPR alone hidden would not do: it equals
        // PPV × (flagged with a label) / (label 1 rows), all published. So every label-based rate of B is hidden.
        var (groups, decisions, labels) = SmallPopulation();
        var result = FairnessAnalysis.Analyze([new AttributeInput(groups, null, null)], decisions, labels, [], new FairnessOptions { MinCellSize = 6 });
        var b = result.Attributes[0].Groups[1];
        foreach (var key in new[] { "baseRate", "truePositiveRate", "falsePositiveRate", "positivePredictiveValue", "accuracy", "balancedAccuracy" })
        {
            Assert.True(b.Rates[key].Suppressed, key);
        }
        Assert.Equal(0.5, b.Rates["selectionRate"].Value); // 12 rows: the flag rate is shown
        Assert.True(b.Disparities["falsePositiveRate"].RatioToReference.Suppressed);
        // A's label cells (7, 13, 8, 12) are all at least 6: its label-based rates are shown.
        Assert.Equal(3.0 / 13, result.Attributes[0].Groups[0].Rates["falsePositiveRate"].Value);
    }

    [Fact]
    public void AdverseImpactIsFlaggedBelowFourFifths()
    {
        // X: 10 of 100 flagged (favourable 0.9); Y: 30 of 100 flagged (favourable 0.7): 0.7 / 0.9 = 0.777... < 0.8.
        var groups = Enumerable.Repeat("X", 100).Concat(Enumerable.Repeat("Y", 100)).ToArray<string?>();
        var decisions = Enumerable.Range(0, 200).Select(i => (byte)((i < 10 || (i >= 100 && i < 130)) ? 1 : 0)).ToArray();
        var assignment = GroupAssignment.FromColumn(CategoricalColumn.FromValues("g", groups), null);
        var result = FairnessAnalysis.Analyze([new AttributeInput(assignment, null, null)], decisions, [], [], new FairnessOptions { MinCellSize = 10 });
        var y = result.Attributes[0].Groups[1];
        Assert.Equal(0.7 / 0.9, y.FourFifthsRatio.Value);
        Assert.True(y.AdverseImpact);
        Assert.Equal(3.0, y.FlagRateRatio.Value!.Value, 12);
        // Issue 18: the four-fifths ratio is no finding of its own but the secondary figure of Y's established flag-rate
        // disparity (3.0, Katz interval at 95 % (m = 1) 1.55 to 5.81, wholly above 1.25).
        Assert.Contains(result.Findings, f => f.Kind == Finding.Disparity && f.Group.Label == "Y" && f.FourFifthsRatio == 0.7 / 0.9 && f.Verdict!.Direction == Verdict.Against);
        // Without labels, no label-based rate is reported.
        Assert.False(y.Rates.ContainsKey("truePositiveRate"));
    }

    [Fact]
    public void SamplingWeightsWeightTheRatesButNotTheCounts()
    {
        var groups = GroupAssignment.FromColumn(CategoricalColumn.FromValues("g", ["A", "A", "A", "B", "B"]), null);
        byte[] decisions = [1, 0, 0, 1, 0];
        double[] weights = [3, 1, 1, 1, 4];
        var result = FairnessAnalysis.Analyze([new AttributeInput(groups, null, null)], decisions, [], weights, new FairnessOptions { MinCellSize = 1 });
        var a = result.Attributes[0].Groups[0];
        Assert.Equal(3.0 / 5, a.Rates["selectionRate"].Value);
        Assert.Equal(3, a.Count.Value);
        Assert.Equal(5, a.WeightedCount.Value);
        Assert.Equal(1.0 / 5, result.Attributes[0].Groups[1].Rates["selectionRate"].Value);
    }

    [Fact]
    public void MissingValuesFormTheirOwnGroup()
    {
        var column = CategoricalColumn.FromValues("g", ["b", null, "a", "b"]);
        var groups = GroupAssignment.FromColumn(column, null);
        Assert.Equal(["a", "b", GroupAssignment.MissingLabel], groups.Levels);
        Assert.Equal([1, 2, 0, 1], groups.Codes);
    }

    [Fact]
    public void NumericBandsAreLabelledAndHalfOpen()
    {
        var column = new NumericColumn("age", [17, 18, 24.9, 25, 64, 65, 90, double.NaN]);
        var groups = GroupAssignment.FromColumn(column, [18, 25, 65]);
        Assert.Equal(["<18", "18-24", "25-64", "65+", GroupAssignment.MissingLabel], groups.Levels);
        Assert.Equal([0, 1, 1, 2, 2, 3, 3, 4], groups.Codes);
    }

    [Fact]
    public void ReferenceDefaultsToTheLargestGroupByWeight()
    {
        var groups = GroupAssignment.FromColumn(CategoricalColumn.FromValues("g", ["A", "A", "B"]), null);
        var result = FairnessAnalysis.Analyze([new AttributeInput(groups, null, null)], [0, 1, 1], [], [1, 1, 5], new FairnessOptions { MinCellSize = 1 });
        Assert.Equal("B", result.Attributes[0].Reference!.Label);
        Assert.Equal("largest", result.Attributes[0].ReferenceRule);
    }

    [Fact]
    public void RatioIsUndefinedWhenTheReferenceIsNeverFlagged()
    {
        var groups = GroupAssignment.FromColumn(CategoricalColumn.FromValues("g", ["A", "A", "B"]), null);
        var result = FairnessAnalysis.Analyze([new AttributeInput(groups, null, "A")], [0, 0, 1], [], [], new FairnessOptions { MinCellSize = 1 });
        var b = result.Attributes[0].Groups[1];
        Assert.Null(b.FlagRateRatio.Value);
        Assert.NotNull(b.FlagRateRatio.Undefined);
        Assert.Equal(1.0, b.FlagRateDifference.Value);
    }

    [Fact]
    public void GroupWhoseWeightsSumToZeroIsUndefinedNotACrash()
    {
        var groups = GroupAssignment.FromColumn(CategoricalColumn.FromValues("g", ["A", "A", "B", "B"]), null);
        var result = FairnessAnalysis.Analyze([new AttributeInput(groups, null, "A")], [1, 0, 1, 0], [], [1, 1, 0, 0], new FairnessOptions { MinCellSize = 1 });
        var b = result.Attributes[0].Groups[1];
        Assert.Null(b.Rates["selectionRate"].Value);
        Assert.NotNull(b.Rates["selectionRate"].Undefined);
        Assert.NotNull(b.FlagRateRatio.Undefined);
        Assert.Null(b.AdverseImpact);
        Assert.Equal("A", result.Attributes[0].FourFifthsComparator!.Label);

        var zeroReference = FairnessAnalysis.Analyze([new AttributeInput(groups, null, "B")], [1, 0, 1, 0], [], [1, 1, 0, 0], new FairnessOptions { MinCellSize = 1 });
        Assert.NotNull(zeroReference.Attributes[0].Groups[0].FlagRateRatio.Undefined);
    }
}
