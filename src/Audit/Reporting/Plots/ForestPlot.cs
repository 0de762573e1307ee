using System.Globalization;
using Audit.Reporting.Text;
using Audit.Results;
using ScottPlot;

namespace Audit.Reporting.Plots;

/// <summary>One row of a forest plot: a label and the verdict drawn (its ratio and simultaneous interval), or the reference group.</summary>
public sealed record ForestRow(string Label, Verdict? Verdict, bool IsReference = false);

/// <summary>
/// The forest plot of CONTRACTS.md's verdicts: each group's ratio to its reference with its simultaneous interval on a
/// logarithmic axis (a ratio of 2 lies as far from 1 as 0.5), the tolerance band [τ, 1/τ] shaded, a line at 1, the
/// marker coloured by the verdict's direction (<see cref="PlotStyle.VerdictHex"/>), the reference group as an open
/// circle at 1 with no interval. An infinite ratio or an unbounded interval ends in an arrow at the right edge, a zero
/// ratio or a zero bound in an arrow at the left edge, labelled. Draws the result's intervals; never recomputes them.
/// </summary>
public static class ForestPlot
{
    /// <summary>The verdict metrics in the order their rows are drawn.</summary>
    public static IReadOnlyList<string> VerdictMetrics { get; } = [MetricKeys.SelectionRate, MetricKeys.FalsePositiveRate, MetricKeys.FalseNegativeRate];

    /// <summary>The most intersection cells drawn in the plot of top intersections.</summary>
    public const int MostIntersectionRows = 12;

    /// <summary>The ratio axis never spans less than [0.5, 2]: the ticks 0.5, 1, 2 show the scale is logarithmic.</summary>
    private const double NarrowestLow = 0.5;

    private const double NarrowestHigh = 2;

    /// <summary>The rows of one attribute: per verdict metric with a verdict, the groups in the result's order (suppressed ones left out).</summary>
    public static IReadOnlyList<ForestRow> RowsOf(AttributeResult attribute, ReportLanguage language)
    {
        var metrics = VerdictMetrics.Where(k => attribute.Groups.Any(g => g.Disparities.TryGetValue(k, out var d) && d.Verdict is not null)).ToArray();
        var rows = new List<ForestRow>();
        foreach (var key in metrics)
        {
            var suffix = metrics.Length > 1 ? " \u00B7 " + MetricName(key, language) : "";
            foreach (var g in attribute.Groups.Where(g => g.Count.Suppressed != true))
            {
                if (g.Group.Equals(attribute.Reference))
                {
                    rows.Add(new ForestRow(g.Group.Label + " \u2605" + suffix, null, IsReference: true));
                }
                else if (g.Disparities.TryGetValue(key, out var d) && d.Verdict is { } verdict)
                {
                    rows.Add(new ForestRow(g.Group.Label + suffix, verdict));
                }
            }
        }
        return rows;
    }

    /// <summary>The established verdicts of every intersection, furthest from 1 first (the nearer bound on a log scale, as the contract ranks), at most <see cref="MostIntersectionRows"/>.</summary>
    public static IReadOnlyList<ForestRow> TopIntersectionRows(IReadOnlyList<AttributeResult> intersections, ReportLanguage language)
    {
        var candidates =
            from x in intersections
            from g in x.Groups
            where g.Count.Suppressed != true && !g.Group.Equals(x.Reference)
            from key in VerdictMetrics
            where g.Disparities.TryGetValue(key, out var d) && d.Verdict is { Established: true }
            let verdict = g.Disparities[key].Verdict!
            select (Row: new ForestRow(string.Join(" \u00D7 ", g.Group.Parts.Select(p => p.Key + " = " + p.Value)) + (key == MetricKeys.SelectionRate ? "" : " \u00B7 " + MetricName(key, language)), verdict), Distance: Distance(verdict));
        return [.. candidates.OrderByDescending(c => c.Distance).Take(MostIntersectionRows).Select(c => c.Row)];
    }

