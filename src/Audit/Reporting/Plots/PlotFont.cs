using ScottPlot;
using SkiaSharp;

namespace Audit.Reporting.Plots;

/// <summary>
/// The one font of every plot and report: DejaVu Sans, subset and shipped in the assembly (Reporting/Fonts, with its
/// licence). ScottPlot measures text with it and the HTML embeds the same file, so a plot's SVG and its look in a
/// browser do not depend on the fonts a machine has installed.
/// </summary>
public sealed class PlotFont : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "Audit.Reporting.Fonts.DejaVuSans.ttf";
    private const string Bold = "Audit.Reporting.Fonts.DejaVuSans-Bold.ttf";

    private static readonly Lock Gate = new();
    private static bool registered;

    private readonly SKTypeface regular = Load(Regular);
    private readonly SKTypeface bold = Load(Bold);

    private PlotFont()
    {
    }

    /// <summary>The font file (TrueType) of a weight, for embedding.</summary>
    public static byte[] FileBytes(bool isBold)
    {
        using var stream = typeof(PlotFont).Assembly.GetManifestResourceStream(isBold ? Bold : Regular)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Puts the shipped font first among ScottPlot's font resolvers (once per process).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (!registered)
            {
                Fonts.FontResolvers.Insert(0, new PlotFont());
                registered = true;
            }
        }
    }

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        fontName == Family ? (bold ? this.bold : regular) : null;

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

    private static SKTypeface Load(string resource)
    {
        using var stream = typeof(PlotFont).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the font {resource} is not embedded in the Audit assembly");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"the font {resource} cannot be read");
    }
}
