using Audit.Results;

namespace Audit.Reporting.Text;

/// <summary>
/// The texts a report shows that are not the catalogue's: the plan's description and the model's name and description
/// (issue 18: "the French screenshot shows no English sentence"). A plan or spec may give each in several languages;
/// the report takes its own language, else English, else the first text given. A name the toolkit made up (the
/// scores or decisions read from a data column) is worded by the catalogue from the column, a fact the result keeps.
/// </summary>
public static class UserText
{
    /// <summary>The text in <paramref name="language"/>, else in English, else <paramref name="text"/> (the first given, or the plain string).</summary>
    public static string? Pick(string? text, IReadOnlyDictionary<string, string>? byLanguage, ReportLanguage language)
    {
        if (byLanguage is null)
        {
            return text;
        }
        return byLanguage.GetValueOrDefault(language.Code) ?? byLanguage.GetValueOrDefault("en") ?? text;
    }

    /// <summary>The plan's description in the report's language; null when the plan gives none.</summary>
    public static string? PlanDescription(Provenance provenance, ReportLanguage language) =>
        Pick(provenance.PlanDescription, provenance.PlanDescriptionByLanguage, language);

    /// <summary>The model's name in the report's language: the spec's own, or, for scores or decisions read from a column, the catalogue's words for it.</summary>
    public static string ModelName(ModelSection model, ReportLanguage language) => model.DataColumn is { } column
        ? language.T(model.Kind switch
        {
            "decisions-in-data" => "userText.decisionsInColumn",
            "observed-outcome" => "partA.model.observedOutcome",
            _ => "userText.scoresInColumn",
        }, ("column", column))
        : Pick(model.Name, model.NameByLanguage, language)!;

    /// <summary>The spec's description of the model in the report's language; null when it gives none.</summary>
    public static string? ModelDescription(ModelSection model, ReportLanguage language) =>
        Pick(model.Description, model.DescriptionByLanguage, language);
}
