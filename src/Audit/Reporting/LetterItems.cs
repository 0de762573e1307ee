using Audit.Results;

namespace Audit.Reporting;

/// <summary>
/// Items 2° and 3° of CRPA R311-3-1-2 for one person, in one place for both letters: the Markdown page
/// (<see cref="PersonExplanationMarkdown"/>, <c>audit explain</c>) and the HTML letter (<c>Letters/HtmlLetter</c>, <c>audit
/// explain --html</c>) print these rows and these sentences, so that the two cannot state different data, sources,
/// weights or contributions for the same person. Texts are in the page's language and not escaped (each page escapes
/// them its own way); numbers are formatted by the catalogue.
/// </summary>
/// <param name="Data">2°: each input the model reads, its value for the person, its unit and its source.</param>
/// <param name="Parameters">3°: each term of the model, its weight as the spec gives it and as applied, and its part of the score.</param>
/// <param name="HasWeights">True when the model has readable weights (then 3° shows them and both the term's contribution and its attribution).</param>
/// <param name="Intro">3°'s opening sentence: the units, the constant and the sum.</param>
/// <param name="Baseline">Who the "average person" the attributions are measured from is: the background the explanation used.</param>
public sealed record LetterItems(IReadOnlyList<DataItem> Data, IReadOnlyList<ParameterItem> Parameters, bool HasWeights, string Intro, string Baseline)
{
    /// <summary>The items of a person's explanation in a language ("fr", "en").</summary>
    public static LetterItems Of(PersonExplanation e, string language)
    {
        var t = TextCatalog.Load("explain", language);
        string Label(string feature, string? fr, string? en) => (language == "fr" ? fr ?? en : en ?? fr) ?? feature;
        var labels = e.Inputs.ToDictionary(i => i.Feature, i => Label(i.Feature, i.LabelFr, i.LabelEn), StringComparer.Ordinal);
        var space = t.Or("space." + e.ExplanationSpace, e.ExplanationSpace);
        var data = e.Inputs.Select(i => new DataItem(labels[i.Feature], i.Feature, i.Value.Length == 0 ? t["missing_value"] : i.Value, i.Unit,
            i.DataSource ?? t["source_not_declared"])).ToArray();
        var parameters = e.Parameters.Select(p => new ParameterItem(Label(p.Term, p.LabelFr, p.LabelEn), p.Term, p.LabelFr is not null || p.LabelEn is not null,
            p.Weight, p.Applied, p.Contribution, p.Attribution, t.Number(p.Contribution), p.Attribution is { } a ? t.Number(a) : null)).ToArray();
        var intro = e.Intercept is { } intercept
            ? t.Format("item3_intro", space, t.Number(intercept), t.Number(intercept + e.Parameters.Sum(p => p.Contribution)))
            : t.Format("item3_intro_no_terms", space);
        var baseline = t.Format("baseline_background", t.Count(e.BackgroundRows), t.Count(e.Contribution.Population), t.Number(e.Baseline), space);
        return new LetterItems(data, parameters, e.Parameters.Any(p => p.Weight is not null), intro, baseline);
    }
}

/// <param name="Label">The input's name in the page's language (the spec's label, else the column name).</param>
/// <param name="Value">The person's value as the data holds it, or the catalogue's word for a missing one.</param>
/// <param name="Source">Where the value comes from, or the catalogue's "not declared".</param>
public sealed record DataItem(string Label, string Feature, string Value, string? Unit, string Source);

/// <param name="Labelled">True when the spec gives the term a label (then the pages print the term's name beside it).</param>
/// <param name="Contribution">The term's value for the person in the explanation space (weight × applied value).</param>
/// <param name="Attribution">Its part of the gap to the average person, when the explanation gives one.</param>
/// <param name="ContributionText">The contribution as both pages print it (the catalogue's number format).</param>
/// <param name="AttributionText">The attribution as both pages print it.</param>
public sealed record ParameterItem(string Label, string Term, bool Labelled, string? Weight, string? Applied, double Contribution, double? Attribution,
    string ContributionText, string? AttributionText);
