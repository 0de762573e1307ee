using Audit.Data;
using Audit.Fairness;
using Audit.Results;

namespace Audit.Tests.Fairness;

/// <summary>The metric catalogue, disparities, intersections and inequality on populations small enough to check by hand.</summary>
public sealed class FairnessCatalogueTests
{
    /// <summary>
    /// Group A (20): flagged 8 = 5 label 1 + 3 label 0; not flagged 12 = 2 label 1 + 10 label 0.
    /// Group B (12): flagged 6 = 4 label 1 + 2 label 0; not flagged 6 = 1 label 1 + 5 label 0.
    /// Everybody (32): flagged 14 (9 label 1, 5 label 0); not flagged 18 (3 label 1, 15 label 0).
    /// </summary>
    private static FairnessSection Analyze(FairnessOptions? options = null)
    {
        var population = new TestPopulation()
            .Add("A", 5, 1, 1).Add("A", 3, 1, 0).Add("A", 2, 0, 1).Add("A", 10, 0, 0)
            .Add("B", 4, 1, 1).Add("B", 2, 1, 0).Add("B", 1, 0, 1).Add("B", 5, 0, 0);
        return FairnessAnalysis.Analyze([new AttributeInput(population.Groups, null, "A")], population.Decisions, population.Labels, [],
            options ?? new FairnessOptions { MinCellSize = 1 });
    }

    [Fact]
    public void EveryRateEqualsItsHandComputation()
    {
        var b = Analyze().Attributes[0].Groups[1];
        Assert.Equal(5.0 / 7, b.Rates["trueNegativeRate"].Value);       // not flagged among label 0: 5 / (2 + 5)
        Assert.Equal(5.0 / 6, b.Rates["negativePredictiveValue"].Value); // label 0 among not flagged: 5 / 6
        Assert.Equal(2.0 / 6, b.Rates["falseDiscoveryRate"].Value);      // label 0 among flagged: 2 / 6
        Assert.Equal(1.0 / 6, b.Rates["falseOmissionRate"].Value);       // label 1 among not flagged: 1 / 6
        Assert.Equal(9.0 / 12, b.Rates["accuracy"].Value);               // (4 + 5) / 12
        Assert.Equal((4.0 / 5 + 5.0 / 7) / 2, b.Rates["balancedAccuracy"].Value);
    }

    [Fact]
    public void SharesShortfallAndDisparitiesEqualTheirHandComputation()
    {
        var result = Analyze();
        var b = result.Attributes[0].Groups[1];
        Assert.Equal(12.0 / 32, b.ShareOfPopulation.Value);
        Assert.Equal(6.0 / 14, b.ShareOfFlagged.Value);
        // Shortfall: B has 6 flagged; at A's rate 8/20 it would have 0.4 × 12 = 4.8: 1.2 people too many.
        Assert.Equal(6 - 0.4 * 12, b.FlagShortfall.Value!.Value, 12);
        Assert.Equal(0.0, result.Attributes[0].Groups[0].FlagShortfall.Value);

        var selection = b.Disparities["selectionRate"];
        Assert.Equal(0.5 / 0.4, selection.RatioToReference.Value);
        Assert.Equal(0.5 - 14.0 / 32, selection.DifferenceToOverall.Value);
        Assert.Equal(0.5 / (14.0 / 32), selection.RatioToOverall.Value);
        Assert.Equal(0.5 / 0.5 / (0.4 / 0.6), selection.OddsRatioToReference!.Value);
        // 1.25 with 10 and 12 rows: the simultaneous interval reaches far into the band, so nothing is established.
        Assert.Equal(Verdict.NotEstablished, selection.Verdict!.Direction);

        // FPR: B 2/7 against A 3/13: ratio 1.238..., within [0.8, 1.25]; FDR: B 2/6 against A 3/8: 0.888...
        Assert.Equal(2.0 / 7 / (3.0 / 13), b.Disparities["falsePositiveRate"].RatioToReference.Value);
        // Balanced accuracy has no odds ratio: it is not a proportion of rows.
        Assert.Null(b.Disparities["balancedAccuracy"].OddsRatioToReference);

        var strict = Analyze(new FairnessOptions { MinCellSize = 1, Tolerance = 0.9 }).Attributes[0].Groups[1];
        // A stricter tolerance does not make a point estimate of 1.25 a verdict on its own: the interval still decides.
        Assert.Equal(Verdict.NotEstablished, strict.Disparities["selectionRate"].Verdict!.Direction);
    }

    [Fact]
    public void BetweenGroupsIsFairlearnsMinMaxSpread()
    {
        var spread = Analyze().Attributes[0].BetweenGroups["selectionRate"];
        Assert.Equal(0.4, spread.Min.Value);
        Assert.Equal(0.5, spread.Max.Value);
        Assert.Equal(0.5 - 0.4, spread.Difference.Value);
        Assert.Equal(0.4 / 0.5, spread.Ratio.Value);
        Assert.Equal("A", spread.MinGroup!.Label);
        Assert.Equal("B", spread.MaxGroup!.Label);
    }

