using System.Globalization;
using Audit.Fairness;
using Audit.Reporting.Tables;
using Audit.Reporting.Text;

namespace Audit.Tests.Reporting;

public sealed class ReportTableTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+33 6", "'+33 6")]
    [InlineData("-x", "'-x")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("hors_UE", "hors_UE")]
    public void TextThatASpreadsheetWouldRunIsNeutralised(string text, string expected) => Assert.Equal(expected, ReportTable.Cell(text));

    [Fact]
    public void NumbersStayNumbers()
    {
        Assert.Equal("-0.25", ReportTable.Cell(-0.25));
        Assert.Equal("0.1", ReportTable.Cell(0.1));
        Assert.Equal("-3", ReportTable.Cell(-3L));
        Assert.Equal("", ReportTable.Cell(null));
        Assert.Equal("", ReportTable.Cell(double.NaN));
        Assert.Equal("true", ReportTable.Cell(true));
    }

    [Fact]
    public void TheGroupsTableHoldsTheJsonNumbersRoundTrip()
    {
        var result = ReportSamples.Demo;
        var tables = ReportTables.Of(result, ReportLanguage.English);
        Assert.Contains(tables, t => t.Name == "regulatory-mapping");
        var csv = tables.Single(t => t.Name == "groups").ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = csv[0].Split(',');
        var rows = csv.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(result.Fairness.Attributes.Concat(result.Fairness.Intersections).Sum(a => a.Groups.Count), rows.Length);
        var attribute = result.Fairness.Attributes[0];
        foreach (var g in attribute.Groups)
        {
            var row = rows.Single(r => r[1] == attribute.Attribute && r[2] == g.Group.Label);
            var rate = row[Array.IndexOf(header, "flag_rate")];
            Assert.Equal(g.Rates[GroupRate.SelectionRate.Key].Value, rate == "" ? null : double.Parse(rate, CultureInfo.InvariantCulture));
            Assert.Equal(g.Count.Value?.ToString("R", CultureInfo.InvariantCulture) ?? "", row[Array.IndexOf(header, "n")]);
        }
        // Every table has as many cells in each row as in its header.
        foreach (var table in tables)
        {
            Assert.All(table.Rows, r => Assert.Equal(table.Header.Count, r.Length));
        }
    }
}
