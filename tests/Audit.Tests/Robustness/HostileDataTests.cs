using System.Globalization;
using System.Text;
using AngleSharp.Html.Parser;
using Audit.Data;
using Audit.Reporting;
using Audit.Tests.Cli;

namespace Audit.Tests.Robustness;

/// <summary>
/// Data values written to attack a report's reader (markup in the HTML, formulas in a spreadsheet) come out as plain
/// text. The HTML is parsed with AngleSharp, as a browser would, and searched for anything a data value could have
/// turned into markup.
/// </summary>
public sealed class HostileDataTests : IDisposable
{
    private const string Script = "<script>alert(1)</script>";
    private const string Image = "\"><img src=x onerror=alert(1)>";
    private const string Formula = "=cmd|' /C calc'!A0";
    private const string SvgEscape = "</text><script>alert(2)</script>";

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private string Audit()
    {
        var values = new[] { Script, Image, Formula, SvgEscape, "plain" };
        var csv = new StringBuilder("id,group,score\n");
        var random = new Random(3);
        for (var i = 0; i < 500; i++)
        {
            var value = values[i % values.Length];
            // The reference group "plain" scores higher, so every other group's flag-rate difference is negative.
            var score = random.NextDouble() + (value == "plain" ? 0.5 : 0);
            csv.Append(i).Append(",\"").Append(value.Replace("\"", "\"\"")).Append("\",").Append(score.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        dir.Write("people.csv", csv.ToString());
        var plan = dir.Write("plan.yaml", """
            name: hostile
            description: "<b onmouseover=alert(3)>description</b>"
            data: { path: people.csv }
            roles: { id: id }
            model: { score_column: score, adverse: high }
            policy: { top_fraction: 0.2 }
            protected_attributes: [{ column: group, reference: plain }]
            """);
        var output = dir.File("out");
        var outcome = CliRunner.Run("run", plan, "--out", output, "--quiet");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        return output;
    }

    [Fact]
    public void NoDataValueBecomesMarkupInTheHtmlReport()
    {
        var output = Audit();
        var html = File.ReadAllText(Path.Combine(output, ReportWriter.HtmlFile));
        var document = new HtmlParser().ParseDocument(html);

        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Empty(document.QuerySelectorAll("img"));
        Assert.Empty(document.QuerySelectorAll("b[onmouseover]"));
        var handlers = document.All.SelectMany(e => e.Attributes.Select(a => (Element: e.LocalName, a.Name)))
            .Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Empty(handlers);
        // The values are there, as text: the report names the groups exactly as the data has them.
        var text = document.Body!.TextContent;
        foreach (var value in new[] { Script, Image, Formula, SvgEscape })
        {
            Assert.Contains(value, text);
        }
        Assert.Contains("<b onmouseover=alert(3)>description</b>", text);
    }

    [Fact]
    public void CsvTablesNeutraliseFormulasButKeepNegativeNumbersAsNumbers()
    {
        var output = Audit();
        var groups = CsvTableReader.Read(Path.Combine(output, ReportWriter.TablesFolder, "groups.csv"));
        var names = (CategoricalColumn)groups["group"];
        var cells = Enumerable.Range(0, groups.RowCount).Select(r => names[r]).ToList();
        Assert.Contains("'" + Formula, cells);
        Assert.DoesNotContain(Formula, cells);
        foreach (var file in Directory.GetFiles(Path.Combine(output, ReportWriter.TablesFolder), "*.csv"))
        {
            foreach (var row in Reporting.SpreadsheetCsv.Read(File.ReadAllText(file), ',').Skip(1))
            {
                foreach (var field in row)
                {
                    var formulaStart = field.Length > 0 && "=+-@\t\r".Contains(field[0]);
                    var isNumber = double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                    Assert.False(formulaStart && !isNumber, $"{Path.GetFileName(file)}: a text cell starts with a formula character: {field}");
                }
            }
        }
        // A negative difference stays a number the spreadsheet can compute with.
        var difference = (NumericColumn)groups["flag_rate_difference"];
        Assert.Contains(Enumerable.Range(0, groups.RowCount).Select(r => difference[r]), v => v < 0);
    }
}
