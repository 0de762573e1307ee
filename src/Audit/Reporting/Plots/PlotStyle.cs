using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Audit.Reporting.Text;
using ScottPlot;

namespace Audit.Reporting.Plots;

/// <summary>
/// What every plot of a report shares: the Okabe-Ito palette (Okabe and Ito 2008, "Color Universal Design"; safe for
/// the common colour-vision deficiencies), the shipped font, axis labels in the report's language, and the turning of
/// ScottPlot's SVG into markup that can sit inline in a page among other plots.
/// </summary>
public static partial class PlotStyle
{
    /// <summary>Okabe-Ito: blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black.</summary>
    public static IReadOnlyList<Color> Palette { get; } =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#D55E00"),
        Color.FromHex("#CC79A7"), Color.FromHex("#56B4E9"), Color.FromHex("#F0E442"), Color.FromHex("#000000"),
    ];

    public static Color Adverse => Palette[3];

    // The verdict colours (CONTRACTS.md "Verdict"), defined once for every plot and every page: a disparity against the
    // group in vermillion, in its favour in blue, not established in grey; the reference group is never coloured as either.

    /// <summary>A disparity against the group: Okabe-Ito vermillion.</summary>
    public const string VerdictAgainstHex = "#D55E00";

    /// <summary>A disparity in the group's favour: Okabe-Ito blue.</summary>
    public const string VerdictInFavourHex = "#0072B2";

    /// <summary>Not established (the interval reaches into the tolerance band): a grey that reads as neither.</summary>
    public const string VerdictNotEstablishedHex = "#8C8C8C";

    /// <summary>The hex colour of a verdict direction (<c>Verdict.Against</c>, <c>InFavour</c>, <c>NotEstablished</c>), for pages and plots alike.</summary>
    public static string VerdictHex(string direction) => direction switch
    {
        Results.Verdict.Against => VerdictAgainstHex,
        Results.Verdict.InFavour => VerdictInFavourHex,
        _ => VerdictNotEstablishedHex,
    };

    /// <summary>The plot colour of a verdict direction (<see cref="VerdictHex"/>).</summary>
    public static Color VerdictColor(string direction) => Color.FromHex(VerdictHex(direction));

    public static Color Neutral => Color.FromHex("#555555");

    public const int Width = 720;

    /// <summary>A plot with the report's font, a white background and light grid lines.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        PlotFont.Register();
        var plot = new Plot();
        plot.Font.Set(PlotFont.Family);
        plot.Title(title);
        plot.Axes.Title.Label.FontName = PlotFont.Family;
        plot.Axes.Title.Label.Bold = true;
        plot.Axes.Title.Label.FontSize = 15;
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.Bottom.Label.FontSize = 13;
        plot.Axes.Left.Label.FontSize = 13;
        plot.Axes.Bottom.Label.Bold = false;
        plot.Axes.Left.Label.Bold = false;
        plot.Grid.MajorLineColor = Color.FromHex("#000000").WithAlpha(0.08);
        return plot;
    }

    /// <summary>
    /// To call right after adding a plottable drawn with a dash or dot pattern: the fills drawn after it (bars, markers)
    /// would otherwise inherit the pattern from the paint ScottPlot shares, and Skia's SVG backend prints a warning on
    /// standard error for each (<see cref="DashReset"/>). A patterned line with markers is drawn as two plottables, the
    /// line and then its markers, with this between them.
    /// </summary>
    public static void ClearDash(Plot plot) => plot.Add.Plottable(new DashReset());

    /// <summary>
    /// Tick labels in the report's number format (the plot's own would follow the invariant culture), at least
    /// <paramref name="decimals"/> decimals and as many more as the tick step needs for the labels to differ (<see cref="NiceTicks"/>).
    /// </summary>
    public static void NumberTicks(IAxis axis, ReportLanguage language, int decimals) =>
        axis.TickGenerator = new NiceTicks(language.Number, decimals);

    /// <summary>
    /// The plot as inline SVG: no XML declaration, a viewBox so it scales with the page, role="img" with aria-labelledby
    /// pointing at a &lt;title&gt; and &lt;desc&gt;, every id prefixed with the figure's id (plots share one page), and
    /// ScottPlot's glyph position lists without their trailing comma (which browsers reject).
    /// </summary>
    public static SvgFigure ToFigure(Plot plot, string id, string title, string description, int width, int height)
    {
        var svg = plot.GetSvgXml(width, height);
        svg = XmlDeclaration().Replace(svg, "");
        // Skia numbers clip paths with a process-wide counter: renumber them in order of appearance, so that the
        // same plot gives the same markup in any process, and prefix them with the figure's id, unique in the page.
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        string Rename(string old) => renamed.TryGetValue(old, out var name) ? name : renamed[old] = $"{id}-c{renamed.Count}";
        svg = IdAttribute().Replace(svg, m => $"id=\"{Rename(m.Groups[1].Value)}\"");
        svg = UrlReference().Replace(svg, m => $"url(#{Rename(m.Groups[1].Value)})");
        svg = TrailingComma().Replace(svg, m => $" {m.Groups[1].Value}=\"{m.Groups[2].Value}\"");
        // Coordinates to 1/100 of a pixel: invisible, and a third of the markup.
        svg = Tag().Replace(svg, tag => LongDecimal().Replace(tag.Value, n => Math.Round(double.Parse(n.Value, CultureInfo.InvariantCulture), 2).ToString("0.##", CultureInfo.InvariantCulture)));
        var open = SvgOpen().Match(svg);
        if (!open.Success)
        {
            throw new InvalidOperationException("ScottPlot's SVG has no <svg> element");
        }
        var header = new StringBuilder();
        header.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" class=\"plot\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\"");
        header.Append(CultureInfo.InvariantCulture, $" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{PlotFont.Family}\">");
        header.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{HtmlText.Escape(title)}</title>");
        header.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{HtmlText.Escape(description)}</desc>");
        svg = header + svg[(open.Index + open.Length)..];
        svg = BlankLines().Replace(svg.Replace("\r", "").Replace("\t", " "), "\n").Trim() + "\n";
        // Labels from the data (ScottPlot escapes markup) are shown with their bidirectional controls as markers (issue 16, class 5).
        svg = Text.BidiControls.Neutralise(svg);
        return new SvgFigure(id, svg, title, description);
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"<svg\b[^>]*>")]
    private static partial Regex SvgOpen();

    [GeneratedRegex(@"\bid=""([^""]+)""")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex(@" (x|y)=""([^""]*?),\s*""")]
    private static partial Regex TrailingComma();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"-?\d+\.\d{3,}")]
    private static partial Regex LongDecimal();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();
}
