using Audit.Fairness;
using Audit.Fairness.Bootstrap;
using Audit.Results;

namespace Audit.Tests.Fairness;

/// <summary>
/// The group frame is generic over metrics (Fairlearn's MetricFrame): a metric of the caller's own, defined on the six
/// count slots, gets its values by group, its disparities and its bootstrap intervals without a line of the library
/// written for it. Every expected number is counted by hand from the small population below, or recomputed from the
/// replicates' raw counts.
/// </summary>
public sealed class GroupFrameTests
{
    /// <summary>The share of labelled people who are flagged: W(label known, flagged) / W(label known). Not one of GroupRate.All.</summary>
    private static readonly GroupRate LabelledFlagged = new("labelledFlagged", NeedsLabel: true, IsProportion: true,
        c => new RateValue(c.LabelledWeight(decision: 1), c.LabelledWeight(), c.LabelledCount(), "no row of the group has a known label", c.LabelledCount(decision: 1)));

    /// <summary>
    /// A: 10 rows, label 1 × 6 (3 flagged), label 0 × 4 (1 flagged). B: 8 rows, label 1 × 4 (3 flagged), label 0 × 2
    /// (1 flagged), unknown × 2 (both flagged). C: 5 rows, label 1 × 1, label 0 × 4, nobody flagged.
    /// </summary>
    private static GroupStatistics Population()
    {
        var rows = new List<(int Group, byte Label, byte Decision)>();
        void Add(int group, byte label, byte decision, int times)
        {
            for (var i = 0; i < times; i++)
            {
                rows.Add((group, label, decision));
            }
        }
        Add(0, 1, 1, 3); Add(0, 1, 0, 3); Add(0, 0, 1, 1); Add(0, 0, 0, 3);
        Add(1, 1, 1, 3); Add(1, 1, 0, 1); Add(1, 0, 1, 1); Add(1, 0, 0, 1); Add(1, 255, 1, 2);
        Add(2, 1, 0, 1); Add(2, 0, 0, 4);
        var groups = new GroupAssignment("g", rows.Select(r => r.Group).ToArray(), ["A", "B", "C"]);
        return GroupStatistics.Accumulate([groups], rows.Select(r => r.Decision).ToArray(), rows.Select(r => r.Label).ToArray(), []);
    }

    [Fact]
    public void ACallersMetricGetsItsValuesByGroupOverallAndAgainstTheReference()
    {
        var frame = GroupFrame.Of(Population());
        // Labelled and flagged: A (3 + 1) / 10, B (3 + 1) / 6, C 0 / 5; everybody 8 / 21.
        Assert.Equal(0.4, frame.Value(LabelledFlagged, 0).Value!.Value, 12);
        Assert.Equal(2.0 / 3, frame.Value(LabelledFlagged, 1).Value!.Value, 12);
        Assert.Equal(0.0, frame.Value(LabelledFlagged, 2).Value!.Value, 12);
        Assert.Equal(8.0 / 21, frame.Overall(LabelledFlagged).Value!.Value, 12);
        // The reference is the largest group, A (10 rows): B is 5/3 times as often flagged among the labelled, 4/15 more.
        Assert.Equal(GroupKey.Of(["g"], ["A"]), frame.Keys[frame.Reference]);
        Assert.Equal(ReferenceGroup.Largest, frame.ReferenceRule);
        Assert.Equal(5.0 / 3, frame.RatioToReference(LabelledFlagged, 1)!.Value, 12);
        Assert.Equal(4.0 / 15, frame.DifferenceToReference(LabelledFlagged, 1)!.Value, 12);
        Assert.Equal((2.0 / 3) / (8.0 / 21), frame.RatioToOverall(LabelledFlagged, 1)!.Value, 12);
        // Odds: B 2, A 2/3; C's value is 0, so it has no odds ratio.
        Assert.Equal(3.0, frame.OddsRatioToReference(LabelledFlagged, 1)!.Value, 12);
        Assert.Null(frame.OddsRatioToReference(LabelledFlagged, 2));
        // Between groups: lowest C (0), highest B (2/3).
        Assert.Equal(2, frame.GroupMin(LabelledFlagged));
        Assert.Equal(1, frame.GroupMax(LabelledFlagged));
        Assert.Equal(2.0 / 3, frame.SpreadDifference(LabelledFlagged)!.Value, 12);
        Assert.Equal(0.0, frame.SpreadRatio(LabelledFlagged)!.Value, 12);
        // The verdict's family: B and C against A (shown and defined), never A against itself.
        Assert.True(DisparityVerdict.InFamily(frame, LabelledFlagged, 1));
        Assert.False(DisparityVerdict.InFamily(frame, LabelledFlagged, 0));
    }

