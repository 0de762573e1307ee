using Audit.Results;

namespace Audit.Reporting.Html.Sections;

/// <summary>
/// The population part of the result (<see cref="PopulationSection"/>), when the stage that fills it ran; no section when it is null.
/// Until it has a dedicated rendering (plots, tables, words from Reporting/Text), its content is shown as it is in
/// report.json: replace <see cref="Render"/> to give it one.
/// </summary>
public sealed class PopulationSectionView : IHtmlSection
{
    public string Id => "population";

    public string TitleKey => "section.population";

    public bool AppliesTo(AuditResult result) => result.Population is not null;

    public void Render(HtmlReportContext c) => ResultTreeView.Render(c, c.Result.Population!);
}
