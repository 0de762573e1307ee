using Audit.Reporting.Text;
using Audit.Results;
using ScottPlot;

namespace Audit.Reporting.Plots;

/// <summary>
/// The flag rate of every cell of a two-attribute intersection as a grid: rows the first attribute's groups, columns the
/// second's, in the result's order; the darker the cell, the higher the rate (a sequential blue scale, from white at the
/// lowest shown rate to dark blue at the highest, with its key beside the grid); the rate printed in each cell;
/// suppressed cells grey and marked "suppressed"; the reference cell's label starred. Reads only the result.
/// </summary>
public static class HeatMapPlot
{
    private static readonly Color Light = Color.FromHex("#F7FBFF");

    private static readonly Color Dark = Color.FromHex("#08306B");

    private static readonly Color SuppressedFill = Color.FromHex("#D9D9D9");

    /// <summary>The grid of a two-attribute intersection, or null for any other (one or three attributes, or no rate shown).</summary>
    public static SvgFigure? Draw(AttributeResult intersection, ReportLanguage language, string id)
    {
        if (intersection.Columns.Count != 2 || intersection.Groups.Any(g => g.Group.Parts.Count != 2))
        {
            return null;
        }
        var rows = intersection.Groups.Select(g => g.Group.Parts[0].Value).Distinct().ToArray();
        var columns = intersection.Groups.Select(g => g.Group.Parts[1].Value).Distinct().ToArray();
        var rates = intersection.Groups.Where(g => g.Rates[MetricKeys.SelectionRate].Value is not null).Select(g => g.Rates[MetricKeys.SelectionRate].Value!.Value).ToArray();
        if (rates.Length == 0)
        {
            return null;
        }
        var (min, max) = (rates.Min(), rates.Max());
        var (rowName, columnName) = (intersection.Columns[0], intersection.Columns[1]);
        var title = language.T("chart.heat.title", ("rows", rowName), ("columns", columnName));
        var plot = PlotStyle.NewPlot(title, columnName, rowName);
        foreach (var g in intersection.Groups)
        {
            var x = Array.IndexOf(columns, g.Group.Parts[1].Value);
            var y = rows.Length - 1 - Array.IndexOf(rows, g.Group.Parts[0].Value);
            var rate = g.Rates[MetricKeys.SelectionRate];
            var cell = plot.Add.Rectangle(x + 0.03, x + 0.97, y + 0.03, y + 0.97);
            cell.LineWidth = 0;
            if (rate.Value is not { } value)
            {
                cell.FillColor = SuppressedFill;
                CellText(plot, rate.Suppressed == true ? language.T("chart.heat.suppressed") : "\u2013", x, y, Colors.Black, 10);
                continue;
            }
            var share = max > min ? (value - min) / (max - min) : 0.5;
            cell.FillColor = Blend(share);
            var text = language.Percent(value, PercentDecimals(rates)) + (g.Group.Equals(intersection.Reference) ? " \u2605" : "");
            CellText(plot, text, x, y, share > 0.55 ? Colors.White : Colors.Black, 12);
        }
        Key(plot, columns.Length, rows.Length, min, max, language);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(columns.Select((c, i) => new Tick(i + 0.5, c)).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(rows.Select((r, i) => new Tick(rows.Length - 1 - i + 0.5, r)).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.IsVisible = false;
        plot.Axes.SetLimits(0, columns.Length + 1.1, 0, rows.Length);
        var description = language.T("chart.heat.desc", ("rows", rowName), ("columns", columnName), ("min", language.Percent(min, PercentDecimals(rates))), ("max", language.Percent(max, PercentDecimals(rates))))
            + " " + string.Join("; ", intersection.Groups.Select(g => g.Group.Label + ": " + (g.Rates[MetricKeys.SelectionRate].Value is { } v ? language.Percent(v, PercentDecimals(rates)) : language.T("chart.heat.suppressed")))) + ".";
        return PlotStyle.ToFigure(plot, id, title, description, PlotStyle.Width, Math.Max(220, 110 + 46 * rows.Length));
    }

    /// <summary>One decimal of a percentage, two when the rates are all below 1 % (so that 0.24 % and 0.2 % do not print alike).</summary>
    private static int PercentDecimals(IReadOnlyList<double> rates) => rates.Max() < 0.01 ? 2 : 1;

    /// <summary>The colour at a share of the scale: white to dark blue, straight in RGB.</summary>
    public static Color Blend(double share)
    {
        var t = Math.Clamp(share, 0, 1);
        byte Mix(byte a, byte b) => (byte)Math.Round(a + (b - a) * t);
        return new Color(Mix(Light.R, Dark.R), Mix(Light.G, Dark.G), Mix(Light.B, Dark.B));
    }

    private static void CellText(Plot plot, string text, double x, double y, Color colour, float size)
    {
        var label = plot.Add.Text(text, x + 0.5, y + 0.5);
        label.LabelFontSize = size;
        label.LabelFontColor = colour;
        label.LabelAlignment = Alignment.MiddleCenter;
        label.LabelFontName = PlotFont.Family;
    }

    /// <summary>The colour key: five swatches from the lowest to the highest rate, right of the grid.</summary>
    private static void Key(Plot plot, int columns, int rows, double min, double max, ReportLanguage language)
    {
        const int Steps = 5;
        var height = (double)rows / Steps;
        for (var i = 0; i < Steps; i++)
        {
            var share = i / (Steps - 1.0);
            var swatch = plot.Add.Rectangle(columns + 0.15, columns + 0.35, i * height, (i + 1) * height);
            swatch.FillColor = Blend(share);
            swatch.LineWidth = 0;
            var label = plot.Add.Text(language.Percent(min + share * (max - min), max < 0.01 ? 2 : 1), columns + 0.4, (i + 0.5) * height);
            label.LabelFontSize = 10;
            label.LabelAlignment = Alignment.MiddleLeft;
            label.LabelFontName = PlotFont.Family;
        }
    }
}
