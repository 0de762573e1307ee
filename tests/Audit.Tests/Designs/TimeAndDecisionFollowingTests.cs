using Audit.Data;
using Audit.Designs;
using Audit.Models;
using Audit.Plan;
using Audit.Policy;
using Audit.Results;

namespace Audit.Tests.Designs;

/// <summary>Disparities per period (trend and persistence) and how far the final human decision follows the score.</summary>
public sealed class TimeAndDecisionFollowingTests
{
    /// <summary>
    /// Rows per period and group with their flags: A (reference) and B, 200 rows each per period. B is flagged at 30 %
    /// against A's 10 % in every one of six months: persistent. C's rate grows from 10 % to 35 %.
    /// </summary>
    private static Table Months(byte[]? human = null)
    {
        var period = new List<string?>();
        var group = new List<string?>();
        var flag = new List<double>();
        for (var m = 1; m <= 6; m++)
        {
            void Add(string g, int n, int flagged)
            {
                for (var i = 0; i < n; i++)
                {
                    period.Add($"2024-{m:00}");
                    group.Add(g);
                    flag.Add(i < flagged ? 1 : 0);
                }
            }
            Add("A", 200, 20);
            Add("B", 200, 60);
            Add("C", 200, 20 + 10 * (m - 1));
        }
        return new Table([CategoricalColumn.FromValues("month", period), CategoricalColumn.FromValues("g", group), new NumericColumn("flag", flag.ToArray())]);
    }

    private static DesignInput Input(Table table) =>
        DesignInputs.For(table, new DecisionsInData("flag"), new DecisionsAsGiven(), ("g", null, "A"));

    [Fact]
    public void RowsWithoutAPeriodAreLeftOutOfTheSeries()
    {
        // 300 more rows with no month, B flagged at 100 %: counted as a last period they would break B's persistence.
        var months = Months();
        var period = Enumerable.Range(0, months.RowCount).Select(r => ((CategoricalColumn)months["month"])[r]).Concat(Enumerable.Repeat<string?>(null, 300)).ToList();
        var group = Enumerable.Range(0, months.RowCount).Select(r => ((CategoricalColumn)months["g"])[r]).Concat(Enumerable.Repeat<string?>("B", 300)).ToList();
        var flag = Enumerable.Range(0, months.RowCount).Select(r => ((NumericColumn)months["flag"])[r]).Concat(Enumerable.Repeat(1.0, 300)).ToArray();
        var table = new Table([CategoricalColumn.FromValues("month", period), CategoricalColumn.FromValues("g", group), new NumericColumn("flag", flag)]);
        var result = TimeSeriesDisparity.Run(Input(table), new TimePlan(new ColumnRef("month", 1, "designs.time.period")));
        Assert.Equal(["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"], result.Periods);
        var b = result.Groups.Single(g => g.Group == "B");
        Assert.Equal(6, b.Series.Count);
        Assert.Equal(0.0, b.LogRatioTrend.Value!.Value, 1e-12);
    }

    [Fact]
    public void PersistentDisparityIsFoundInEveryPeriodAndAGrowingOneHasAPositiveTrend()
    {
        var result = TimeSeriesDisparity.Run(Input(Months()), new TimePlan(new ColumnRef("month", 1, "designs.time.period")));
        Assert.Equal(["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"], result.Periods);
        var b = result.Groups.Single(g => g.Group == "B");
        Assert.Equal(6, b.Series.Count);
        Assert.All(b.Series, s => Assert.Equal(3.0, s.Ratio.Value!.Value, 1e-12));
        Assert.Equal(6, b.PeriodsSignificantlyMore);
        Assert.Equal(6, b.LongestRun);
        Assert.Equal(0.0, b.LogRatioTrend.Value!.Value, 1e-12);
        Assert.EndsWith("a persistent disparity.", Audit.Reporting.Text.DesignText.Time(b, result.Periods.Count, Audit.Reporting.Text.ReportLanguage.English));
        var c = result.Groups.Single(g => g.Group == "C");
        Assert.True(c.LogRatioTrend.Ci![0] > 0, "C's ratio grows from 1 to 3.5");
        Assert.Contains("the ratio grows", Audit.Reporting.Text.DesignText.Time(c, result.Periods.Count, Audit.Reporting.Text.ReportLanguage.English));
        Assert.True(c.PeriodsSignificantlyMore is >= 3 and < 6);
        Assert.Equal(c.PeriodsSignificantlyMore, c.LongestRun); // once significant, it stays so
    }

