using System.Text.RegularExpressions;
using Audit.Reporting.Html;
using Audit.Reporting.Text;
using Audit.Reporting;

namespace Audit.Tests.Reporting;

/// <summary>
/// Opens the HTML report in headless Chromium: it renders without console errors or blocked loads, every plot is
/// visible, the embedded font is used, a screenshot is saved; printed to PDF, every section is there. Needs
/// /usr/bin/chromium and poppler-utils (skipped with a message otherwise; CI installs both).
/// </summary>
public sealed partial class BrowserTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>
    /// A copy of the report with a strict Content-Security-Policy (nothing may load but inline styles and data: fonts) and
    /// a probe script that writes what the page saw into an attribute of &lt;body&gt;, read back from --dump-dom. The
    /// report itself has no script; only this test copy does.
    /// </summary>
    private const string Probe = """
        <script>
        window.__errors = [];
        window.addEventListener('error', e => window.__errors.push('error: ' + e.message));
        document.addEventListener('securitypolicyviolation', e => window.__errors.push('blocked: ' + e.blockedURI + ' (' + e.violatedDirective + ')'));
        window.addEventListener('load', () => document.fonts.ready.then(() => {
          const plots = [...document.querySelectorAll('svg.plot')].map(s => { const b = s.getBoundingClientRect(); return s.id + '=' + Math.round(b.width) + 'x' + Math.round(b.height); });
          const font = document.fonts.check('12px "DejaVu Sans"') && [...document.fonts].some(f => f.family.replace(/"/g, '') === 'DejaVu Sans' && f.status === 'loaded');
          document.body.setAttribute('data-probe', JSON.stringify({ plots, font, errors: window.__errors }));
        }));
        </script>
        """;

    private const string Policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; font-src data:; script-src 'unsafe-inline'\">";

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public void TheReportRendersWithoutErrorsAndEveryPlotIsVisible(string code)
    {
        Chromium.RequireBrowser();
        var html = HtmlReport.Render(ReportSamples.Demo, ReportLanguage.Of(code));
        var expectedPlots = Regex.Matches(html, "<svg [^>]*class=\"plot\"").Count;
        var probed = html.Replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\">" + Policy).Replace("</body>", Probe + "</body>");
        var page = dir.Write($"probe-{code}.html", probed);

        var (dom, log) = Chromium.Run(dir.File("profile-" + code), "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000", "--run-all-compositor-stages-before-draw", "--dump-dom", "file://" + page);

        var probe = Regex.Match(dom, "data-probe=\"([^\"]*)\"");
        Assert.True(probe.Success, "the probe did not run; Chromium said: " + log[..Math.Min(2000, log.Length)]);
        var json = System.Text.Json.JsonDocument.Parse(System.Net.WebUtility.HtmlDecode(probe.Groups[1].Value)).RootElement;
        var errors = json.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors));
        Assert.DoesNotMatch(@"(?m)CONSOLE.*(Error|Refused|Failed)", log);
        Assert.True(json.GetProperty("font").GetBoolean(), "the embedded DejaVu Sans was not loaded");
        var plots = json.GetProperty("plots").EnumerateArray().Select(p => p.GetString()!).ToArray();
        Assert.Equal(expectedPlots, plots.Length);
        Assert.True(plots.Length >= 10, $"{plots.Length} plots");
        foreach (var plot in plots)
        {
            var size = Regex.Match(plot, @"=(\d+)x(\d+)$");
            Assert.True(int.Parse(size.Groups[1].Value) >= 200 && int.Parse(size.Groups[2].Value) >= 100, $"plot not visible: {plot}");
        }
    }

    [Fact]
    public void AScreenshotOfTheFirstScreenIsSaved()
    {
        Chromium.RequireBrowser();
        var page = dir.Write("report.html", HtmlReport.Render(ReportSamples.Demo, ReportLanguage.English));
        var shot = Path.Combine(Chromium.ArtefactFolder, "report-first-screen.png");
        File.Delete(shot);
        Chromium.Run(dir.File("profile"), "--window-size=1280,900", "--virtual-time-budget=5000", $"--screenshot={shot}", "file://" + page);
        Assert.True(File.Exists(shot), "no screenshot");
        var bytes = File.ReadAllBytes(shot);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.True(bytes.Length > 20_000, $"the screenshot is suspiciously small ({bytes.Length} bytes): blank page?");
    }

    [Theory]
    [InlineData("fr")]
    public void PrintedToPdfEverySectionIsRendered(string code)
    {
        Chromium.RequirePoppler();
        var language = ReportLanguage.Of(code);
        var result = ReportSamples.DemoWithEverySection;
        var page = dir.Write($"report-{code}.html", HtmlReport.Render(result, language));
        var pdf = dir.File($"report-{code}.pdf");
        Chromium.Run(dir.File("profile-pdf-" + code), "--no-pdf-header-footer", "--virtual-time-budget=5000", $"--print-to-pdf={pdf}", "file://" + page);
        Assert.True(File.Exists(pdf), "no PDF");

        var (info, _) = Chromium.Tool("/usr/bin/pdfinfo", pdf);
        var pages = int.Parse(Regex.Match(info, @"Pages:\s+(\d+)").Groups[1].Value);
        var sections = HtmlReport.Sections.Where(s => s.AppliesTo(result)).ToArray();
        // The cover page with the contents, then the sections (which no longer force a page each: issue 18, item 9).
        Assert.True(pages >= 2, $"{pages} pages");

        var images = dir.File($"page-{code}");
        Chromium.Tool("/usr/bin/pdftoppm", "-r", "20", "-png", pdf, images);
        var rendered = Directory.GetFiles(dir.Path, $"page-{code}-*.png");
        Assert.Equal(pages, rendered.Length);
        Assert.All(rendered, f => Assert.True(new FileInfo(f).Length > 500, $"{f} is empty"));

        // Every section's title is printed as a line of its own, in order, after the contents page (pdftotext ends each page with a form feed).
        var text = Chromium.Tool("/usr/bin/pdftotext", "-layout", pdf, "-").Out;
        // Spaces collapsed on both sides: pdftotext prints a no-break space (French typography) as a plain one.
        var lines = text[(text.IndexOf('\f') + 1)..].Split('\n').Select(l => Regex.Replace(l, @"\s+", " ").Trim()).ToArray();
        var previous = 0;
        foreach (var section in sections)
        {
            var title = Regex.Replace(language.T(section.TitleKey), @"\s+", " ");
            var at = Array.FindIndex(lines, previous, l => l == title);
            Assert.True(at >= 0, $"the section \"{title}\" is not printed (in order) after the contents");
            previous = at;
        }
    }
}
