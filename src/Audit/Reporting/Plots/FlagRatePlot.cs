using Audit.Fairness;
using Audit.Reporting.Text;
using Audit.Results;
using ScottPlot;

namespace Audit.Reporting.Plots;

/// <summary>
/// Flag rate by group with its confidence interval, and the four-fifths band: the flag rates at which a group's
/// four-fifths ratio (1 − f) / (1 − f_min) falls below 0.8, that is f above 1 − 0.8 (1 − f_min) (29 CFR 1607.4(D);
/// CONTRACTS.md). Suppressed groups are not drawn. Reads only the result.
/// </summary>
public static class FlagRatePlot
{
    /// <summary>The four-fifths rule's bound on the ratio of favourable rates (29 CFR 1607.4(D)).</summary>
    public const double FourFifths = 0.8;

    /// <summary>The flag rate above which a group shows adverse impact against the least-flagged group, or null without one.</summary>
    public static double? AdverseImpactThreshold(AttributeResult attribute)
    {
        var comparator = attribute.Groups.FirstOrDefault(g => g.Group.Equals(attribute.FourFifthsComparator));
        return comparator?.Rates[GroupRate.SelectionRate.Key].Value is { } lowest ? 1 - FourFifths * (1 - lowest) : null;
    }

    public static SvgFigure? Draw(AttributeResult attribute, ReportLanguage language, string id)
    {
        var shown = attribute.Groups.Where(g => g.Rates[GroupRate.SelectionRate.Key].Value is not null).ToArray();
        if (shown.Length == 0)
        {
            return null;
        }
        var title = language.T("plot.flagRate.title", ("attribute", attribute.Attribute));
        var plot = PlotStyle.NewPlot(title, language.T("plot.flagRate.x"), "");
        var threshold = AdverseImpactThreshold(attribute);
        var max = shown.Max(g => g.Rates[GroupRate.SelectionRate.Key] is { Ci: [_, var hi] } ? hi : g.Rates[GroupRate.SelectionRate.Key].Value!.Value);
        max = Math.Max(max, threshold ?? 0);
        var right = Math.Min(100, Math.Ceiling(max * 100 * 1.1 / 5) * 5 + 5);
        if (threshold is { } t)
        {
            var band = plot.Add.HorizontalSpan(t * 100, right, PlotStyle.Adverse.WithAlpha(0.12));
            band.LineStyle.Width = 0;
            band.LegendText = language.T("plot.flagRate.band");
            var line = plot.Add.VerticalLine(t * 100, 1.5f, PlotStyle.Adverse, LinePattern.Dashed);
            line.LegendText = "";
        }
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < shown.Length; i++)
        {
            var g = shown[i];
            var rate = g.Rates[GroupRate.SelectionRate.Key];
            var y = shown.Length - 1 - i;
            var isReference = g.Group.Equals(attribute.Reference);
            bars.Add(new Bar
            {
                Position = y,
                Value = rate.Value!.Value * 100,
                FillColor = g.AdverseImpact == true ? PlotStyle.Adverse : isReference ? PlotStyle.Palette[5] : PlotStyle.Palette[0],
                LineWidth = 0,
                Orientation = Orientation.Horizontal,
                Size = 0.7,
            });
            if (rate.Ci is [var lo, var hi])
            {
                var ci = plot.Add.Line(lo * 100, y, hi * 100, y);
                ci.LineWidth = 2;
                ci.Color = Colors.Black;
                ci.MarkerSize = 0;
                foreach (var end in new[] { lo, hi })
                {
                    var cap = plot.Add.Line(end * 100, y - 0.15, end * 100, y + 0.15);
                    cap.LineWidth = 2;
                    cap.Color = Colors.Black;
                    cap.MarkerSize = 0;
                }
            }
            ticks.Add(new Tick(y, g.Group.Label + (isReference ? " \u2605" : "")));
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        PlotStyle.NumberTicks(plot.Axes.Bottom, language, 0);
        plot.Axes.SetLimits(0, right, -0.6, shown.Length - 0.4);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        if (threshold is not null)
        {
            // Outside the data area: the bars may reach any corner.
            plot.ShowLegend(Edge.Bottom);
        }
        var description = language.T("plot.flagRate.desc", ("attribute", attribute.Attribute), ("groups", shown.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            + (threshold is { } th ? " " + language.T("plot.flagRate.descBand", ("threshold", language.Percent(th))) : "")
            + " " + string.Join("; ", shown.Select(g => $"{g.Group.Label}: {language.Percent(g.Rates[GroupRate.SelectionRate.Key].Value!.Value)}")) + ".";
        return PlotStyle.ToFigure(plot, id, title, description, PlotStyle.Width, (threshold is null ? 110 : 140) + 34 * shown.Length);
    }
}
