using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>The recourse section of the HTML report for a rating-window score: the way back by future ratings (docs/recourse.md).</summary>
internal static class RatingDilutionView
{
    public static void Render(HtmlReportContext c, RecourseSection r, RatingDilutionSection d)
    {
        var l = c.Language;
        c.Raw("<h3>").Text(RatingDilutionText.Title(l)).Raw("</h3>\n");
        c.Raw("<p>").Text(RatingDilutionText.Intro(d, l)).Raw("</p>\n");
        c.Raw("<p>").Text(RatingDilutionText.Model(d, l)).Raw("</p>\n");
        c.Raw("<p>").Text(RatingDilutionText.Summary(r, d, l)).Raw("</p>\n");
        if (RatingDilutionText.Bias(d, l) is { } bias)
        {
            c.Raw("<p class=\"note\"><strong>").Text(bias).Raw("</strong></p>\n");
        }
        var headers = RatingDilutionText.Headers(d, l);
        HtmlTableWriter.Write(c, HtmlText.Escape(RatingDilutionText.Caption(d, l)),
            [.. headers.Select((h, i) => new HtmlColumn(HtmlText.Escape(h), i > 0))],
            RatingDilutionText.Rows(d, l).Select(row => (IReadOnlyList<string>)[.. row.Select(HtmlText.Escape)]));
    }
}
