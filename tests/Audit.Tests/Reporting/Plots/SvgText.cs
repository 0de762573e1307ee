using System.Globalization;
using System.Text.RegularExpressions;

namespace Audit.Tests.Reporting.Plots;

/// <summary>The texts of a plot's SVG with where ScottPlot placed them (its &lt;text transform="translate(x y)"&gt;), for tests that read a plot as a person would.</summary>
public static partial class SvgText
{
    public sealed record Label(string Text, double X, double Y);

    public static IReadOnlyList<Label> Labels(string svg) =>
        [.. Text().Matches(svg).Select(m => new Label(System.Net.WebUtility.HtmlDecode(m.Groups[3].Value.Trim()),
            double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))];

    [GeneratedRegex(@"<text[^>]*? transform=""translate\((-?[\d.]+)[ ,]+(-?[\d.]+)\)""[^>]*>([^<]*)</text>")]
    private static partial Regex Text();
}
