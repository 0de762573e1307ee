using System.Text;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting;

/// <summary>The "Appeal paths" section of report.md for a rating-window score: the way back by future ratings (docs/recourse.md).</summary>
internal static class RatingDilutionMarkdown
{
    public static void Append(StringBuilder md, RecourseSection r, RatingDilutionSection d)
    {
        var l = ReportLanguage.English;
        md.Append("## Appeal paths\n\n### ").Append(MarkdownReport.Escape(RatingDilutionText.Title(l))).Append("\n\n");
        md.Append(MarkdownReport.Escape(RatingDilutionText.Intro(d, l))).Append("\n\n");
        md.Append(MarkdownReport.Escape(RatingDilutionText.Model(d, l))).Append("\n\n");
        md.Append(MarkdownReport.Escape(RatingDilutionText.Summary(r, d, l))).Append("\n\n");
        if (RatingDilutionText.Bias(d, l) is { } bias)
        {
            md.Append("**").Append(MarkdownReport.Escape(bias)).Append("**\n\n");
        }
        md.Append(MarkdownReport.Escape(RatingDilutionText.Caption(d, l))).Append(":\n\n");
        var headers = RatingDilutionText.Headers(d, l);
        md.Append("| ").Append(string.Join(" | ", headers.Select(MarkdownReport.Escape))).Append(" |\n|");
        md.Append(string.Join("|", headers.Select((_, i) => i == 0 ? "---" : "--:"))).Append("|\n");
        foreach (var row in RatingDilutionText.Rows(d, l))
        {
            md.Append("| ").Append(string.Join(" | ", row.Select(MarkdownReport.Escape))).Append(" |\n");
        }
        md.Append('\n');
        if (r.Routes is { } routes)
        {
            RecourseMarkdown.AppendRoutes(md, routes);
        }
    }
}
