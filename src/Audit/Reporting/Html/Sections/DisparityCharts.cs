using Audit.Reporting.Plots;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>
/// The charts that show disparities (issue 18): the forest plot of verdicts per attribute and for the top
/// intersections, the heat map of a two-attribute intersection and the grade histograms, each placed by a one-line call
/// from the section it belongs to.
/// </summary>
internal static class DisparityCharts
{
    /// <summary>The forest plot of an attribute's verdicts (flag rate; false positive and negative rates with labels).</summary>
    public static void Forest(HtmlReportContext c, AttributeResult a)
    {
        var rows = ForestPlot.RowsOf(a, c.Language);
        c.Figure(ForestPlot.Draw(rows, c.Result.Fairness.Tolerance, c.NewId("plot-forest-" + a.Attribute), c.Language.T("chart.forest.title", ("attribute", a.Attribute)),
            Description(c, rows, null), c.Language));
    }

    /// <summary>The forest plot of the intersections' largest established disparities, when there are any.</summary>
    public static void TopIntersections(HtmlReportContext c)
    {
        var rows = ForestPlot.TopIntersectionRows(c.Result.Fairness.Intersections, c.Language);
        c.Figure(ForestPlot.Draw(rows, c.Result.Fairness.Tolerance, c.NewId("plot-forest-intersections"),
            c.Language.T("chart.forest.titleIntersections", ("count", c.Language.Count(rows.Count))), Description(c, rows, "chart.forest.descIntersections"), c.Language));
    }

    /// <summary>The heat map of a two-attribute intersection's flag rates.</summary>
    public static void Heat(HtmlReportContext c, AttributeResult x) =>
        c.Figure(HeatMapPlot.Draw(x, c.Language, c.NewId("plot-heat-" + x.Attribute)));

    /// <summary>The grade histogram of an attribute with the policy's first flagged grade marked, when the model declares grades.</summary>
    public static void Grades(HtmlReportContext c, AttributeResult a)
    {
        if (c.Result.Model.Grades is { } scale)
        {
            c.Figure(GradesPlot.Draw(a, scale, c.Result.Policy.FlaggedGrades, c.Language, c.NewId("plot-grades-" + a.Attribute)));
        }
    }

    private static string Description(HtmlReportContext c, IReadOnlyList<ForestRow> rows, string? extraKey)
    {
        var l = c.Language;
        var tolerance = c.Result.Fairness.Tolerance;
        var level = rows.Select(r => r.Verdict?.Level).FirstOrDefault(v => v is not null);
        var text = l.T("chart.forest.desc", ("level", level is { } lv ? l.Percent(lv, 2) : "\u2013"),
            ("low", l.Number(tolerance, 2)), ("high", l.Number(1 / tolerance, 2)));
        return text + (extraKey is null ? "" : " " + l.T(extraKey)) + " " + string.Join("; ", rows.Select(r => ForestPlot.RowText(r, l))) + ".";
    }
}
