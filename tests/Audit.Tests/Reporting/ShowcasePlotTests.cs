using System.Text.RegularExpressions;
using Audit.Tests.Reporting.Plots;

namespace Audit.Tests.Reporting;

/// <summary>
/// Issue 18, item 3, read in headless Chromium on every committed showcase report (English and French): every plot has
/// a visible data mark (an element drawn inside the plot's data area, opaque, with a non-empty bounding box); the
/// forest plots' axes are logarithmic (the ticks 0.5, 1 and 2, measured where the browser draws them, are equally
/// spaced); and no axis has two tick labels alike (read from the SVG: the labels below the data area on one line, and
/// the labels left of it). The reports are the committed files, which <c>ShowcaseDriftTests</c> holds to the code.
/// </summary>
public sealed partial class ShowcasePlotTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    public static TheoryData<string> Reports => new(
        from plan in new[] { "caf-reconstructed", "compas-propublica", "compas-propublica-adjusted", "demo", "rongcheng-points" }
        from file in new[] { "report.html", "report.fr.html" }
        select $"{plan}/{file}");

    /// <summary>For each plot: its id, how many visible marks its data area holds, and for forest plots the centres of the ticks 0.5, 1, 2.</summary>
    private const string Probe = """
        <script>
        window.addEventListener('load', () => {
          const shapes = new Set(['path', 'rect', 'circle', 'ellipse', 'polygon', 'polyline', 'line']);
          const plots = [...document.querySelectorAll('svg.plot')].map(s => {
            const marks = [...s.querySelectorAll('g[clip-path] *')].filter(e => {
              if (!shapes.has(e.tagName)) return false;
              const opacity = parseFloat(e.getAttribute('fill-opacity') ?? '1');
              const stroked = e.getAttribute('stroke') && e.getAttribute('stroke') !== 'none';
              if (opacity < 0.5 && !stroked) return false;
              const b = e.getBoundingClientRect();
              return b.width > 0.5 || b.height > 0.5;
            }).length;
            const ticks = {};
            if (s.id.startsWith('plot-forest')) {
              // A clip path is not drawn, so its rectangle has no box of its own: place it from its attributes and the plot's scale.
              const clip = s.querySelector('clipPath rect');
              const frame = s.getBoundingClientRect();
              const scale = frame.height / s.viewBox.baseVal.height;
              const area = { bottom: frame.top + (parseFloat(clip.getAttribute('y')) + parseFloat(clip.getAttribute('height'))) * scale };
              for (const t of s.querySelectorAll('text')) {
                const b = t.getBoundingClientRect();
                const label = t.textContent.trim().replace(',', '.');
                if (b.top >= area.bottom && b.top < area.bottom + 30 && ['0.5', '1', '2'].includes(label)) ticks[label] = b.left + b.width / 2;
              }
            }
            return { id: s.id, marks, ticks };
          });
          document.body.setAttribute('data-probe', JSON.stringify(plots));
        });
        </script>
        """;

    [Theory]
    [MemberData(nameof(Reports))]
    public void EveryPlotHasAVisibleDataMarkAndForestAxesAreLogarithmic(string report)
    {
        Chromium.RequireBrowser();
        var html = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "reports", report));
        var page = dir.Write("probe.html", html.Replace("</body>", Probe + "</body>"));
        var (dom, log) = Chromium.Run(dir.File("profile"), "--virtual-time-budget=20000", "--run-all-compositor-stages-before-draw", "--dump-dom", "file://" + page);
        var probe = Regex.Match(dom, "data-probe=\"([^\"]*)\"");
        Assert.True(probe.Success, "the probe did not run; Chromium said: " + log[..Math.Min(2000, log.Length)]);
        var plots = System.Text.Json.JsonDocument.Parse(System.Net.WebUtility.HtmlDecode(probe.Groups[1].Value)).RootElement.EnumerateArray().ToArray();
        Assert.Equal(Regex.Matches(html, "<svg [^>]*class=\"plot\"").Count, plots.Length);
        foreach (var plot in plots)
        {
            var id = plot.GetProperty("id").GetString();
            Assert.True(plot.GetProperty("marks").GetInt32() > 0, $"{report}: the plot {id} has no visible data mark");
        }
        var forests = plots.Where(p => p.GetProperty("id").GetString()!.StartsWith("plot-forest", StringComparison.Ordinal)).ToArray();
        Assert.True(forests.Length > 0, $"{report}: no forest plot");
        foreach (var forest in forests)
        {
            var ticks = forest.GetProperty("ticks");
            var (half, one, two) = (ticks.GetProperty("0.5").GetDouble(), ticks.GetProperty("1").GetDouble(), ticks.GetProperty("2").GetDouble());
            Assert.True(one - half > 20, $"{report}: ticks 0.5 and 1 of {forest.GetProperty("id")} are {one - half} px apart");
            Assert.True(Math.Abs((one - half) - (two - one)) < 1.5, $"{report}: {forest.GetProperty("id")} is not logarithmic: 0.5 → 1 is {one - half} px, 1 → 2 is {two - one} px");
        }
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void NoAxisHasTwoTickLabelsAlike(string report)
    {
        var html = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "reports", report));
        var svgs = Regex.Matches(html, "<svg [^>]*class=\"plot\".*?</svg>", RegexOptions.Singleline).Select(m => m.Value).ToArray();
        Assert.NotEmpty(svgs);
        foreach (var svg in svgs)
        {
            var area = DataArea().Match(svg);
            Assert.True(area.Success, "a plot without a data area");
            var (left, top, height) = (Number(area.Groups[1]), Number(area.Groups[2]), Number(area.Groups[4]));
            var labels = SvgText.Labels(svg);
            var id = Regex.Match(svg, "id=\"([^\"]+)\"").Groups[1].Value;
            // Below the data area, one line of labels is one axis (the axis title and a legend lie on other lines).
            foreach (var line in labels.Where(l => l.Y > top + height).GroupBy(l => Math.Round(l.Y)))
            {
                var texts = line.Select(l => l.Text).ToArray();
                Assert.True(texts.Distinct().Count() == texts.Length, $"{report}, {id}: tick labels alike on one axis: {string.Join(" | ", texts)}");
            }
            var leftAxis = labels.Where(l => l.X < left).Select(l => l.Text).ToArray();
            Assert.True(leftAxis.Distinct().Count() == leftAxis.Length, $"{report}, {id}: tick labels alike on the left axis: {string.Join(" | ", leftAxis)}");
        }
    }

    private static double Number(Group g) => double.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"<clipPath[^>]*>\s*<rect x=""([\d.]+)"" y=""([\d.]+)"" width=""([\d.]+)"" height=""([\d.]+)""")]
    private static partial Regex DataArea();
}
