using Audit.Results;

namespace Audit.Reporting.Text;

/// <summary>
/// What the audit's own inputs put into the report (issue 18, item 5), said on the first screen before any finding:
/// synthetic people, a made-up outcome, a reconstructed or illustrative model, and the terms whose size was fixed by
/// calibration to a published figure, with the findings they produce marked "calibrated, not found". Read from the
/// result only: <see cref="AuditResult.Population"/>, <see cref="DataSection.Subjects"/>, <see cref="ModelSection.Status"/>
/// and <see cref="ModelSection.Calibrated"/>. Words from the catalogue (<c>exports.{en,fr}.json</c>); the HTML banner
/// (Html/Sections/BuiltInBanner.cs) and the Markdown report print the same sentences.
/// </summary>
public static class BuiltInText
{
    /// <summary>Whether anything in the result is built in rather than observed: then the report opens with the banner.</summary>
    public static bool Applies(AuditResult result) =>
        result.Population is not null || result.Data.Subjects == DataSubjects.Synthetic
        || result.Model.IsReconstructedOrIllustrative() || result.Model.Calibrated is { Count: > 0 } || result.Designs?.PartialModel is not null;

    /// <summary>The banner's statements, in plain text (the caller escapes them), in a fixed order: people, outcome, model, calibration.</summary>
    public static IReadOnlyList<string> Statements(AuditResult result, ReportLanguage l)
    {
        var lines = new List<string>();
        if (result.Population is { } population)
        {
            lines.Add(l.T("exports.banner.population", ("rows", l.Count(population.Rows)), ("spec", ReportedFileName(population.Spec.Path)), ("seed", population.Seed)));
            if (population.LabelIsSynthetic && population.SyntheticLabel is { } label)
            {
                lines.Add(l.T("exports.banner.label", ("label", label)));
            }
        }
        else if (result.Data.Subjects == DataSubjects.Synthetic)
        {
            lines.Add(l.T("exports.banner.subjects"));
        }
        if (result.Designs?.PartialModel is { } partial)
        {
            // A spec with coefficients given only by sign has no weights to call illustrative: the main sections score
            // one central guess, and only the design's ranges hold for every model consistent with what is published.
            lines.Add(l.T("partE.banner.model.partial", ("model", UserText.ModelName(result.Model, l)), ("coefficients", l.Count(partial.SampledCoefficients.Count)),
                ("samples", l.Count(partial.Samples)), ("section", l.T("section.designs"))));
        }
        else if (result.Model.IsReconstructedOrIllustrative())
        {
            lines.Add(l.T("exports.banner.model." + result.Model.Status, ("model", UserText.ModelName(result.Model, l))));
        }
        foreach (var term in result.Model.Calibrated ?? [])
        {
            lines.Add(l.T("exports.banner.calibrated", ("term", term.Term), ("figure", term.Figure)));
        }
        return lines;
    }

    /// <summary>
    /// The banner in one line, for the top of the summary (plain text): what is built in, by name, and where the full
    /// statements are; null when nothing is built in.
    /// </summary>
    internal static string? Short(AuditResult result, ReportLanguage l)
    {
        if (!Applies(result))
        {
            return null;
        }
        var parts = new List<string>();
        if (result.Population is not null || result.Data.Subjects == DataSubjects.Synthetic)
        {
            parts.Add(l.T("exports.short.population"));
        }
        if (result.Population is { LabelIsSynthetic: true, SyntheticLabel: not null })
        {
            parts.Add(l.T("exports.short.label"));
        }
        if (result.Designs?.PartialModel is not null)
        {
            parts.Add(l.T("partE.short.model.partial"));
        }
        else if (result.Model.IsReconstructedOrIllustrative())
        {
            parts.Add(l.T("exports.short.model." + result.Model.Status));
        }
        if (result.Model.Calibrated is { Count: > 0 } calibrated)
        {
            parts.Add(l.T("exports.short.calibrated", ("terms", string.Join(", ", calibrated.Select(t => t.Term)))));
        }
        return l.T("exports.short.lead") + " " + string.Join(" · ", parts) + ". " + l.T("exports.short.more", ("title", l.T("exports.banner.title")));
    }

    /// <summary>Whether a finding is along a term calibrated to a published figure ("calibrated, not found").</summary>
    internal static bool IsCalibrated(AuditResult result, Finding finding) => result.Model.CalibrationsOf(finding.Group).Count > 0;

    /// <summary>The findings on a calibrated term, each with the mark "calibrated, not found" (plain text).</summary>
    public static IReadOnlyList<string> MarkedFindings(AuditResult result, ReportLanguage l) =>
    [
        .. result.Fairness.Findings
            .Where(f => result.Model.CalibrationsOf(f.Group).Count > 0)
            .Select(f => l.T("exports.banner.marked", ("finding", FindingText.Plain(f, l)),
                ("terms", string.Join(", ", result.Model.CalibrationsOf(f.Group).Select(t => t.Term))))),
    ];

    private static string ReportedFileName(string path) => Path.GetFileName(path.Replace('\\', '/'));
}
