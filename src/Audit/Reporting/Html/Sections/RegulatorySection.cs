using Audit.Reporting.Regulatory;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>
/// The legal context the plan declares and its mapping: each duty, its source, and how far this report may contribute to
/// evidencing it, with the reason. Without a legal context: that no legal claim is made, and how to declare one.
/// </summary>
public sealed class RegulatorySection : IHtmlSection
{
    public string Id => "regulatory";

    public string TitleKey => "section.regulatory";

    public bool AppliesTo(AuditResult result) => true;

    /// <summary>The plan key a report without a legal context shows as an example (code: keys and values, not words of the page's language).</summary>
    internal const string Example = "legal: { jurisdiction: fr, domain: welfare }";

    public void Render(HtmlReportContext c)
    {
        var legal = c.Result.Provenance.Legal;
        if (legal is null)
        {
            c.Raw("<p>").Raw(c.T("legal.none")).Raw("</p>\n<p class=\"note\">").Raw(c.TMarkup("legal.howTo", ("example", $"<code>{HtmlText.Escape(Example)}</code>"),
                ("supported", string.Join("; ", LegalContext.Supported.Select(s => $"<code>{HtmlText.Escape($"{s.Jurisdiction} {s.Domain}")}</code> ({HtmlText.Escape(LegalWords.Context(s, c.Language))})"))))).Raw("</p>\n");
            c.Raw("<p class=\"note\">").Raw(c.T("legal.fourFifths.forInformation")).Raw("</p>\n");
            return;
        }
        var rows = RegulatoryMapping.Of(c.Result);
        c.Raw("<p>").Raw(c.T("legal.context", ("context", LegalWords.Context(legal, c.Language)))).Raw(" ").Raw(c.T("legal.intro")).Raw("</p>\n");
        c.Raw("<div class=\"table-wrap\"><table class=\"regulatory\">\n<thead><tr><th>").Raw(c.T("col.duty")).Raw("</th><th>").Raw(c.T("col.source"))
            .Raw("</th><th>").Raw(c.T("col.status")).Raw("</th><th>").Raw(c.T("col.reason")).Raw("</th></tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            var (cls, key) = Status(row.Status);
            c.Raw("<tr><td>").Raw(c.T("reg." + row.Duty + ".duty")).Raw("</td><td><cite>").Text(LegalWords.Source(row.Source, c.Language)).Raw("</cite></td><td><span class=\"badge ").Raw(cls).Raw("\">")
                .Raw(c.T(key)).Raw("</span></td><td>").Raw(c.T(row.Reason)).Raw("</td></tr>\n");
        }
        c.Raw("</tbody></table></div>\n");
        c.Raw("<p class=\"note\">").Raw(c.T("legal.counts",
            ("evidenced", c.Language.Count(rows.Count(r => r.Status == EvidenceStatus.Evidenced))),
            ("partly", c.Language.Count(rows.Count(r => r.Status == EvidenceStatus.Partly))),
            ("not", c.Language.Count(rows.Count(r => r.Status == EvidenceStatus.NotEvidenced))))).Raw(" ").Raw(c.T("legal.disclaimer")).Raw("</p>\n");
        c.Raw("<p class=\"note\">").Raw(c.T(LegalWords.NoteKey(legal))).Raw("</p>\n");
        if (!LegalWords.FourFifthsIsLaw(legal))
        {
            c.Raw("<p class=\"note\">").Raw(c.T("legal.fourFifths.forInformation")).Raw("</p>\n");
        }
    }

    internal static (string Class, string Key) Status(EvidenceStatus status) => (status switch
    {
        EvidenceStatus.Evidenced => "evidenced",
        EvidenceStatus.Partly => "partly",
        _ => "not-evidenced",
    }, LegalWords.StatusKey(status));
}