    /// <summary>A numeric period column (202401 ... 202414: fourteen months) is read period by period, in numeric order.</summary>
    [Fact]
    public void NumericPeriodsWithManyValuesAreEachAPeriod()
    {
        var months = Enumerable.Range(0, 14).Select(m => 202401.0 + (m < 12 ? m : 100 + m - 12)).ToArray();
        var n = 14 * 40;
        var table = new Table([
            new NumericColumn("month", Enumerable.Range(0, n).Select(i => months[i % 14]).ToArray()),
            CategoricalColumn.FromValues("g", Enumerable.Range(0, n).Select(i => (string?)(i / 14 % 2 == 0 ? "A" : "B")).ToArray()),
            new NumericColumn("flag", Enumerable.Range(0, n).Select(i => i / 14 % 4 == 1 ? 1.0 : 0).ToArray()),
        ]);
        var result = TimeSeriesDisparity.Run(Input(table), new TimePlan(new ColumnRef("month", 1, "designs.time.period")));
        Assert.Equal(months.Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture)), result.Periods);
        Assert.Equal(14, result.Groups.Single().Series.Count);
    }

    /// <summary>With equal interval widths every period weighs the same: the trend is the ordinary least-squares slope of ln(ratio).</summary>
    [Fact]
    public void TrendIsTheWeightedSlopeOfTheLogRatio()
    {
        var z = 1.959963984540054;
        var series = Enumerable.Range(0, 5).Select(t =>
        {
            var ratio = Math.Exp(0.1 * t + (t == 2 ? 0.05 : 0));
            return (GroupFlagRate?)new GroupFlagRate("g", "B", false, Metric.Of(0.1), Metric.Of(ratio) with { Ci = [ratio * Math.Exp(-0.2 * z), ratio * Math.Exp(0.2 * z)] }, Metric.Of(1), false);
        }).ToArray();
        var trend = TimeSeriesDisparity.Trend(series, z);
        // OLS slope of y = 0.1 t + 0.05 [t = 2] on t = 0..4: the bump at the mean of t leaves the slope at 0.1.
        Assert.Equal(0.1, trend.Value!.Value, 1e-12);
        // se = 1 / √(Σ w (t − t̄)²) with w = 1 / 0.2² and Σ (t − t̄)² = 10.
        Assert.Equal(0.1 - z * 0.2 / Math.Sqrt(10), trend.Ci![0], 1e-12);
    }

    /// <summary>
    /// Group A (reference): 100 rows, 20 flagged, every decision follows the score. Group B: 100 rows, 40 flagged, of
    /// which the human overrules 20. Agreement 180/200 = 0.9; κ = (0.9 − 0.62) / 0.38; the human decisions bring B's
    /// ratio from 2 to 1.
    /// </summary>
    [Fact]
    public void DecisionFollowingMeasuresAgreementKappaAndWhetherOverridesReduceTheDisparity()
    {
        var group = new List<string?>();
        var flag = new List<double>();
        var human = new List<byte>();
        for (var i = 0; i < 100; i++)
        {
            group.Add("A");
            flag.Add(i < 20 ? 1 : 0);
            human.Add(i < 20 ? (byte)1 : (byte)0);
        }
        for (var i = 0; i < 100; i++)
        {
            group.Add("B");
            flag.Add(i < 40 ? 1 : 0);
            human.Add(i < 20 ? (byte)1 : (byte)0);
        }
        var table = new Table([CategoricalColumn.FromValues("g", group), new NumericColumn("flag", flag.ToArray()), new BooleanColumn("final", human.ToArray())]);
        var result = DecisionFollowing.Run(Input(table), new DecisionFollowingPlan(new ColumnRef("final", 1, "designs.decision_following.human_decision")));

        Assert.Equal(200, result.Rows);
        Assert.Equal(0.9, result.Agreement.Value!.Value, 1e-12);
        Assert.Equal((0.9 - 0.62) / 0.38, result.Kappa.Value!.Value, 1e-12);
        Assert.Equal(40.0 / 60, result.FollowedWhenFlagged.Value!.Value, 1e-12);
        Assert.Equal(0.0, result.AdverseWhenNotFlagged.Value);
        var b = result.Groups.Single(g => g.Group == "B");
        Assert.Equal(0.5, b.OverruledFlag.Value);
        Assert.Equal(0.0, b.AddedAdverse.Value);
        Assert.Equal(2.0, b.ScoreRatio.Value!.Value, 1e-12);
        Assert.Equal(1.0, b.HumanRatio.Value!.Value, 1e-12);
        Assert.Equal("reduces the disparity", b.Effect);
        var statements = Audit.Reporting.Text.DesignText.Following(result, Audit.Reporting.Text.ReportLanguage.English);
        Assert.Contains("g = B: the human decision reduces the score's disparity (ratio to the reference 2.00 by the score, 1.00 after the human decision).", statements);
        Assert.StartsWith("The final decision ('final') agrees with the score's in 90.0 % of 200 cases (Cohen's kappa 0.74)", statements[0]);
    }
}
