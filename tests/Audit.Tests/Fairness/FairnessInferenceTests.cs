using Audit.Data;
using Audit.Fairness;
using Audit.Fairness.Inference;
using MathNet.Numerics.Distributions;

namespace Audit.Tests.Fairness;

/// <summary>Intervals, tests and the multiple-testing correction as the fairness analysis applies them.</summary>
public sealed class FairnessInferenceTests
{
    /// <summary>Groups R (reference, 100 rows, 10 flagged), S (100, 20), T (100, 30), U (50, 5).</summary>
    private static (AttributeInput Input, byte[] Decisions) FourGroups()
    {
        var sizes = new[] { ("R", 100, 10), ("S", 100, 20), ("T", 100, 30), ("U", 50, 5) };
        var groups = new List<string?>();
        var decisions = new List<byte>();
        foreach (var (name, n, flagged) in sizes)
        {
            for (var i = 0; i < n; i++)
            {
                groups.Add(name);
                decisions.Add((byte)(i < flagged ? 1 : 0));
            }
        }
        return (new AttributeInput(GroupAssignment.FromColumn(CategoricalColumn.FromValues("g", groups), null), null, "R"), decisions.ToArray());
    }

    [Fact]
    public void RatesCarryWilsonIntervalsAndDisparitiesNewcombeAndKatz()
    {
        var (input, decisions) = FourGroups();
        var t = FairnessAnalysis.Analyze([input], decisions, [], [], new FairnessOptions()).Attributes[0].Groups[2];

        var wilson = ProportionInterval.Wilson(30, 100)!;
        Assert.Equal([wilson.Lower, wilson.Upper], t.Rates["selectionRate"].Ci!);
        var newcombe = ProportionInterval.NewcombeDifference(30, 100, 10, 100)!;
        Assert.Equal([newcombe.Lower, newcombe.Upper], t.FlagRateDifference.Ci!);
        var katz = ProportionInterval.KatzLogRatio(30, 100, 10, 100)!;
        Assert.Equal([katz.Lower, katz.Upper], t.FlagRateRatio.Ci!);
        Assert.True(t.FlagRateRatio.Ci![0] < 3 && 3 < t.FlagRateRatio.Ci[1]);

        var reference = FairnessAnalysis.Analyze([input], decisions, [], [], new FairnessOptions()).Attributes[0].Groups[0];
        Assert.Equal(1.0, reference.FlagRateRatio.Value);
        Assert.Null(reference.FlagRateRatio.Ci);
        Assert.NotNull(reference.Rates["selectionRate"].Ci);
    }

    /// <summary>
    /// The z test of T against R by hand: pooled p = 40/200 = 0.2, se = sqrt(0.2 · 0.8 · (1/100 + 1/100)) = 0.056569,
    /// z = (0.3 − 0.1) / se = 3.5355, p = 2 Φ(−3.5355).
    /// </summary>
    [Fact]
    public void GroupsAreTestedAgainstTheReference()
    {
        var (input, decisions) = FourGroups();
        var t = FairnessAnalysis.Analyze([input], decisions, [], [], new FairnessOptions()).Attributes[0].Groups[2];
        var z = 0.2 / Math.Sqrt(0.2 * 0.8 * (1.0 / 100 + 1.0 / 100));
        Assert.Equal(2 * Normal.CDF(0, 1, -z), t.FlagRateDifference.P!.Value, 12);
        Assert.Equal("z", t.FlagRateDifference.Test);
        Assert.Equal(t.FlagRateDifference.P, t.FlagRateRatio.P);
    }

    /// <summary>
    /// Holm over the family of three comparisons (S, T, U against R; the reference itself is not tested):
    /// sort the raw p ascending, multiply the i-th smallest by (3 − i + 1), take running maxima, cap at 1.
    /// </summary>
    [Fact]
    public void HolmAdjustmentRunsOverEveryComparisonOfTheReport()
    {
        var (input, decisions) = FourGroups();
        var groups = FairnessAnalysis.Analyze([input], decisions, [], [], new FairnessOptions()).Attributes[0].Groups;
        Assert.Null(groups[0].FlagRateDifference.P);
        var raw = groups.Skip(1).Select(g => g.FlagRateDifference.P!.Value).ToArray();
        var order = Enumerable.Range(0, 3).OrderBy(i => raw[i]).ToArray();
        var expected = new double[3];
        var running = 0.0;
        for (var rank = 0; rank < 3; rank++)
        {
            running = Math.Max(running, Math.Min(1, (3 - rank) * raw[order[rank]]));
            expected[order[rank]] = running;
        }
        Assert.Equal(expected, groups.Skip(1).Select(g => g.FlagRateDifference.PAdjusted!.Value));

        var bh = FairnessAnalysis.Analyze([input], decisions, [], [], new FairnessOptions { Correction = "bh" }).Attributes[0].Groups;
        Assert.Equal(MultipleTesting.BenjaminiHochberg(raw.Select(p => (double?)p).ToArray()), bh.Skip(1).Select(g => g.FlagRateDifference.PAdjusted));
        var none = FairnessAnalysis.Analyze([input], decisions, [], [], new FairnessOptions { Correction = "none" }).Attributes[0].Groups;
        Assert.All(none, g => Assert.Null(g.FlagRateDifference.PAdjusted));
    }

