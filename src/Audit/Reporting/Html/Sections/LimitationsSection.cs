using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>Limitations and caveats: the result's own caveats in the report's language, then what any audit of this kind cannot show.</summary>
public sealed class LimitationsSection : IHtmlSection
{
    public string Id => "limitations";

    public string TitleKey => "section.limitations";

    public bool AppliesTo(AuditResult result) => true;

    public void Render(HtmlReportContext c)
    {
        var r = c.Result;
        c.Raw("<ul>\n");
        foreach (var caveat in r.Caveats)
        {
            c.Raw("<li>").Text(CaveatText.Page(caveat, c.Language)).Raw("</li>\n");
        }
        c.Raw("<li>").Raw(r.Population is null ? c.T("limitations.dataAsGiven") : c.T("limitations.synthetic")).Raw("</li>\n");
        c.Raw("<li>").Raw(c.T("limitations.modelAsGiven")).Raw("</li>\n");
        c.Raw("<li>").Raw(c.T("limitations.association")).Raw("</li>\n");
        c.Raw("<li>").Raw(c.T("limitations.notEvidenced")).Raw("</li>\n");
        c.Raw("</ul>\n");
    }
}