    /// <summary>How far the interval's nearer bound lies from 1 on a log scale (CONTRACTS.md's ranking).</summary>
    public static double Distance(Verdict verdict)
    {
        var low = verdict.Low is { } l && l > 0 ? Math.Log(l) : double.NegativeInfinity;
        var high = verdict.High is { } h ? Math.Log(h) : double.PositiveInfinity;
        return low > 0 ? low : high < 0 ? -high : 0;
    }

    public static SvgFigure? Draw(IReadOnlyList<ForestRow> rows, double tolerance, string id, string title, string description, ReportLanguage language)
    {
        if (!rows.Any(r => r.Verdict is not null))
        {
            return null;
        }
        var (left, right) = Range(rows, tolerance);
        var plot = PlotStyle.NewPlot(title, language.T("chart.forest.x"), "");
        var band = plot.Add.HorizontalSpan(Math.Log10(tolerance), Math.Log10(1 / tolerance), PlotStyle.Neutral.WithAlpha(0.13));
        band.LineStyle.Width = 0;
        band.LegendText = language.T("chart.forest.band", ("low", language.Number(tolerance, 2)), ("high", language.Number(1 / tolerance, 2)));
        var one = plot.Add.VerticalLine(0, 1.5f, PlotStyle.Neutral);
        one.LinePattern = LinePattern.Solid;
        var legend = new HashSet<string>(StringComparer.Ordinal);
        var ticks = new List<Tick>();
        for (var i = 0; i < rows.Count; i++)
        {
            var y = rows.Count - 1 - i;
            ticks.Add(new Tick(y, rows[i].Label));
            if (rows[i].IsReference)
            {
                var reference = plot.Add.Marker(0, y, MarkerShape.OpenCircle, 10, Colors.Black);
                reference.LegendText = legend.Add("reference") ? language.T("chart.forest.reference") : "";
                continue;
            }
            DrawRow(plot, rows[i].Verdict!, y, left, right, language, legend);
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(LogTicks(left, right, language).ToArray());
        plot.Axes.SetLimits(left, right, -0.7, rows.Count - 0.3);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        plot.ShowLegend(Edge.Bottom);
        return PlotStyle.ToFigure(plot, id, title, description, PlotStyle.Width, 150 + 30 * rows.Count);
    }

    /// <summary>The log10 range of the axis: every finite bound, the band and at least [0.5, 2], with a margin.</summary>
    private static (double Left, double Right) Range(IReadOnlyList<ForestRow> rows, double tolerance)
    {
        var values = rows.Where(r => r.Verdict is not null)
            .SelectMany(r => new[] { r.Verdict!.Ratio, r.Verdict.Low, r.Verdict.High })
            .Where(v => v is > 0 && double.IsFinite(v.Value)).Select(v => v!.Value)
            .Concat([tolerance, 1 / tolerance, NarrowestLow, NarrowestHigh]).ToArray();
        var left = Math.Log10(Math.Max(1e-3, values.Min())) - 0.12;
        var right = Math.Log10(Math.Min(1e3, values.Max())) + 0.12;
        return (left, right);
    }

    private static void DrawRow(Plot plot, Verdict verdict, double y, double left, double right, ReportLanguage language, HashSet<string> legend)
    {
        var colour = PlotStyle.VerdictColor(verdict.Direction);
        double At(double ratio) => Math.Clamp(Math.Log10(ratio), left, right);
        var from = verdict.Low is > 0 ? At(verdict.Low!.Value) : left;
        var to = verdict.High is { } h && !verdict.Infinite ? At(h) : right;
        var line = plot.Add.Line(from, y, to, y);
        line.Color = colour;
        line.LineWidth = 2.5f;
        line.MarkerSize = 0;
        var arrow = (right - left) * 0.025;
        if (verdict.Low is not > 0 || Math.Log10(verdict.Low!.Value) < left)
        {
            ArrowHead(plot, left, y, arrow, colour);
        }
        if (verdict.High is null || verdict.Infinite || Math.Log10(verdict.High.Value) > right)
        {
            ArrowHead(plot, right, y, -arrow, colour);
        }
        if (verdict.Infinite)
        {
            Label(plot, language.T("chart.forest.infinite"), right - 1.6 * arrow, y, Alignment.LowerRight, colour);
        }
        else if (verdict.Ratio is 0)
        {
            Label(plot, language.T("chart.forest.zero"), left + 1.6 * arrow, y, Alignment.LowerLeft, colour);
        }
        var point = verdict.Infinite ? right : verdict.Ratio is { } r && r > 0 ? At(r) : verdict.Ratio is 0 ? left : double.NaN;
        if (double.IsFinite(point))
        {
            var marker = plot.Add.Marker(point, y, MarkerShape.FilledSquare, 9, colour);
            marker.LegendText = legend.Add(verdict.Direction) ? language.T("chart.verdict." + verdict.Direction) : "";
        }
    }

    /// <summary>A filled triangle pointing at the axis edge (<paramref name="length"/> &gt; 0 points left).</summary>
    private static void ArrowHead(Plot plot, double x, double y, double length, Color colour)
    {
        var head = plot.Add.Polygon([new Coordinates(x, y), new Coordinates(x + length, y + 0.22), new Coordinates(x + length, y - 0.22)]);
        head.FillColor = colour;
        head.LineWidth = 0;
    }

    private static void Label(Plot plot, string text, double x, double y, Alignment alignment, Color colour)
    {
        var label = plot.Add.Text(text, x, y + 0.12);
        label.LabelFontSize = 11;
        label.LabelFontColor = colour;
        label.LabelAlignment = alignment;
        label.LabelFontName = PlotFont.Family;
    }

    /// <summary>
    /// Ticks at 1-2-5 multiples of powers of ten within the axis, placed at their logarithm and labelled with the decimals
    /// their own value needs (0.05, 0.5, 1, 2, 20): distinct labels by construction. With many decades only the powers of
    /// ten remain, and 0.5 and 2 (which show the axis is logarithmic).
    /// </summary>
    public static IReadOnlyList<Tick> LogTicks(double left, double right, ReportLanguage language)
    {
        var values = new List<double>();
        for (var power = (int)Math.Floor(left) - 1; power <= (int)Math.Ceiling(right); power++)
        {
            foreach (var m in new[] { 1.0, 2.0, 5.0 })
            {
                var v = m * Math.Pow(10, power);
                if (Math.Log10(v) >= left && Math.Log10(v) <= right)
                {
                    values.Add(v);
                }
            }
        }
        if (values.Count > 10)
        {
            values = [.. values.Where(v => Math.Abs(Math.Log10(v) - Math.Round(Math.Log10(v))) < 1e-9 || v is NarrowestLow or NarrowestHigh)];
        }
        return [.. values.Select(v => new Tick(Math.Log10(v), language.Number(v, Math.Max(0, -(int)Math.Floor(Math.Log10(v) + 1e-9))), true))];
    }

    private static string MetricName(string key, ReportLanguage language) =>
        language.Text.Contains("rate." + key) ? language.T("rate." + key) : key;

    /// <summary>"D1: 9.61 [8.83, 10.47], against": a row in words, for the plot's text alternative.</summary>
    public static string RowText(ForestRow row, ReportLanguage language)
    {
        if (row.Verdict is not { } v)
        {
            return language.T("chart.forest.descReference", ("group", row.Label));
        }
        var d = v.Ratio is { } value && v.Low is { } lo && v.High is { } hi ? IntervalDigits.Decimals(value, lo, hi, 2) : 2;
        var ratio = v.Infinite ? "\u221E" : v.Ratio is { } r ? language.Number(r, d) : "\u2013";
        var high = v.High is { } h && !v.Infinite ? language.Number(h, d) : "\u221E";
        var low = v.Low is { } l ? language.Number(l, d) : "0";
        return string.Create(CultureInfo.InvariantCulture, $"{row.Label}: {ratio} {language.Interval(low, high)}, {language.T("chart.verdict." + v.Direction)}");
    }
}
