using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>
/// The designs part of the result (<see cref="DesignsSection"/>), when the stage that fills it ran; no section when it is null.
/// Until it has a dedicated rendering (plots, tables, words from Reporting/Text), its content is shown as it is in
/// report.json: replace <see cref="Render"/> to give it one.
/// </summary>
public sealed class DesignsSectionView : IHtmlSection
{
    public string Id => "designs";

    public string TitleKey => "section.designs";

    public bool AppliesTo(AuditResult result) => result.Designs is not null;

    public void Render(HtmlReportContext c) => ResultTreeView.Render(c, c.Result.Designs!);
}
