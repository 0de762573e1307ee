using Audit.Reporting.Plots;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>Scores and grades by group: summaries, the score distribution, ROC and calibration plots, grade shares, and individual-level inequality.</summary>
public sealed class ScoresSection : IHtmlSection
{
    public string Id => "scores";

    public string TitleKey => "section.scores";

    public bool AppliesTo(AuditResult result) =>
        result.Fairness.Attributes.Any(a => a.Groups.Any(g => g.Scores is not null || g.Grades is not null)) || result.Fairness.Inequality is not null;

    public void Render(HtmlReportContext c)
    {
        var l = c.Language;
        c.Paragraph("scores.intro");
        foreach (var a in c.Result.Fairness.Attributes.Where(a => a.Groups.Any(g => g.Scores is not null || g.Grades is not null)))
        {
            c.Raw("<h3>").Text(a.Attribute).Raw("</h3>\n");
            if (a.Groups.Any(g => g.Scores is not null))
            {
                var tableId = c.NewId("table-scores-" + a.Attribute);
                c.Figure(ScoreCurvePlots.Distribution(a, c.Result.Model.Adverse, l, c.NewId("plot-scores-" + a.Attribute), c.Result.Policy.Kind is not ("grades" or "as_given" or "as_given_coded" or "observed_outcome") ? c.Result.Policy.Cutoff : null), tableId);
                c.Figure(ScoreCurvePlots.Roc(a, l, c.NewId("plot-roc-" + a.Attribute)), tableId);
                c.Figure(ScoreCurvePlots.Calibration(a, l, c.NewId("plot-calibration-" + a.Attribute)), tableId);
                c.Raw($"<div class=\"table-wrap\"><table id=\"{tableId}\">\n<caption>").Raw(c.T("scores.caption", ("attribute", a.Attribute))).Raw("</caption>\n<thead><tr><th>").Raw(c.T("col.group"))
                    .Raw("</th><th class=\"num\">").Raw(c.T("col.meanScore")).Raw("</th><th class=\"num\">").Raw(c.T("col.auc")).Raw("</th><th class=\"num\">").Raw(c.T("col.calibrationError"))
                    .Raw("</th><th class=\"num\">").Raw(c.T("col.distance")).Raw("</th></tr></thead>\n<tbody>\n");
                foreach (var g in a.Groups)
                {
                    var s = g.Scores;
                    c.Raw(g.Group.Equals(a.Reference) ? "<tr class=\"reference\">" : "<tr>").Raw("<td>").Text(g.Group.Label).Raw("</td>");
                    c.Raw("<td class=\"num\">").Raw(s is null ? "–" : c.Number(s.MeanScore, 4)).Raw("</td><td class=\"num\">").Raw(s is null ? "–" : c.Number(s.Auc, 4))
                        .Raw("</td><td class=\"num\">").Raw(s is null ? "–" : c.Number(s.CalibrationError, 4)).Raw("</td><td class=\"num\">").Raw(s is null ? "–" : c.Number(s.DistanceToRest, 4)).Raw("</td></tr>\n");
                }
                c.Raw("</tbody></table></div>\n");
            }
            if (c.Result.Model.Grades is { } scale && a.Groups.Any(g => g.Grades is not null))
            {
                DisparityCharts.Grades(c, a);
                c.Raw("<div class=\"table-wrap\"><table>\n<caption>").Raw(c.T("grades.caption", ("attribute", a.Attribute), ("bands", PolicyText.Bands(scale, c.Language)))).Raw("</caption>\n<thead><tr><th>").Raw(c.T("col.group")).Raw("</th>");
                foreach (var grade in scale.FavourableToAdverse)
                {
                    c.Raw("<th class=\"num\">").Text(grade).Raw("</th>");
                }
                c.Raw("<th class=\"num\">").Raw(c.T("col.worstGrade")).Raw("</th><th class=\"num\">").Raw(c.T("col.ratio")).Raw("</th></tr></thead>\n<tbody>\n");
                foreach (var g in a.Groups)
                {
                    c.Raw(g.Group.Equals(a.Reference) ? "<tr class=\"reference\">" : "<tr>").Raw("<td>").Text(g.Group.Label).Raw("</td>");
                    foreach (var grade in scale.FavourableToAdverse)
                    {
                        c.Raw("<td class=\"num\">").Raw(g.Grades is { } gs && gs.Distribution.TryGetValue(grade, out var share) ? c.Percent(share) : "–").Raw("</td>");
                    }
                    c.Raw("<td class=\"num\">").Raw(g.Grades is { } w ? c.PercentWithInterval(w.WorstGradeRate) : "–").Raw("</td><td class=\"num\">")
                        .Raw(g.Grades is { } x ? c.NumberWithInterval(x.WorstGradeRatio) : "–").Raw("</td></tr>\n");
                }
                c.Raw("</tbody></table></div>\n");
            }
        }
        if (c.Result.Fairness.Inequality is { } inequality)
        {
            c.Raw("<h3>").Raw(c.T("inequality.title")).Raw("</h3>\n");
            c.Raw("<p>").Raw(c.TMarkup("inequality.text", ("alpha", HtmlText.Escape(l.Number(inequality.Alpha, 2))), ("ge", c.Number(inequality.GeneralizedEntropyIndex, 4)), ("theil", c.Number(inequality.TheilIndex, 4)))).Raw("</p>\n");
            c.Raw("<div class=\"table-wrap\"><table>\n<thead><tr><th>").Raw(c.T("col.attribute")).Raw("</th><th class=\"num\">").Raw(c.T("col.betweenGe")).Raw("</th><th class=\"num\">").Raw(c.T("col.betweenTheil")).Raw("</th></tr></thead>\n<tbody>\n");
            foreach (var a in c.Result.Fairness.Attributes.Concat(c.Result.Fairness.Intersections))
            {
                if (a.BetweenGroupInequality is { } b)
                {
                    c.Raw("<tr><td>").Text(a.Attribute).Raw("</td><td class=\"num\">").Raw(c.Number(b.GeneralizedEntropyIndex, 4)).Raw("</td><td class=\"num\">").Raw(c.Number(b.TheilIndex, 4)).Raw("</td></tr>\n");
                }
            }
            c.Raw("</tbody></table></div>\n");
        }
    }
}
