using Audit.Reporting.Text;
using ScottPlot;

namespace Audit.Reporting.Plots;

/// <summary>One line of a <see cref="LineSeriesPlot"/>: a legend text and its points (NaN is a gap).</summary>
public sealed record LineSeries(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>
/// Lines with markers, one per group in the Okabe-Ito order (the pattern changes past eight), over a numeric axis or
/// over named positions (periods): the shape of the capacity sweep and of the time series.
/// </summary>
public static class LineSeriesPlot
{
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted];

    /// <param name="xNames">Tick labels for x = 0, 1, ... (periods); null for a numeric axis.</param>
    /// <param name="horizontal">A reference line (a ratio of 1), or null.</param>
    public static SvgFigure? Draw(string id, string title, string xLabel, string yLabel, IReadOnlyList<LineSeries> series, string description,
        ReportLanguage language, int xDecimals, int yDecimals, IReadOnlyList<string>? xNames = null, double? horizontal = null)
    {
        var drawn = series.Where(s => s.Y.Any(double.IsFinite)).ToArray();
        if (drawn.Length == 0)
        {
            return null;
        }
        var plot = PlotStyle.NewPlot(title, xLabel, yLabel);
        if (horizontal is { } h)
        {
            plot.Add.HorizontalLine(h, 1.5f, PlotStyle.Neutral, LinePattern.Dashed);
            PlotStyle.ClearDash(plot);
        }
        for (var i = 0; i < drawn.Length; i++)
        {
            var pattern = i / PlotStyle.Palette.Count % Patterns.Length;
            var line = plot.Add.Scatter(drawn[i].X.ToArray(), drawn[i].Y.ToArray());
            line.Color = PlotStyle.Palette[i % PlotStyle.Palette.Count];
            line.LinePattern = Patterns[pattern];
            line.LineWidth = 2;
            line.MarkerSize = 5;
            line.LegendText = drawn[i].Label;
            if (pattern != 0)
            {
                // Past eight groups the line is dashed: its markers are drawn by a second plottable, after the dash is cleared.
                line.MarkerSize = 0;
                PlotStyle.ClearDash(plot);
                var markers = plot.Add.Scatter(drawn[i].X.ToArray(), drawn[i].Y.ToArray());
                markers.Color = line.Color;
                markers.LineWidth = 0;
                markers.MarkerSize = 5;
            }
        }
        if (xNames is not null)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xNames.Select((name, i) => new Tick(i, name)).ToArray());
        }
        else
        {
            PlotStyle.NumberTicks(plot.Axes.Bottom, language, xDecimals);
        }
        PlotStyle.NumberTicks(plot.Axes.Left, language, yDecimals);
        plot.Axes.AutoScale();
        plot.ShowLegend(Edge.Right);
        return PlotStyle.ToFigure(plot, id, title, description, PlotStyle.Width, 380);
    }
}
