using Audit.Reporting.Text;
using ScottPlot;

namespace Audit.Reporting.Plots;

/// <summary>How a bar is coloured: the common case, the comparison point, or a value that crosses a line.</summary>
public enum BarEmphasis
{
    Normal,
    Reference,
    Adverse,
}

/// <summary>One bar: a label, a value in the plot's units, an optional interval, and its emphasis.</summary>
public sealed record BarItem(string Label, double Value, double? Low = null, double? High = null, BarEmphasis Emphasis = BarEmphasis.Normal);

/// <summary>A shaded range of the value axis with its legend text (e.g. the four-fifths band).</summary>
public sealed record BarBand(double From, double To, string Legend);

/// <summary>
/// Horizontal bars with interval whiskers, one per label from top to bottom, and an optional shaded band: the shape of
/// the flag-rate plot, and of any "one number per group or per feature" plot (attributions, recourse cost by group).
/// Values are drawn as given (pass percentages for rates); the axis starts at 0 unless a value is negative and ends at
/// a round number just above the largest value, with ticks whose labels differ (<see cref="NiceTicks"/>).
/// </summary>
public static class HorizontalBars
{
    public static SvgFigure? Draw(string id, string title, string valueAxis, IReadOnlyList<BarItem> items, string description, ReportLanguage language,
        BarBand? band = null, int decimals = 0, double? axisMax = null)
    {
        if (items.Count == 0)
        {
            return null;
        }
        var plot = PlotStyle.NewPlot(title, valueAxis, "");
        var low = Math.Min(0, items.Min(i => i.Low ?? i.Value));
        // The axis ends at a round number just above the largest bar or whisker, not at the band: 1 % bars on a 0-25 %
        // axis were slivers (issue 18). A band beyond the data is left out of the picture (the description states it).
        var right = AxisEnd(items, axisMax);
        band = band is { } shown && shown.From < right ? shown : null;
        if (band is { } b)
        {
            var shade = plot.Add.HorizontalSpan(b.From, Math.Min(b.To, right), PlotStyle.Adverse.WithAlpha(0.12));
            shade.LineStyle.Width = 0;
            shade.LegendText = b.Legend;
            plot.Add.VerticalLine(b.From, 1.5f, PlotStyle.Adverse, LinePattern.Dashed);
            // Without interval whiskers (sampling weights and no bootstrap) the bars would be filled next with the dash.
            PlotStyle.ClearDash(plot);
        }
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var y = items.Count - 1 - i;
            bars.Add(new Bar
            {
                Position = y,
                Value = item.Value,
                FillColor = item.Emphasis switch
                {
                    BarEmphasis.Adverse => PlotStyle.Adverse,
                    BarEmphasis.Reference => PlotStyle.Palette[5],
                    _ => PlotStyle.Palette[0],
                },
                LineWidth = 0,
                Orientation = Orientation.Horizontal,
                Size = 0.7,
            });
            if (item.Low is { } lo && item.High is { } hi)
            {
                Whisker(plot, lo, y, hi, y);
                Whisker(plot, lo, y - 0.15, lo, y + 0.15);
                Whisker(plot, hi, y - 0.15, hi, y + 0.15);
            }
            ticks.Add(new Tick(y, item.Label));
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        PlotStyle.NumberTicks(plot.Axes.Bottom, language, decimals);
        plot.Axes.SetLimits(low, right, -0.6, items.Count - 0.4);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        if (band is not null)
        {
            // Outside the data area: the bars may reach any corner.
            plot.ShowLegend(Edge.Bottom);
        }
        return PlotStyle.ToFigure(plot, id, title, description, PlotStyle.Width, (band is null ? 110 : 140) + 34 * items.Count);
    }

    /// <summary>Where the value axis ends: a round number just above the largest value or whisker (at most <paramref name="axisMax"/>).</summary>
    public static double AxisEnd(IReadOnlyList<BarItem> items, double? axisMax = null)
    {
        var high = items.Count == 0 ? 0 : items.Max(i => i.High ?? i.Value);
        var low = items.Count == 0 ? 0 : Math.Min(0, items.Min(i => i.Low ?? i.Value));
        var right = high > 0 ? NiceTicks.CeilingAbove(high * 1.04) : 0.1 * Math.Max(-low, 1e-9);
        return axisMax is { } cap ? Math.Min(cap, right) : right;
    }

    private static void Whisker(Plot plot, double x1, double y1, double x2, double y2)
    {
        var line = plot.Add.Line(x1, y1, x2, y2);
        line.LineWidth = 2;
        line.Color = Colors.Black;
        line.MarkerSize = 0;
    }
}
