using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Tests.Reporting;

/// <summary>The designs' sentences are worded from the facts of their results, in both languages.</summary>
public sealed class DesignTextTests
{
    [Fact]
    public void ACapacityFindingSaysAtWhichCutOffsTheGroupIsDisadvantaged()
    {
        var finding = new CapacityFinding("sex", "F", [0.01], [0.05, 0.1], "one cut-off only");
        Assert.Equal("sex = F is flagged significantly more often than the reference group only at 1 % (one cut-off of 3); "
            + "it shows four-fifths adverse impact at 2 of 3 cut-offs (5 %, 10 %).", DesignText.Capacity(finding, 3, ReportLanguage.English));
        var french = DesignText.Capacity(finding, 3, ReportLanguage.French);
        Assert.Contains("seulement à 1 % (un seuil sur 3)", french);
        Assert.DoesNotMatch(@"\{[a-zA-Z]+\}", french);
    }

    [Fact]
    public void ATimeSeriesSaysHowOftenHowLongAndWhichTrend()
    {
        // ln ratio grows by ln 1.1 per period, its interval above 0: the ratio grows by 10 % per period.
        var trend = Metric.Of(Math.Log(1.1), 4) with { Ci = [0.01, 0.2] };
        var group = new TimeSeriesGroup("sex", "F", [], trend, 4, 4, 1);
        Assert.Equal("sex = F is flagged significantly more often than the reference group in 4 of 4 periods (longest run: 4 consecutive); "
            + "four-fifths adverse impact in 1 of 4; the ratio grows (+10 % per period): a persistent disparity.", DesignText.Time(group, 4, ReportLanguage.English));
        Assert.Contains("le ratio augmente (+10 % par période)", DesignText.Time(group, 4, ReportLanguage.French));
    }
}
