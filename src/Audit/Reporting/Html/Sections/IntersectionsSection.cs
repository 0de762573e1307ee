using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>Intersections of protected attributes: a summary row per intersection, then each intersection's plot and table.</summary>
public sealed class IntersectionsSection : IHtmlSection
{
    public string Id => "intersections";

    public string TitleKey => "section.intersections";

    public bool AppliesTo(AuditResult result) => result.Fairness.Intersections.Count > 0 && !NoModelText.Applies(result);

    public void Render(HtmlReportContext c)
    {
        c.Paragraph("intersections.intro");
        c.Raw("<div class=\"table-wrap\"><table>\n<thead><tr><th>").Raw(c.T("col.intersection")).Raw("</th><th class=\"num\">").Raw(c.T("col.shown"))
            .Raw("</th><th>").Raw(c.T("col.mostFlagged")).Raw("</th><th class=\"num\">").Raw(c.T("col.flagRate")).Raw("</th><th class=\"num\">").Raw(c.T("col.ratio"))
            .Raw("</th><th>").Raw(c.T("col.leastFlagged")).Raw("</th><th class=\"num\">").Raw(c.T("col.flagRate")).Raw("</th></tr></thead>\n<tbody>\n");
        foreach (var x in c.Result.Fairness.Intersections)
        {
            var shown = x.Groups.Count(g => g.Count.Suppressed != true);
            var worst = x.Groups.FirstOrDefault(g => g.Group.Equals(x.WorstOff));
            var best = x.Groups.FirstOrDefault(g => g.Group.Equals(x.FourFifthsComparator));
            c.Raw("<tr><td>").Text(x.Attribute).Raw("</td><td class=\"num\">").Raw(c.T("intersections.shownOf", ("shown", c.Language.Count(shown)), ("total", c.Language.Count(x.Groups.Count))))
                .Raw("</td><td>").Text(worst?.Group.Label ?? "–").Raw("</td><td class=\"num\">").Raw(worst is null ? "–" : c.Percent(worst.Rates[MetricKeys.SelectionRate]))
                .Raw("</td><td class=\"num\">").Raw(worst is null ? "–" : c.Number(worst.FlagRateRatio))
                .Raw("</td><td>").Text(best?.Group.Label ?? "–").Raw("</td><td class=\"num\">").Raw(best is null ? "–" : c.Percent(best.Rates[MetricKeys.SelectionRate])).Raw("</td></tr>\n");
        }
        c.Raw("</tbody></table></div>\n");
        DisparityCharts.TopIntersections(c);
        foreach (var x in c.Result.Fairness.Intersections)
        {
            c.Raw("<h3>").Text(x.Attribute).Raw("</h3>\n");
            DisparityCharts.Heat(c, x);
            FlagTable.PlotAndTable(c, x);
        }
    }
}
