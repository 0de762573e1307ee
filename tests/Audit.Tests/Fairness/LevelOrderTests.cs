using System.Text.RegularExpressions;
using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Plan;
using Audit.Reporting;
using Audit.Reporting.Plots;
using Audit.Reporting.Tables;
using Audit.Reporting.Text;
using Audit.Tests.Reporting.Plots;

namespace Audit.Tests.Fairness;

/// <summary>
/// Issue 18, item 4: groups in natural order ("D2" before "D10", "25-34" before "100+") or in the order the plan
/// declares, the same in the HTML table, the Markdown, the CSV and the plot. The expected orders are written by hand.
/// </summary>
public sealed partial class LevelOrderTests
{
    private static readonly string[] Deciles = ["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9", "D10"];

    [Fact]
    public void DecilesAndAgeBandsSortNaturally()
    {
        var random = new Random(18);
        foreach (var expected in new[]
        {
            Deciles,
            ["D1", "D2", "D3", "D4_D5", "D6_D9", "D10"],
            ["<25", "25-34", "35-49", "50-64", "65-99", "100+"],
            ["[0.5, 1.5)", "[1.5, 10)", "[10, 100)"],
            ["g1", "g2", "g10", "g10a", "h", "(missing)"],
            ["1.25 kg", "1.5 kg", "2 kg", "12 kg"],
        })
        {
            for (var shuffle = 0; shuffle < 20; shuffle++)
            {
                var labels = expected.OrderBy(_ => random.Next()).ToArray();
                var order = LevelOrder.Of(labels, null, "x");
                Assert.Equal(expected, order.Select(i => labels[i]));
            }
        }
    }

    [Fact]
    public void ADeclaredOrderIsFollowedAndAnUnlistedGroupIsAnError()
    {
        var column = new CategoricalColumn("level", [0, 1, 2, 0, 1, 2, -1], ["low", "high", "medium"]);
        var groups = GroupAssignment.FromColumn(column, null, ["high", "medium", "low", "absent"]);
        Assert.Equal(["high", "medium", "low", GroupAssignment.MissingLabel], groups.Levels);
        Assert.Equal([2, 0, 1, 2, 0, 1, 3], groups.Codes);
        var natural = GroupAssignment.FromColumn(column, null);
        Assert.Equal(["high", "low", "medium", GroupAssignment.MissingLabel], natural.Levels);
        var error = Assert.Throws<AuditInputException>(() => GroupAssignment.FromColumn(column, null, ["high", "low"]));
        Assert.Contains("medium", error.Message);
    }

    [Fact]
    public void TheOrderIsTheSameInTheHtmlTableMarkdownCsvAndPlot()
    {
        using var dir = new TempDirectory();
        var random = new Random(4);
        // Rows in a shuffled order: the order of the report cannot come from the data's.
        var rows = Enumerable.Range(0, 600).Select(i => (Decile: Deciles[i % 10], Band: Bands[i % 4], Flag: random.Next(5) == 0 ? 1 : 0)).OrderBy(_ => random.Next());
        File.WriteAllLines(dir.File("people.csv"), ["decile,band,flagged", .. rows.Select(r => $"{r.Decile},{r.Band},{r.Flag}")]);
        var plan = AuditPlanLoader.Load(dir.Write("plan.yaml", """
            name: order
            data: { path: people.csv }
            model: { decision_column: flagged }
            protected_attributes:
              - column: decile
              - column: band
                order: [young, adult, middle, old]
            intersections: none
            inference: { bootstrap: 0 }
            """));
        var result = Auditor.Run(plan, "test");
        string[][] expected = [Deciles, ["young", "adult", "middle", "old"]];
        Assert.Equal(expected, result.Fairness.Attributes.Select(a => a.Groups.Select(g => g.Group.Label).ToArray()));

        var html = HtmlReport.Render(result, ReportLanguage.English);
        var markdown = MarkdownReport.Render(result);
        var csv = ReportTables.Of(result, ReportLanguage.English).Single(t => t.Name == "groups").ToCsv().Split('\n');
        for (var a = 0; a < 2; a++)
        {
            var attribute = result.Fairness.Attributes[a];
            var labels = expected[a];
            var table = Regex.Match(html, $"<table id=\"table-{attribute.Attribute}\".*?</table>", RegexOptions.Singleline).Value;
            Assert.Equal(labels, Regex.Matches(table, "<tr[^>]*><td>([^<]*)</td>").Select(m => m.Groups[1].Value));
            var section = markdown[markdown.IndexOf($"### {attribute.Attribute}", StringComparison.Ordinal)..];
            Assert.Equal(labels, Regex.Matches(section, @"^\| ([^|]+?)(?: ★)? \| [\d,]+ \|", RegexOptions.Multiline).Take(labels.Length).Select(m => m.Groups[1].Value));
            Assert.Equal(labels, csv.Where(l => l.Split(',') is [_, var name, ..] && name == attribute.Attribute).Select(l => l.Split(',')[2]));
            // The flag-rate plot: its group labels from top to bottom.
            var svg = FlagRatePlot.Draw(attribute, ReportLanguage.English, "p")!.Svg;
            var ticks = SvgText.Labels(svg).Where(t => labels.Contains(t.Text.Replace(" \u2605", ""))).OrderBy(t => t.Y).Select(t => t.Text.Replace(" \u2605", ""));
            Assert.Equal(labels, ticks);
        }
    }

    [Fact]
    public void ThePlanRefusesAGroupListedTwiceAndNamesAnUnlistedOne()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("people.csv"), ["band,flagged", .. Enumerable.Range(0, 40).Select(i => $"{Bands[i % 4]},{i % 3 % 2}")]);
        string Plan(string order) => dir.Write("plan.yaml", $$"""
            name: order
            data: { path: people.csv }
            model: { decision_column: flagged }
            protected_attributes:
              - column: band
                order: {{order}}
            inference: { bootstrap: 0 }
            """);
        var twice = Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(Plan("[young, young, old]")));
        Assert.Contains("listed twice", twice.Message);
        var unlisted = Assert.Throws<AuditInputException>(() => Auditor.Run(AuditPlanLoader.Load(Plan("[young, adult, old]")), "test"));
        Assert.Contains("middle", unlisted.Message);
        Assert.Equal("protected_attributes[0]", unlisted.KeyPath);
    }

    private static readonly string[] Bands = ["old", "young", "middle", "adult"];
}
