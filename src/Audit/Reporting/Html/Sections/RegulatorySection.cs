using Audit.Reporting.Regulatory;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>The regulatory mapping: each duty, its source, and whether this report evidences it, with the reason.</summary>
public sealed class RegulatorySection : IHtmlSection
{
    public string Id => "regulatory";

    public string TitleKey => "section.regulatory";

    public bool AppliesTo(AuditResult result) => true;

    public void Render(HtmlReportContext c)
    {
        var rows = RegulatoryMapping.Of(c.Result);
        c.Paragraph("reg.intro");
        c.Raw("<div class=\"table-wrap\"><table class=\"regulatory\">\n<thead><tr><th>").Raw(c.T("col.duty")).Raw("</th><th>").Raw(c.T("col.source"))
            .Raw("</th><th>").Raw(c.T("col.status")).Raw("</th><th>").Raw(c.T("col.reason")).Raw("</th></tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            var (cls, key) = Status(row.Status);
            c.Raw("<tr><td>").Raw(c.T("reg." + row.Duty + ".duty")).Raw("</td><td><cite>").Text(row.Source).Raw("</cite></td><td><span class=\"badge ").Raw(cls).Raw("\">")
                .Raw(c.T(key)).Raw("</span></td><td>").Raw(c.T(row.Reason)).Raw("</td></tr>\n");
        }
        c.Raw("</tbody></table></div>\n");
        c.Raw("<p class=\"note\">").Raw(c.T("reg.counts",
            ("evidenced", c.Language.Count(rows.Count(r => r.Status == EvidenceStatus.Evidenced))),
            ("partly", c.Language.Count(rows.Count(r => r.Status == EvidenceStatus.Partly))),
            ("not", c.Language.Count(rows.Count(r => r.Status == EvidenceStatus.NotEvidenced))))).Raw(" ").Raw(c.T("reg.disclaimer")).Raw("</p>\n");
    }

    internal static (string Class, string Key) Status(EvidenceStatus status) => status switch
    {
        EvidenceStatus.Evidenced => ("evidenced", "status.evidenced"),
        EvidenceStatus.Partly => ("partly", "status.partly"),
        _ => ("not-evidenced", "status.not"),
    };
}
