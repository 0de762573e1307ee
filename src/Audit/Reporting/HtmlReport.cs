using Audit.Reporting.Html;
using Audit.Reporting.Html.Sections;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Reporting;

/// <summary>
/// Renders an <see cref="AuditResult"/> as one self-contained HTML file: inline CSS, inline SVG plots, the shipped
/// font embedded as a data: URI, no script, nothing fetched from elsewhere; print rules so that a browser's "print to
/// PDF" gives a clean document. Every text comes from the report texts of the chosen language (Reporting/Text);
/// every string from the data or the plan is escaped. Reads only the result; computes nothing it does not show.
/// It sits in Audit.Reporting beside MarkdownReport, above both Reporting.Html (the page context, tables, style and
/// section contract) and Reporting.Html.Sections, so that the sections never reach back up to the page that lists
/// them (issue 17: no namespace cycle).
/// </summary>
public static class HtmlReport
{
    /// <summary>The sections in page order. A section that does not apply (an optional result part that is null) is left out.</summary>
    public static IReadOnlyList<IHtmlSection> Sections { get; } =
    [
        new SummarySection(),
        new BuiltInBanner(),
        new MethodSection(),
        new PopulationSectionView(),
        new OutcomeSectionView(),
        new DisparateImpactSection(),
        new IntersectionsSection(),
        new ScoresSection(),
        new ExplanationsSectionView(),
        new RecourseSectionView(),
        new DesignsSectionView(),
        new LimitationsSection(),
        new RegulatorySection(),
        new TemplatesSection(),
        new ReproducibilitySection(),
    ];

    public static string Render(AuditResult result, ReportLanguage language)
    {
        var context = new HtmlReportContext(result, language);
        var sections = Sections.Where(s => s.AppliesTo(result)).ToArray();
        var title = language.T("report.title", ("plan", result.Provenance.PlanName));
        context.Raw("<!DOCTYPE html>\n<html lang=\"").Raw(language.Code).Raw("\">\n<head>\n<meta charset=\"utf-8\">\n");
        context.Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        context.Raw("<meta name=\"generator\" content=\"Audit ").Text(result.Provenance.ToolkitVersion).Raw("\">\n");
        context.Raw("<title>").Text(title).Raw("</title>\n<style>\n").Raw(HtmlStyle.StyleSheet()).Raw("</style>\n</head>\n<body>\n");
        context.Raw("<header class=\"cover\">\n<p class=\"kicker\">").Raw(context.T("report.kicker")).Raw("</p>\n<h1>").Text(title).Raw("</h1>\n");
        if (UserText.PlanDescription(result.Provenance, language) is { } about)
        {
            context.Raw("<p class=\"lede\">").Text(about).Raw("</p>\n");
        }
        context.Raw("<p class=\"meta\">").Raw(context.T("report.meta",
            ("version", result.Provenance.ToolkitVersion), ("rows", language.Count(result.Data.Rows)), ("model", UserText.ModelName(result.Model, language)))).Raw("</p>\n");
        foreach (var line in DataRowsText.Lines(result.Data, language))
        {
            context.Raw("<p class=\"meta\">").Text(line).Raw("</p>\n");
        }
        context.Raw("<nav class=\"toc\" aria-label=\"").Raw(context.T("report.contents")).Raw("\"><h2>").Raw(context.T("report.contents")).Raw("</h2>\n<ol>\n");
        foreach (var section in sections)
        {
            context.Raw("<li><a href=\"#").Raw(section.Id).Raw("\">").Raw(context.T(section.TitleKey)).Raw("</a></li>\n");
        }
        context.Raw("</ol>\n</nav>\n</header>\n<main>\n");
        foreach (var section in sections)
        {
            context.Raw("<section id=\"").Raw(section.Id).Raw("\" class=\"section-").Raw(section.Id).Raw("\">\n<h2>").Raw(context.T(section.TitleKey)).Raw("</h2>\n");
            section.Render(context);
            context.Raw("</section>\n");
        }
        context.Raw("</main>\n<footer><p>").Raw(context.T("report.footer", ("version", result.Provenance.ToolkitVersion))).Raw("</p></footer>\n</body>\n</html>\n");
        return context.Html.ToString();
    }
}
