using System.Text;
using Audit.Reporting.Regulatory;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting;

/// <summary>
/// The legal context and its mapping in the Markdown report, as the HTML section gives them: the duties with their
/// sources and evidence, or, without a legal context, that no legal claim is made and how to declare one.
/// </summary>
public static class RegulatoryMarkdown
{
    public static void Append(StringBuilder md, AuditResult result, ReportLanguage l)
    {
        md.Append("## ").Append(l.T("section.regulatory")).Append("\n\n");
        if (result.Provenance.Legal is not { } legal)
        {
            md.Append(MarkdownReport.Escape(l.T("legal.none"))).Append("\n\n");
            md.Append(MarkdownReport.Escape(l.T("legal.howTo", ("example", Html.Sections.RegulatorySection.Example), ("supported", LegalWords.SupportedList(l))))).Append("\n\n");
            md.Append(MarkdownReport.Escape(l.T("legal.fourFifths.forInformation"))).Append("\n\n");
            return;
        }
        md.Append(MarkdownReport.Escape(l.T("legal.context", ("context", LegalWords.Context(legal, l))) + " " + l.T("legal.intro"))).Append("\n\n");
        md.Append("| ").Append(l.T("col.duty")).Append(" | ").Append(l.T("col.source")).Append(" | ").Append(l.T("col.status")).Append(" | ").Append(l.T("col.reason")).Append(" |\n|---|---|---|---|\n");
        var rows = RegulatoryMapping.Of(result);
        foreach (var row in rows)
        {
            var status = LegalWords.StatusKey(row.Status);
            md.Append("| ").Append(MarkdownReport.Escape(l.T("reg." + row.Duty + ".duty"))).Append(" | ").Append(MarkdownReport.Escape(LegalWords.Source(row.Source, l)))
                .Append(" | ").Append(MarkdownReport.Escape(l.T(status))).Append(" | ").Append(MarkdownReport.Escape(l.T(row.Reason))).Append(" |\n");
        }
        md.Append('\n');
        md.Append(MarkdownReport.Escape(l.T("legal.counts",
            ("evidenced", l.Count(rows.Count(r => r.Status == EvidenceStatus.Evidenced))),
            ("partly", l.Count(rows.Count(r => r.Status == EvidenceStatus.Partly))),
            ("not", l.Count(rows.Count(r => r.Status == EvidenceStatus.NotEvidenced)))) + " " + l.T("legal.disclaimer"))).Append("\n\n");
        md.Append(MarkdownReport.Escape(l.T(LegalWords.NoteKey(legal)))).Append("\n\n");
        if (!LegalWords.FourFifthsIsLaw(legal))
        {
            md.Append(MarkdownReport.Escape(l.T("legal.fourFifths.forInformation"))).Append("\n\n");
        }
    }
}