    [Fact]
    public void TheNamedReferenceAndTheDisclosurePolicyMoveEveryComparison()
    {
        var frame = GroupFrame.Of(Population(), references: ["B"], disclosure: DisclosurePolicy.Primary(6));
        Assert.Equal(1, frame.Reference);
        Assert.Equal(ReferenceGroup.Explicit, frame.ReferenceRule);
        Assert.Equal(0.6, frame.RatioToReference(LabelledFlagged, 0)!.Value, 12);
        // C has 5 rows, fewer than 6: hidden, so neither the lowest of the spread nor the four-fifths comparator.
        Assert.True(frame.IsSuppressed(2));
        Assert.Equal(0, frame.GroupMin(GroupRate.SelectionRate));
        // A's 4 label-0 rows and B's 2 are label cells below 6: every label metric of A and B is hidden, so no value of
        // the caller's label metric is shown and it has no spread.
        Assert.True(frame.AreLabelMetricsHidden(0) && frame.AreLabelMetricsHidden(1));
        Assert.Equal(-1, frame.GroupMin(LabelledFlagged));
        Assert.Null(frame.SpreadDifference(LabelledFlagged));
        Assert.Equal(0, frame.FourFifthsComparator);
        // Flag rates: A 4/10, B 6/8. B's four-fifths ratio (1 − 0.75) / (1 − 0.4) = 5/12 is adverse impact.
        Assert.Equal(5.0 / 12, frame.FourFifthsRatio(1)!.Value, 12);
        Assert.True(frame.AdverseImpact(1));
        Assert.False(frame.AdverseImpact(0));
    }

    [Fact]
    public void ACallersMetricGetsABootstrapIntervalRecomputedOnTheSameReplicates()
    {
        var stats = Population();
        var frame = GroupFrame.Of(stats);
        const int replicates = 400;
        const int seed = 7;
        const double confidence = 0.9;
        var found = BootstrapIntervals.Multinomial(stats, replicates, seed, confidence)(frame, [f => f.RatioToReference(LabelledFlagged, 1)]).Single();

        // The same replicates, the ratio computed from their raw slots (cell × 6 + label × 2 + decision) by hand.
        var values = new List<double>();
        foreach (var replicate in StatisticsBootstrap.Replicates(stats, replicates, seed))
        {
            var slots = replicate.RawCounts.ToArray();
            double Share(int cell) => (double)(slots[cell * 6 + 1] + slots[cell * 6 + 3]) / (slots[cell * 6] + slots[cell * 6 + 1] + slots[cell * 6 + 2] + slots[cell * 6 + 3]);
            var (b, a) = (Share(1), Share(0));
            if (double.IsFinite(b) && double.IsFinite(a) && a > 0)
            {
                values.Add(b / a);
            }
        }
        values.Sort();
        // Percentiles of type 7 (Hyndman and Fan 1996): linear between order statistics at h = (n − 1) p.
        double Quantile(double p)
        {
            var h = (values.Count - 1) * p;
            var lo = (int)Math.Floor(h);
            return lo + 1 < values.Count ? values[lo] + (h - lo) * (values[lo + 1] - values[lo]) : values[lo];
        }
        Assert.Equal(values.Count, found.ValidReplicates);
        Assert.Equal(Quantile(0.05), found.Lower, 12);
        Assert.Equal(Quantile(0.95), found.Upper, 12);
        Assert.True(found.Lower < 5.0 / 3 && 5.0 / 3 < found.Upper);
    }

    [Fact]
    public void TheBootstrapOfAConstantMetricIsConstant()
    {
        var half = new GroupRate("half", NeedsLabel: false, IsProportion: false, c => new RateValue(1, 2, c.Count(), ""));
        var stats = Population();
        var frame = GroupFrame.Of(stats);
        var found = BootstrapIntervals.Multinomial(stats, 200, 3, 0.95)(frame,
            [f => f.Value(half, 2).Value, f => f.RatioToReference(half, 1), f => f.SpreadDifference(half)]);
        Assert.All(found, i => Assert.Equal(200, i.ValidReplicates));
        Assert.Equal((0.5, 0.5), (found[0].Lower, found[0].Upper));
        Assert.Equal((1.0, 1.0), (found[1].Lower, found[1].Upper));
        Assert.Equal((0.0, 0.0), (found[2].Lower, found[2].Upper));
    }
}
