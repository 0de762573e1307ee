using System.Text;
using Audit.Reporting.Text;
using Audit.Reporting;
using Audit.Reporting.Html;
using Audit.Tests.Cli;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 5: Unicode bidirectional overrides and isolates (U+202A to U+202E, U+2066 to U+2069) from the data
/// passed raw into the HTML report, where they reorder what the reader sees (a group name displayed backwards). They
/// are now shown as visible markers such as <c>[U+202E]</c> in the HTML and Markdown reports (and the plots), while
/// report.json keeps the value exactly.
/// </summary>
public sealed class Issue16Class5BidiTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static bool IsBidi(char c) => c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069';

    [Fact]
    public void EscapingForHtmlAndMarkdownLeavesNoBidirectionalControl()
    {
        var random = new Random(16_55);
        const string alphabet = "ab<>&|*_\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200f\u061c";
        for (var n = 0; n < 500; n++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 20)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            foreach (var escaped in new[] { HtmlText.Escape(text), MarkdownReport.Escape(text), MarkdownReport.Code(text) })
            {
                Assert.DoesNotContain(escaped, IsBidi);
                Assert.Equal(text.Count(IsBidi), System.Text.RegularExpressions.Regex.Matches(escaped, @"U\+(202[A-E]|206[6-9])").Count);
            }
        }
    }

    [Fact]
    public void AReportShowsTheControlsOfAGroupNameAsMarkers()
    {
        const string name = "\u202Eevil\u202C\u2066x\u2069";
        var csv = new StringBuilder("id,group,s\n");
        for (var i = 1; i <= 40; i++)
        {
            csv.Append(i).Append(',').Append(i % 2 == 0 ? name : "plain").Append(',').Append(i % 2 == 0 ? 0.9 : 0.1).Append('\n');
        }
        dir.Write("people.csv", csv.ToString());
        var plan = dir.Write("plan.yaml", """
            data: { path: people.csv }
            model: { score_column: s, adverse: high }
            policy: { top_fraction: 0.3 }
            protected_attributes: [{ column: group }]
            min_cell_size: 5
            inference: { bootstrap: 0 }
            """);
        var output = dir.File("out");
        Assert.Equal(0, CliRunner.Run("run", plan, "--out", output, "--quiet").ExitCode);
        foreach (var file in new[] { ReportWriter.HtmlFile, ReportWriter.MarkdownFile })
        {
            var text = File.ReadAllText(Path.Combine(output, file));
            Assert.DoesNotContain(text, IsBidi);
            Assert.Contains("U+202E", text);
        }
        var json = File.ReadAllText(Path.Combine(output, ReportWriter.JsonFile));
        Assert.True(json.Contains(name, StringComparison.Ordinal) || json.Contains("\\u202Eevil", StringComparison.OrdinalIgnoreCase), "report.json keeps the group's name");
    }
}
