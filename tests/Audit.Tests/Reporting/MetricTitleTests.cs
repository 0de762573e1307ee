using Audit.Fairness;
using Audit.Reporting;
using Audit.Results;

namespace Audit.Tests.Reporting;

/// <summary>The Markdown titles are keyed by the result's metric keys, so every metric the Fairness stage computes must have one.</summary>
public sealed class MetricTitleTests
{
    [Fact]
    public void EveryComputedMetricHasATitleAndNoTitleIsForAMetricNeverComputed() =>
        Assert.Equal(GroupRate.All.Select(r => r.Key).Order(), MetricTitles.English.Keys.Order());

    [Fact]
    public void TheKeysAreTheJsonNamesOfReportJson()
    {
        // Hand-copied from a committed report.json (reports/), so a renamed constant fails here before it changes the output.
        Assert.Equal("selectionRate", MetricKeys.SelectionRate);
        Assert.Equal("falsePositiveRate", MetricKeys.FalsePositiveRate);
        Assert.Equal("Flag rate", MetricTitles.English[MetricKeys.SelectionRate]);
    }
}
