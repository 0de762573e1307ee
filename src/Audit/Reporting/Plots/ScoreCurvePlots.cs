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

    /// <summary>Share of each group's weight per score bin (suppressed bins are gaps), with the policy's cut-off score as a dashed line when it has one.</summary>
    public static SvgFigure? Distribution(AttributeResult attribute, string adverse, ReportLanguage language, string id, double? cutoff = null)
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
            PlotStyle.ClearDash(plot);
        }
        if (cutoff is { } score && double.IsFinite(score))
        {
            var line = plot.Add.VerticalLine(score, 2, PlotStyle.Adverse, LinePattern.Dashed);
            line.LegendText = language.T("chart.scores.cutoff", ("score", language.Score(score)));
            PlotStyle.ClearDash(plot);
        }
        PlotStyle.NumberTicks(plot.Axes.Left, language, 0);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = language.Score };
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, plot.Axes.GetLimits().Top);
        plot.ShowLegend(Edge.Right);
        var description = language.T("plot.scores.desc", ("attribute", attribute.Attribute), ("groups", string.Join(", ", groups.Select(g => g.Group.Group.Label))));
        return PlotStyle.ToFigure(plot, id, title, description, PlotStyle.Width, 380);
    }

    /// <summary>ROC curve by group, with the diagonal of a score that tells nothing.</summary>
    public static SvgFigure? Roc(AttributeResult attribute, ReportLanguage language, string id)
    {
        var groups = WithCurves(attribute).Where(g => g.Curves.Roc is not null).ToArray();
        string Label((GroupResult Group, ScoreCurves Curves) g) =>
            g.Group.Group.Label + (g.Group.Scores!.Auc.Value is { } auc ? $" (AUC {language.Number(auc, 3)})" : "");
        return UnitSquare(attribute, language, id, "roc", "plot.chance", Alignment.LowerRight, groups, Label,
            g => (g.Roc!.Select(p => p.FalsePositiveRate).ToArray(), g.Roc!.Select(p => p.TruePositiveRate).ToArray()), markers: false,
            language.T("plot.roc.desc", ("attribute", attribute.Attribute), ("groups", string.Join("; ", groups.Select(Label)))));
    }

    /// <summary>Observed rate of the adverse outcome against the mean predicted probability, by group.</summary>
    public static SvgFigure? Calibration(AttributeResult attribute, ReportLanguage language, string id)
    {
        var groups = WithCurves(attribute).Where(g => g.Curves.Calibration is { Count: > 0 }).ToArray();
        return UnitSquare(attribute, language, id, "calibration", "plot.calibration.perfect", Alignment.UpperLeft, groups, g => g.Group.Group.Label,
            g => (g.Calibration!.Select(p => p.MeanPredicted).ToArray(), g.Calibration!.Select(p => p.Observed).ToArray()), markers: true,
            language.T("plot.calibration.desc", ("attribute", attribute.Attribute)));
    }

    /// <summary>
    /// A plot of proportions against proportions (both axes 0-100 %) with the diagonal as the reference line and one
    /// line per group: the shape the ROC and calibration plots share. Texts come from <c>plot.{kind}.title/x/y</c>.
    /// </summary>
    private static SvgFigure? UnitSquare(AttributeResult attribute, ReportLanguage language, string id, string kind, string diagonalKey, Alignment legend,
        (GroupResult Group, ScoreCurves Curves)[] groups, Func<(GroupResult Group, ScoreCurves Curves), string> label,
        Func<ScoreCurves, (double[] X, double[] Y)> points, bool markers, string description)
    {
        if (groups.Length == 0)
        {
            return null;
        }
        var title = language.T($"plot.{kind}.title", ("attribute", attribute.Attribute));
        var plot = PlotStyle.NewPlot(title, language.T($"plot.{kind}.x"), language.T($"plot.{kind}.y"));
        var diagonal = plot.Add.Line(0, 0, 100, 100);
        diagonal.Color = PlotStyle.Neutral;
        diagonal.LinePattern = LinePattern.Dotted;
        diagonal.MarkerSize = 0;
        diagonal.LegendText = language.T(diagonalKey);
        PlotStyle.ClearDash(plot);
        for (var i = 0; i < groups.Length; i++)
        {
            var (xs, ys) = points(groups[i].Curves);
            var line = plot.Add.ScatterLine(xs.Select(x => x * 100).ToArray(), ys.Select(y => y * 100).ToArray());
            Style(line, i, label(groups[i]));
            var dashed = i >= PlotStyle.Palette.Count;
            if (markers && !dashed)
            {
                line.MarkerSize = 6;
                line.MarkerShape = MarkerShape.FilledCircle;
            }
            PlotStyle.ClearDash(plot);
            if (markers && dashed)
            {
                // Past eight groups the line is patterned: its markers by a plottable of their own, after the dash is cleared.
                var dots = plot.Add.ScatterPoints(xs.Select(x => x * 100).ToArray(), ys.Select(y => y * 100).ToArray());
                dots.Color = line.Color;
                dots.MarkerSize = 6;
                dots.MarkerShape = MarkerShape.FilledCircle;
            }
        }
        PlotStyle.NumberTicks(plot.Axes.Bottom, language, 0);
        PlotStyle.NumberTicks(plot.Axes.Left, language, 0);
        plot.Axes.SetLimits(0, 100, 0, 100);
        plot.ShowLegend(legend);
        return PlotStyle.ToFigure(plot, id, title, description, 560, 480);
    }
}