    [Fact]
    public void SmallExpectedCountsUseFishersExactTest()
    {
        // R: 12 rows, 0 flagged; S: 12 rows, 4 flagged: expected flagged per group is 2 < 5.
        var groups = Enumerable.Repeat("R", 12).Concat(Enumerable.Repeat("S", 12)).ToArray<string?>();
        var decisions = Enumerable.Range(0, 24).Select(i => (byte)(i >= 12 && i < 16 ? 1 : 0)).ToArray();
        var input = new AttributeInput(GroupAssignment.FromColumn(CategoricalColumn.FromValues("g", groups), null), null, "R");
        var s = FairnessAnalysis.Analyze([input], decisions, [], [], new FairnessOptions()).Attributes[0].Groups[1];
        Assert.Equal("fisher", s.FlagRateDifference.Test);
        Assert.Equal(ProportionTest.FisherExact(4, 8, 0, 12), s.FlagRateDifference.P);
    }

    [Fact]
    public void EveryAttributeGetsAChiSquareTestAndEveryGroupAMinimumDetectableDifference()
    {
        var (input, decisions) = FourGroups();
        var attribute = FairnessAnalysis.Analyze([input], decisions, [], [], new FairnessOptions()).Attributes[0];
        var expected = ProportionTest.ChiSquareHomogeneity([10.0, 20, 30, 5], [100.0, 100, 100, 50])!;
        Assert.Equal(expected.Statistic, attribute.FlagRateTest!.Statistic);
        Assert.Equal(3, attribute.FlagRateTest.DegreesOfFreedom);
        var u = attribute.Groups[3];
        Assert.Equal(Power.MinimumDetectableDifference(0.1, 50, 100, 0.05, 0.8), u.MinimumDetectableDifference.Value);
        Assert.NotNull(attribute.Groups[0].MinimumDetectableDifference.Undefined);
    }

    [Fact]
    public void SamplingWeightsGetNoAnalyticalIntervalsAndSaySo()
    {
        var (input, decisions) = FourGroups();
        var weights = Enumerable.Range(0, decisions.Length).Select(i => 1.0 + i % 3).ToArray();
        var result = FairnessAnalysis.Analyze([input], decisions, [], weights, new FairnessOptions { BootstrapReplicates = 0 });
        var t = result.Attributes[0].Groups[2];
        Assert.Null(t.Rates["selectionRate"].Ci);
        Assert.Null(t.FlagRateDifference.P);
        Assert.False(result.Inference.Analytical);
        Assert.Null(result.Attributes[0].FlagRateTest);

        // With the (default) bootstrap, the flag rate and its comparisons get Poisson-bootstrap intervals; still no tests.
        var bootstrapped = FairnessAnalysis.Analyze([input], decisions, [], weights, new FairnessOptions()).Attributes[0].Groups[2];
        var rate = bootstrapped.Rates["selectionRate"];
        Assert.True(rate.Ci![0] < rate.Value && rate.Value < rate.Ci[1]);
        Assert.True(bootstrapped.FlagRateRatio.Ci![0] < bootstrapped.FlagRateRatio.Value && bootstrapped.FlagRateRatio.Value < bootstrapped.FlagRateRatio.Ci[1]);
        Assert.Null(bootstrapped.FlagRateDifference.P);

        var frequency = FairnessAnalysis.Analyze([input], decisions, [], weights, new FairnessOptions { FrequencyWeights = true });
        Assert.NotNull(frequency.Attributes[0].Groups[2].Rates["selectionRate"].Ci);
        Assert.True(frequency.Inference.Analytical);
    }

    [Fact]
    public void FourFifthsRatiosAndSpreadsGetSeededBootstrapIntervals()
    {
        var (input, decisions) = FourGroups();
        var first = FairnessAnalysis.Analyze([input], decisions, [], [], new FairnessOptions { Seed = 7 }).Attributes[0];
        var again = FairnessAnalysis.Analyze([input], decisions, [], [], new FairnessOptions { Seed = 7 }).Attributes[0];
        var other = FairnessAnalysis.Analyze([input], decisions, [], [], new FairnessOptions { Seed = 8 }).Attributes[0];

        var t = first.Groups[2].FourFifthsRatio;
        Assert.True(t.Ci![0] <= t.Value && t.Value <= t.Ci[1]);
        Assert.Equal(t.Ci, again.Groups[2].FourFifthsRatio.Ci!);
        Assert.NotEqual(t.Ci, other.Groups[2].FourFifthsRatio.Ci!);
        var spread = first.BetweenGroups["selectionRate"];
        Assert.True(spread.Ratio.Ci![0] <= spread.Ratio.Value && spread.Ratio.Value <= spread.Ratio.Ci[1]);
        Assert.NotNull(spread.Difference.Ci);

        var off = FairnessAnalysis.Analyze([input], decisions, [], [], new FairnessOptions { BootstrapReplicates = 0 }).Attributes[0];
        Assert.Null(off.Groups[2].FourFifthsRatio.Ci);
    }

