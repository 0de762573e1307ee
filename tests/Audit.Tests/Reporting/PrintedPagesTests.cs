using System.Net;
using System.Text.RegularExpressions;

namespace Audit.Tests.Reporting;

/// <summary>
/// Every committed showcase report (reports/*/report.html and report.fr.html), printed to PDF by headless Chromium,
/// reads as a document (issue 18, item 9): no page ends with a heading (h1 to h4, or a table's caption) whose content
/// went to the next page, and no page but the last is nearly empty (under <see cref="MinimumFill"/> of the fullest
/// page's lines, as pdftotext -layout lays them out). Needs /usr/bin/chromium and poppler-utils (skipped otherwise;
/// CI installs both). The check is the reader's: it looks at the printed text, not at the style sheet.
/// </summary>
public sealed partial class PrintedPagesTests : IDisposable
{
    /// <summary>A page other than the last holds at least this share of the fullest page's lines.</summary>
    public const double MinimumFill = 0.15;

    /// <summary>A wrapped heading's last (or first) line counts as the heading when it is at least this long.</summary>
    private const int MinimumPartOfAHeading = 8;

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    public static TheoryData<string> ShowcaseReports()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetDirectories(Path.Combine(SharedData.RepositoryRoot, "reports")).Order(StringComparer.Ordinal)
                     .SelectMany(folder => new[] { "report.html", "report.fr.html" }.Select(name => Path.Combine(folder, name)))
                     .Where(File.Exists))
        {
            data.Add(Path.GetRelativePath(SharedData.RepositoryRoot, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ShowcaseReports))]
    public void NoPageEndsWithAHeadingAndNoPageButTheLastIsNearlyEmpty(string report)
    {
        Chromium.RequirePoppler();
        var html = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, report));
        var name = report.Replace('/', '-').Replace('\\', '-');
        var page = dir.Write(name, html);
        var pdf = dir.File(name + ".pdf");
        Chromium.Run(dir.File("profile-" + name), "--no-pdf-header-footer", "--virtual-time-budget=5000", $"--print-to-pdf={pdf}", "file://" + page);
        var text = Chromium.Tool("/usr/bin/pdftotext", "-layout", pdf, "-").Out;
        var pages = Pages(text);
        var rawPages = text.Split('\f');
        Assert.True(pages.Count >= 2, $"{report}: {pages.Count} pages");

        var headings = Headings(html);
        Assert.NotEmpty(headings);
        var fullest = pages.Max(p => p.Length);
        var problems = new List<string>();
        for (var i = 0; i < pages.Count; i++)
        {
            var last = pages[i].LastOrDefault() ?? "";
            if (headings.Any(h => IsHeadingLine(last, h)) && !ContinuesTheLineAbove(rawPages[i]))
            {
                problems.Add($"page {i + 1} ends with the heading \"{last}\"");
            }
            if (i < pages.Count - 1 && pages[i].Length < MinimumFill * fullest)
            {
                problems.Add($"page {i + 1} holds {pages[i].Length} lines (the fullest holds {fullest})");
            }
        }
        Assert.True(problems.Count == 0, $"{report} ({pages.Count} pages):\n" + string.Join("\n", problems));
    }

    /// <summary>The check itself, on hand-made pages: a heading's line at a page's foot is caught, and so is a short page.</summary>
    [Fact]
    public void TheCheckCatchesAHeadingAtAPageFootAndAShortPage()
    {
        var headings = Headings("<h2>Disparate impact by protected attribute</h2><h3>sex</h3><table><caption>Who is flagged, by sex</caption></table>");
        Assert.Equal(["Disparate impact by protected attribute", "sex", "Who is flagged, by sex"], headings);
        Assert.True(IsHeadingLine("Who is flagged, by sex", headings[2]));
        Assert.True(IsHeadingLine("Disparate impact by", headings[0]));
        Assert.False(IsHeadingLine("sex F 1.2 %", headings[1]));
        Assert.False(IsHeadingLine("by", headings[0]));
        // A heading stands after a blank line (its top margin); a line right under another is a wrapped table cell
        // ("residence ×" / "hukou_local"), even when its words are a heading's elsewhere.
        Assert.False(ContinuesTheLineAbove("text\n\n   sex\n"));
        Assert.True(ContinuesTheLineAbove(" residence ×   4 of 4\n hukou_local\n"));
        var pages = Pages("a\n\n b  c \n\fd\n\f");
        Assert.Equal([["a", "b c"], ["d"]], pages);
    }

    /// <summary>Whether a page's last non-blank line sits right under another line (no blank line between): the wrap of a table cell, not a heading, which has a top margin.</summary>
    private static bool ContinuesTheLineAbove(string rawPage)
    {
        var lines = rawPage.Split('\n');
        var last = Array.FindLastIndex(lines, l => l.Trim().Length > 0);
        return last > 0 && lines[last - 1].Trim().Length > 0;
    }

    /// <summary>Each page's non-blank lines, spaces collapsed (pdftotext ends every page with a form feed).</summary>
    private static List<string[]> Pages(string text)
    {
        var pages = text.Split('\f').Select(p => p.Split('\n').Select(Collapse).Where(l => l.Length > 0).ToArray()).ToList();
        if (pages.Count > 0 && pages[^1].Length == 0)
        {
            pages.RemoveAt(pages.Count - 1);
        }
        return pages;
    }

    /// <summary>The text of every h1-h4 and table caption of the page, tags stripped, entities decoded, spaces collapsed.</summary>
    private static List<string> Headings(string html) =>
    [
        .. HeadingPattern().Matches(html).Select(m => Collapse(WebUtility.HtmlDecode(TagPattern().Replace(m.Groups[2].Value, ""))))
            .Where(h => h.Length > 0).Distinct(),
    ];

    /// <summary>The line is the heading, or (a heading wrapped over lines) its first or last part of some length.</summary>
    private static bool IsHeadingLine(string line, string heading) =>
        line == heading || (line.Length >= MinimumPartOfAHeading && (heading.StartsWith(line, StringComparison.Ordinal) || heading.EndsWith(line, StringComparison.Ordinal)));

    private static string Collapse(string text) => SpacePattern().Replace(text, " ").Trim();

    [GeneratedRegex(@"<(h[1-4]|caption)\b[^>]*>(.*?)</\1>", RegexOptions.Singleline)]
    private static partial Regex HeadingPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpacePattern();
}
