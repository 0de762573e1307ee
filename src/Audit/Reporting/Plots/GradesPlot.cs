using Audit.Reporting.Text;
using Audit.Results;
using ScottPlot;

namespace Audit.Reporting.Plots;

/// <summary>
/// How each group's grades fall, when the model declares grades: one cluster of bars per grade, from the most
/// favourable to the most adverse, one bar per group (Okabe-Ito order), and a dashed line where the policy starts
/// flagging (between the last grade left alone and the first flagged one). Suppressed groups are not drawn.
/// </summary>
public static class GradesPlot
{
    /// <summary>The Okabe-Ito colours but vermillion, the colour of a disparity against a group: no group (the reference least of all) reads as adverse.</summary>
    private static readonly Color[] Colours = [.. PlotStyle.Palette.Where((_, i) => i != 3)];

    public static SvgFigure? Draw(AttributeResult attribute, GradeBands scale, IReadOnlyList<string>? flaggedGrades, ReportLanguage language, string id)
    {
        var groups = attribute.Groups.Where(g => g.Grades is { } gs && gs.Distribution.Values.Any(m => m.Value is not null)).ToArray();
        var grades = scale.FavourableToAdverse;
        if (groups.Length == 0 || grades.Count == 0)
        {
            return null;
        }
        var title = language.T("chart.grades.title", ("attribute", attribute.Attribute));
        var plot = PlotStyle.NewPlot(title, language.T("chart.grades.x"), language.T("chart.grades.y"));
        var width = 0.8 / groups.Length;
        for (var i = 0; i < groups.Length; i++)
        {
            var bars = new List<Bar>();
            for (var k = 0; k < grades.Count; k++)
            {
                if (groups[i].Grades!.Distribution.TryGetValue(grades[k], out var share) && share.Value is { } v)
                {
                    bars.Add(new Bar { Position = k - 0.4 + width * (i + 0.5), Value = v * 100, Size = width * 0.92, FillColor = Colours[i % Colours.Length], LineWidth = 0 });
                }
            }
            var series = plot.Add.Bars(bars);
            series.LegendText = groups[i].Group.Label + (groups[i].Group.Equals(attribute.Reference) ? " \u2605" : "");
        }
        var first = flaggedGrades is { Count: > 0 } ? grades.Select((g, k) => (g, k)).FirstOrDefault(p => flaggedGrades.Contains(p.g)) : default;
        var hasCutoff = first.g is not null && first.k > 0;
        if (hasCutoff)
        {
            var line = plot.Add.VerticalLine(first.k - 0.5, 2, PlotStyle.Adverse, LinePattern.Dashed);
            line.LegendText = language.T("chart.grades.cutoff", ("grade", first.g));
            PlotStyle.ClearDash(plot);
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(grades.Select((g, k) => new Tick(k, g)).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        PlotStyle.NumberTicks(plot.Axes.Left, language, 0);
        var top = groups.SelectMany(g => g.Grades!.Distribution.Values).Max(m => m.Value ?? 0) * 100;
        plot.Axes.SetLimits(-0.6, grades.Count - 0.4, 0, Math.Min(100, NiceTicks.CeilingAbove(top * 1.04)));
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.ShowLegend(Edge.Right);
        var description = hasCutoff
            ? language.T("chart.grades.desc", ("attribute", attribute.Attribute), ("flagged", string.Join(", ", flaggedGrades!)))
            : language.T("chart.grades.descNoCutoff", ("attribute", attribute.Attribute));
        description += " " + string.Join("; ", groups.Select(g => g.Group.Label + ": " + string.Join(", ", grades.Select(grade =>
            grade + " " + (g.Grades!.Distribution.TryGetValue(grade, out var m) && m.Value is { } v ? language.Percent(v) : "\u2013"))))) + ".";
        return PlotStyle.ToFigure(plot, id, title, description, PlotStyle.Width, 380);
    }
}