    [Fact]
    public void EveryMetricWithoutAnAnalyticalIntervalGetsABootstrapOne()
    {
        var random = new Random(3);
        var n = 2000;
        var groups = Enumerable.Range(0, n).Select(i => (string?)(i % 3 == 0 ? "A" : i % 3 == 1 ? "B" : "C")).ToArray();
        var labels = Enumerable.Range(0, n).Select(_ => (byte)(random.NextDouble() < 0.3 ? 1 : 0)).ToArray();
        var decisions = Enumerable.Range(0, n).Select(i => (byte)(random.NextDouble() < (labels[i] == 1 ? 0.5 : 0.15) ? 1 : 0)).ToArray();
        var input = new AttributeInput(GroupAssignment.FromColumn(CategoricalColumn.FromValues("g", groups), null), null, "A");

        var result = FairnessAnalysis.Analyze([input], decisions, labels, [], new FairnessOptions()).Attributes[0];
        var b = result.Groups[1];
        Contains(b.Rates["balancedAccuracy"]);
        Contains(b.Disparities["balancedAccuracy"].RatioToReference);
        Contains(result.BetweenGroups["falsePositiveRate"].Difference);
        Contains(result.BetweenGroups["truePositiveRate"].Ratio);
        // Proportions keep their analytical (Wilson) interval.
        var wilson = ProportionInterval.Wilson(b.Rates["falsePositiveRate"].Value!.Value * b.Rates["falsePositiveRate"].N!.Value, b.Rates["falsePositiveRate"].N!.Value)!;
        Assert.Equal(wilson.Lower, b.Rates["falsePositiveRate"].Ci![0], 9);

        // With sampling weights every metric's interval comes from the Poisson bootstrap.
        var weights = Enumerable.Range(0, n).Select(i => 1.0 + i % 4).ToArray();
        var weighted = FairnessAnalysis.Analyze([input], decisions, labels, weights, new FairnessOptions()).Attributes[0].Groups[1];
        Contains(weighted.Rates["falsePositiveRate"]);
        Contains(weighted.Disparities["truePositiveRate"].DifferenceToReference);
    }

    private static void Contains(Audit.Results.Metric metric)
    {
        Assert.NotNull(metric.Ci);
        Assert.True(metric.Ci![0] <= metric.Value && metric.Value <= metric.Ci[1], $"{metric.Value} outside [{metric.Ci[0]}, {metric.Ci[1]}]");
    }

    /// <summary>
    /// R (reference, 100 rows, 10 flagged), T (100, 30 flagged) and V (13 rows, 4 flagged: a higher ratio, 3.08, on few
    /// rows). With m = 2 comparisons, T's simultaneous 97.5 % Katz interval (1.41 to 6.37) lies above 1.25: established;
    /// V's (0.98 to 9.7) does not. The headline names T only (issue 18: established disparities only).
    /// </summary>
    [Fact]
    public void HeadlinesLeadWithSignificantDisparities()
    {
        var population = new TestPopulation().Add("R", 10, 1, 0).Add("R", 90, 0, 0).Add("T", 30, 1, 0).Add("T", 70, 0, 0).Add("V", 4, 1, 0).Add("V", 9, 0, 0);
        var input = new AttributeInput(population.Groups, null, "R");
        var findings = FairnessAnalysis.Analyze([input], population.Decisions, [], [], new FairnessOptions { BootstrapReplicates = 0 }).Findings;
        var t = Assert.Single(findings);
        Assert.Equal("T", t.Group.Label);
        Assert.Equal(Audit.Results.Finding.Disparity, t.Kind);
        Assert.Contains("Disparity against g = T", Audit.Reporting.Text.FindingText.Plain(t, Audit.Reporting.Text.ReportLanguage.English));

        // With nothing established, the headline says so, with the largest ratio and its interval.
        var small = new TestPopulation().Add("R", 9, 1, 0).Add("R", 81, 0, 0).Add("V", 2, 1, 0).Add("V", 10, 0, 0);
        var only = Assert.Single(FairnessAnalysis.Analyze([new AttributeInput(small.Groups, null, "R")], small.Decisions, [], [], new FairnessOptions { BootstrapReplicates = 0 }).Findings);
        Assert.Equal(Audit.Results.Finding.NoneEstablished, only.Kind);
        Assert.Equal("V", only.Group.Label);
        Assert.Contains("No disparity is established", Audit.Reporting.Text.FindingText.Plain(only, Audit.Reporting.Text.ReportLanguage.English));
    }
}
