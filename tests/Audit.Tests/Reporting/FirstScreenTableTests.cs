using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Audit.Tests.Reporting;

/// <summary>
/// The table that opens each showcase's summary (issue 18: the first screen states the disparities as disparities),
/// read from the committed HTML and checked against the verdicts of the committed report.json, an independent reading
/// of the same facts: the rows are the groups of the established disparities in the ranked order, each cell the ratio
/// and simultaneous interval the verdict holds, coloured by its direction.
/// </summary>
public sealed partial class FirstScreenTableTests
{
    private static (string Group, string[] Cells, string[] Classes)[] Rows(string report, string page)
    {
        var html = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "reports", report, page));
        var table = TablePattern().Match(html);
        Assert.True(table.Success, $"{report}/{page}: no first-screen table");
        return RowPattern().Matches(table.Value).Select(row =>
        {
            var cells = CellPattern().Matches(row.Value).Select(c => (Class: c.Groups[1].Value, Text: WebUtility.HtmlDecode(TagPattern().Replace(c.Groups[2].Value, "")).Trim())).ToArray();
            return (cells[0].Text, cells[1..].Select(c => c.Text).ToArray(), cells[1..].Select(c => c.Class).ToArray());
        }).ToArray();
    }

    [Fact]
    public void TheCafFirstRowsAreThePoorestDecilePriorityNeighbourhoodsAndSingleParentsWithTheirVerdicts()
    {
        var rows = Rows("caf-reconstructed", "report.html");
        Assert.StartsWith("tranche_niveau_de_vie = D1", rows[0].Group);
        Assert.StartsWith("qpv = true", rows[1].Group);
        Assert.StartsWith("parent_isole = true", rows[2].Group);
        Assert.Contains("calibrated, not found", rows[2].Group); // a weight fitted to a published figure: not a discovery
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "reports", "caf-reconstructed", "report.json")));
        foreach (var (attribute, level, row) in new[] { ("tranche_niveau_de_vie", "D1", 0), ("qpv", "true", 1), ("parent_isole", "true", 2) })
        {
            var verdict = json.RootElement.GetProperty("fairness").GetProperty("attributes").EnumerateArray()
                .First(a => a.GetProperty("attribute").GetString() == attribute).GetProperty("groups").EnumerateArray()
                .First(g => g.GetProperty("group").GetProperty(attribute).GetString() == level)
                .GetProperty("disparities").GetProperty("selectionRate").GetProperty("verdict");
            var printed = Regex.Matches(rows[row].Cells[0], @"\d+\.\d+").Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(3, printed.Length);
            Assert.Equal(verdict.GetProperty("ratio").GetDouble(), printed[0], 0.005);
            Assert.Equal(verdict.GetProperty("low").GetDouble(), printed[1], 0.005);
            Assert.Equal(verdict.GetProperty("high").GetDouble(), printed[2], 0.005);
            Assert.Contains("against", rows[row].Classes[0]);
        }
    }

    [Fact]
    public void CompasLeadsWithTheFalsePositiveRateGapOfAfricanAmericanDefendants()
    {
        var rows = Rows("compas-propublica", "report.html");
        Assert.Equal("race = African-American", rows[0].Group);
        var header = TablePattern().Match(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "reports", "compas-propublica", "report.html"))).Value;
        Assert.Contains("false positive rate", header);
        Assert.Contains(rows[0].Cells, c => c.StartsWith("1.91", StringComparison.Ordinal));
    }

    [Fact]
    public void TheFrenchTableSaysTheSameInFrenchNumbers()
    {
        var en = Rows("caf-reconstructed", "report.html");
        var fr = Rows("caf-reconstructed", "report.fr.html");
        Assert.Equal(en.Length, fr.Length);
        // French decimals and interval notation (non-breaking spaces around the semicolon, read here as spaces).
        Assert.Equal(en[0].Cells[0].Replace('.', ',').Replace(", ", " ; ", StringComparison.Ordinal), fr[0].Cells[0].Replace('\u00A0', ' ').Replace('\u202F', ' '));
        Assert.Contains("calibré, non découvert", fr[2].Group);
    }

    [GeneratedRegex("<table class=\"first-screen\">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex TablePattern();

    [GeneratedRegex("<tr>(?!<th).*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<td(?: class=\"([^\"]*)\")?[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