    /// <summary>
    /// Benefits b = label − flag + 1: b = 0 for label 0 flagged (3 + 2 = 5 people), b = 2 for label 1 not flagged
    /// (2 + 1 = 3), b = 1 for the other 24. Mean μ = (24 + 6) / 32 = 0.9375.
    /// GE(2) = 1 / (n · 2 · 1) · Σ[(b/μ)² − 1]; Theil = (1/n) Σ (b/μ) ln(b/μ).
    /// </summary>
    [Fact]
    public void InequalityIndicesEqualTheirHandComputation()
    {
        var inequality = Analyze().Inequality!;
        const double mu = 30.0 / 32;
        var ge2 = (5 * (0 - 1) + 24 * (Math.Pow(1 / mu, 2) - 1) + 3 * (Math.Pow(2 / mu, 2) - 1)) / (32 * 2.0);
        var theil = (24 * (1 / mu) * Math.Log(1 / mu) + 3 * (2 / mu) * Math.Log(2 / mu)) / 32;
        Assert.Equal(ge2, inequality.GeneralizedEntropyIndex.Value!.Value, 12);
        Assert.Equal(theil, inequality.TheilIndex.Value!.Value, 12);

        // Between groups: A's mean benefit (15 + 2·2) / 20 = 0.95, B's (9 + 2·1) / 12 = 11/12.
        var between = Analyze().Attributes[0].BetweenGroupInequality!;
        double[] means = [19.0 / 20, 11.0 / 12];
        double[] sizes = [20, 12];
        var expected = (sizes[0] * (Math.Pow(means[0] / mu, 2) - 1) + sizes[1] * (Math.Pow(means[1] / mu, 2) - 1)) / (32 * 2.0);
        Assert.Equal(expected, between.GeneralizedEntropyIndex.Value!.Value, 12);
    }

    [Fact]
    public void IntersectionsCrossAttributesAndNameTheWorstOffSubgroup()
    {
        // sex × nationality, 4 cells: F-A 10 (2 flagged), F-B 10 (6 flagged), M-A 10 (1 flagged), M-B 10 (3 flagged).
        string?[] sex = [.. Enumerable.Repeat("F", 20), .. Enumerable.Repeat("M", 20)];
        string?[] nationality = [.. Enumerable.Repeat("A", 10), .. Enumerable.Repeat("B", 10), .. Enumerable.Repeat("A", 10), .. Enumerable.Repeat("B", 10)];
        var flagged = new[] { 2, 6, 1, 3 };
        var decisions = Enumerable.Range(0, 40).Select(i => (byte)(i % 10 < flagged[i / 10] ? 1 : 0)).ToArray();
        var inputs = new[]
        {
            new AttributeInput(GroupAssignment.FromColumn(CategoricalColumn.FromValues("sex", sex), null), null, "M"),
            new AttributeInput(GroupAssignment.FromColumn(CategoricalColumn.FromValues("nationality", nationality), null), null, "A"),
        };
        var result = FairnessAnalysis.Analyze(inputs, decisions, [], [], new FairnessOptions { MinCellSize = 5, Intersections = FairnessOptions.Pairs(2) });

        var x = Assert.Single(result.Intersections);
        Assert.Equal("sex × nationality", x.Attribute);
        Assert.Equal(["F × A", "F × B", "M × A", "M × B"], x.Groups.Select(g => g.Group.Label));
        Assert.Equal("M × A", x.Reference!.Label); // both attributes name a reference: their combination
        Assert.Equal("explicit", x.ReferenceRule);
        Assert.Equal("F × B", x.WorstOff!.Label);
        Assert.Equal(0.6 / 0.1, x.Groups[1].FlagRateRatio.Value!.Value, 12);
        Assert.Equal((1 - 0.6) / (1 - 0.1), x.Groups[1].FourFifthsRatio.Value!.Value, 12);
        // Issue 18: F × B's ratio 6 rests on 6 and 1 flagged of 10: m = 5 flag-rate comparisons (F v M, B v A and three
        // cells v M × A, counted by hand), so its 99 % Katz interval (0.48 to 75) reaches into the band: not established,
        // and the headline says that nothing is.
        var fb = x.Groups[1].Disparities["selectionRate"].Verdict!;
        Assert.Equal(5, fb.Comparisons);
        Assert.Equal(Verdict.NotEstablished, fb.Direction);
        Assert.Contains(result.Findings, f => f.Kind == Finding.NoneEstablished);
        // Only the flag rate's disparities are kept for subgroups, to keep the output readable.
        Assert.Equal(["selectionRate"], x.Groups[0].Disparities.Keys);
    }

    [Fact]
    public void AllCombinationsListsEverySetOfTwoOrMore()
    {
        var sets = FairnessOptions.AllCombinations(3);
        Assert.Equal(["0,1", "0,2", "1,2", "0,1,2"], sets.Select(s => string.Join(",", s)));
        Assert.Equal(6, FairnessOptions.Pairs(4).Count);
    }
}
