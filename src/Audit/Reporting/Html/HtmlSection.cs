using Audit.Results;

namespace Audit.Reporting.Html;

/// <summary>
/// One section of the HTML report. A section decides whether it applies (an optional part of the result that is null
/// gives no section) and renders itself from the result only. To add a section, write one class and list it in
/// <see cref="HtmlReport.Sections"/>.
/// </summary>
public interface IHtmlSection
{
    /// <summary>The anchor of the section in the page (and in the table of contents).</summary>
    string Id { get; }

    /// <summary>The report text key of the section's title.</summary>
    string TitleKey { get; }

    bool AppliesTo(AuditResult result);

    /// <summary>Writes the section's body (the heading is written by the report).</summary>
    void Render(HtmlReportContext context);
}
