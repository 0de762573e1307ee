using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>
/// The explanations part of the result (<see cref="ExplanationsSection"/>), when the stage that fills it ran; no section when it is null.
/// Until it has a dedicated rendering (plots, tables, words from Reporting/Text), its content is shown as it is in
/// report.json: replace <see cref="Render"/> to give it one.
/// </summary>
public sealed class ExplanationsSectionView : IHtmlSection
{
    public string Id => "explanations";

    public string TitleKey => "section.explanations";

    public bool AppliesTo(AuditResult result) => result.Explanations is not null;

    public void Render(HtmlReportContext c) => ResultTreeView.Render(c, c.Result.Explanations!);
}
