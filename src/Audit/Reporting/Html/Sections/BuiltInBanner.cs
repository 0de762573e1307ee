using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>
/// The first-screen banner (issue 18, item 5): before any finding, what the audit's own inputs built in (synthetic
/// people, a made-up outcome, a reconstructed or illustrative model, weights calibrated to a published figure) and
/// the findings that are "calibrated, not found". Absent when nothing is built in (real data, a published model).
/// The sentences are <see cref="BuiltInText"/>'s, shared with the Markdown report.
/// </summary>
public sealed class BuiltInBanner : IHtmlSection
{
    public string Id => "built-in";

    public string TitleKey => "exports.banner.title";

    public bool AppliesTo(AuditResult result) => BuiltInText.Applies(result);

    public void Render(HtmlReportContext c)
    {
        c.Raw("<div class=\"built-in\" role=\"note\">\n<p>").Raw(c.T("exports.banner.lead")).Raw("</p>\n<ul>\n");
        foreach (var statement in BuiltInText.Statements(c.Result, c.Language))
        {
            c.Raw("<li>").Text(statement).Raw("</li>\n");
        }
        c.Raw("</ul>\n");
        if (BuiltInText.MarkedFindings(c.Result, c.Language) is { Count: > 0 } marked)
        {
            c.Raw("<p>").Raw(c.T("exports.banner.findings")).Raw("</p>\n<ul class=\"calibrated\">\n");
            foreach (var finding in marked)
            {
                c.Raw("<li>").Text(finding).Raw("</li>\n");
            }
            c.Raw("</ul>\n");
        }
        c.Raw("</div>\n");
    }
}
