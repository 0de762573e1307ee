using Audit.Reporting.Text;
using Audit.Results;
using ScottPlot;

namespace Audit.Reporting.Plots;

/// <summary>
/// The score plots of one attribute, drawn from the points the fairness stage put in <see cref="ScoreCurves"/>:
/// score distribution by group, ROC curve by group and calibration curve by group. One colour per group, in the
/// Okabe-Ito order; with more groups than colours the line pattern changes too.
/// </summary>
public static class ScoreCurvePlots
{
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted];

    private static IReadOnlyList<(GroupResult Group, ScoreCurves Curves)> WithCurves(AttributeResult attribute) =>
        attribute.Groups.Where(g => g.Scores?.Curves is not null).Select(g => (g, g.Scores!.Curves!)).ToArray();

    private static void Style(ScottPlot.Plottables.Scatter line, int index, string label)
    {
        line.Color = PlotStyle.Palette[index % PlotStyle.Palette.Count];
        line.LinePattern = Patterns[index / PlotStyle.Palette.Count % Patterns.Length];
        line.LineWidth = 2;
        line.MarkerSize = 0;
        line.LegendText = label;
    }

    /// <summary>Share of each group's weight per score bin (suppressed bins are gaps).</summary>
    public static SvgFigure? Distribution(AttributeResult attribute, string adverse, ReportLanguage language, string id)
    {
        var groups = WithCurves(attribute);
        if (groups.Count == 0)
        {
            return null;
        }
        var title = language.T("plot.scores.title", ("attribute", attribute.Attribute));
        var plot = PlotStyle.NewPlot(title, language.T(adverse == "high" ? "plot.scores.xHigh" : "plot.scores.xLow"), language.T("plot.scores.y"));
        for (var i = 0; i < groups.Count; i++)
        {
            var (group, curves) = groups[i];
            var xs = new List<double>();
            var ys = new List<double>();
            for (var b = 0; b < curves.Shares.Count; b++)
            {
                // A step per bin: flat over [lower, upper), NaN (a gap) where the bin is suppressed.
                var share = curves.Shares[b] is { } s ? s * 100 : double.NaN;
                xs.Add(curves.Edges[b]);
                ys.Add(share);
                xs.Add(curves.Edges[b + 1]);
                ys.Add(share);
            }
            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray());
            Style(line, i, group.Group.Label);
        }
        PlotStyle.NumberTicks(plot.Axes.Left, language, 0);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = language.Score };
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, plot.Axes.GetLimits().Top);
        plot.ShowLegend(Alignment.UpperRight);
        var description = language.T("plot.scores.desc", ("attribute", attribute.Attribute), ("groups", string.Join(", ", groups.Select(g => g.Group.Group.Label))));
        return PlotStyle.ToFigure(plot, id, title, description, PlotStyle.Width, 380);
    }

    /// <summary>ROC curve by group, with the diagonal of a score that tells nothing.</summary>
    public static SvgFigure? Roc(AttributeResult attribute, ReportLanguage language, string id)
    {
        var groups = WithCurves(attribute).Where(g => g.Curves.Roc is not null).ToArray();
        if (groups.Length == 0)
        {
            return null;
        }
        var title = language.T("plot.roc.title", ("attribute", attribute.Attribute));
        var plot = PlotStyle.NewPlot(title, language.T("plot.roc.x"), language.T("plot.roc.y"));
        var chance = plot.Add.Line(0, 0, 100, 100);
        chance.Color = PlotStyle.Neutral;
        chance.LinePattern = LinePattern.Dotted;
        chance.MarkerSize = 0;
        chance.LegendText = language.T("plot.chance");
        for (var i = 0; i < groups.Length; i++)
        {
            var roc = groups[i].Curves.Roc!;
            var line = plot.Add.ScatterLine(roc.Select(p => p.FalsePositiveRate * 100).ToArray(), roc.Select(p => p.TruePositiveRate * 100).ToArray());
            Style(line, i, groups[i].Group.Group.Label + (groups[i].Group.Scores!.Auc.Value is { } auc ? $" (AUC {language.Number(auc, 3)})" : ""));
        }
        PlotStyle.NumberTicks(plot.Axes.Bottom, language, 0);
        PlotStyle.NumberTicks(plot.Axes.Left, language, 0);
        plot.Axes.SetLimits(0, 100, 0, 100);
        plot.ShowLegend(Alignment.LowerRight);
        var description = language.T("plot.roc.desc", ("attribute", attribute.Attribute),
            ("groups", string.Join("; ", groups.Select(g => g.Group.Group.Label + (g.Group.Scores!.Auc.Value is { } a ? " AUC " + language.Number(a, 3) : "")))));
        return PlotStyle.ToFigure(plot, id, title, description, 560, 480);
    }

    /// <summary>Observed rate of the adverse outcome against the mean predicted probability, by group.</summary>
    public static SvgFigure? Calibration(AttributeResult attribute, ReportLanguage language, string id)
    {
        var groups = WithCurves(attribute).Where(g => g.Curves.Calibration is { Count: > 0 }).ToArray();
        if (groups.Length == 0)
        {
            return null;
        }
        var title = language.T("plot.calibration.title", ("attribute", attribute.Attribute));
        var plot = PlotStyle.NewPlot(title, language.T("plot.calibration.x"), language.T("plot.calibration.y"));
        var perfect = plot.Add.Line(0, 0, 100, 100);
        perfect.Color = PlotStyle.Neutral;
        perfect.LinePattern = LinePattern.Dotted;
        perfect.MarkerSize = 0;
        perfect.LegendText = language.T("plot.calibration.perfect");
        for (var i = 0; i < groups.Length; i++)
        {
            var points = groups[i].Curves.Calibration!;
            var line = plot.Add.ScatterLine(points.Select(p => p.MeanPredicted * 100).ToArray(), points.Select(p => p.Observed * 100).ToArray());
            Style(line, i, groups[i].Group.Group.Label);
            line.MarkerSize = 6;
            line.MarkerShape = MarkerShape.FilledCircle;
        }
        PlotStyle.NumberTicks(plot.Axes.Bottom, language, 0);
        PlotStyle.NumberTicks(plot.Axes.Left, language, 0);
        plot.Axes.SetLimits(0, 100, 0, 100);
        plot.ShowLegend(Alignment.UpperLeft);
        var description = language.T("plot.calibration.desc", ("attribute", attribute.Attribute));
        return PlotStyle.ToFigure(plot, id, title, description, 560, 480);
    }
}
