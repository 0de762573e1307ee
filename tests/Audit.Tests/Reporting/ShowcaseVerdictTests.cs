using System.Text.Json;

namespace Audit.Tests.Reporting;

/// <summary>
/// Issue 18's acceptance on the committed showcase (reports/, which ShowcaseDriftTests keeps equal to a fresh run):
/// the first screen of the CAF report states the poorest decile, priority neighbourhoods and single parents as
/// disparities against them, with ratio and interval; COMPAS's states the false positive rate gap. Read from the
/// report.json files, parsed here without the toolkit's types, and from the HTML's first findings.
/// </summary>
public sealed class ShowcaseVerdictTests
{
    /// <summary>What a first screen holds: the first findings of the headline list.</summary>
    private const int FirstScreen = 6;

    private static JsonElement[] Findings(string report)
    {
        var path = Path.Combine(SharedData.RepositoryRoot, "reports", report, "report.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(5, document.RootElement.GetProperty("schemaVersion").GetInt32());
        return document.RootElement.GetProperty("fairness").GetProperty("findings").EnumerateArray().Select(f => f.Clone()).ToArray();
    }

    private static bool Is(JsonElement f, string attribute, string group, string metric) =>
        f.GetProperty("attribute").GetString() == attribute && f.GetProperty("group").GetProperty(attribute).GetString() == group
        && f.GetProperty("metric").GetString() == metric;

    /// <summary>The finding is an established disparity against the group whose interval lies wholly above 1.25 around its ratio.</summary>
    private static void AgainstWithInterval(JsonElement f, double ratio)
    {
        var verdict = f.GetProperty("verdict");
        Assert.Equal("against", verdict.GetProperty("direction").GetString());
        Assert.Equal(ratio, verdict.GetProperty("ratio").GetDouble(), 2);
        var low = verdict.GetProperty("low").GetDouble();
        var high = verdict.GetProperty("high").GetDouble();
        Assert.True(1.25 < low && low < ratio && ratio < high, $"{low} {ratio} {high}");
    }

    [Fact]
    public void TheCafFirstScreenStatesThePoorestDecilePriorityNeighbourhoodsAndSingleParentsAsDisparitiesAgainstThem()
    {
        var first = Findings("caf-reconstructed").Take(FirstScreen).ToArray();
        AgainstWithInterval(Assert.Single(first, f => Is(f, "tranche_niveau_de_vie", "D1", "selectionRate")), 9.61);
        AgainstWithInterval(Assert.Single(first, f => Is(f, "qpv", "true", "selectionRate")), 4.82);
        AgainstWithInterval(Assert.Single(first, f => Is(f, "parent_isole", "true", "selectionRate")), 2.95);
        var html = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "reports", "caf-reconstructed", "report.html"));
        var findings = html[html.IndexOf("<ul class=\"findings\">", StringComparison.Ordinal)..];
        Assert.StartsWith("<ul class=\"findings\">\n<li class=\"against\">Disparity against tranche_niveau_de_vie = D1: its flag rate is 9.61 times", findings);
        Assert.DoesNotContain("no adverse impact", html);
    }

    [Fact]
    public void TheCompasFirstScreenStatesTheFalsePositiveRateGap()
    {
        var first = Findings("compas-propublica").Take(FirstScreen).ToArray();
        AgainstWithInterval(Assert.Single(first, f => Is(f, "race", "African-American", "falsePositiveRate")), 1.91);
    }

    /// <summary>No showcase headline rests on a comparison that is not established (the p = 1.000 findings of before).</summary>
    [Theory]
    [InlineData("caf-reconstructed")]
    [InlineData("compas-propublica")]
    [InlineData("compas-propublica-adjusted")]
    [InlineData("demo")]
    [InlineData("rongcheng-points")]
    public void EveryShowcaseHeadlineIsAnEstablishedDisparity(string report)
    {
        foreach (var f in Findings(report).Where(f => f.GetProperty("kind").GetString() == "disparity"))
        {
            Assert.NotEqual("notEstablished", f.GetProperty("verdict").GetProperty("direction").GetString());
            if (f.TryGetProperty("p", out var p))
            {
                Assert.True(p.GetDouble() < 0.05, f.ToString());
            }
        }
    }
}
