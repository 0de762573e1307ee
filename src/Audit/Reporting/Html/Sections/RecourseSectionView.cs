using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>
/// The recourse part of the result (<see cref="RecourseSection"/>), when the stage that fills it ran; no section when it is null.
/// Until it has a dedicated rendering (plots, tables, words from Reporting/Text), its content is shown as it is in
/// report.json: replace <see cref="Render"/> to give it one.
/// </summary>
public sealed class RecourseSectionView : IHtmlSection
{
    public string Id => "recourse";

    public string TitleKey => "section.recourse";

    public bool AppliesTo(AuditResult result) => result.Recourse is not null;

    public void Render(HtmlReportContext c) => ResultTreeView.Render(c, c.Result.Recourse!);
}
