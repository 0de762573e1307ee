using Audit.Data;

namespace Audit.Models;

/// <summary>
/// A capability: the model is a published specification (a scorecard or a linear or logistic model written down with
/// its weights and a citation), so a report can quote what was published: the citation, the summary, the space the
/// weights add up in, and each term's weights as the spec states them (CRPA R311-3-1-2, 3°: "the parameters of the
/// processing and, where appropriate, their weighting, applied to the person's situation"). A trained model read from a
/// file has none of these.
/// </summary>
public interface IPublishedModel
{
    /// <summary>Where the weights come from (a citation), when the spec says.</summary>
    string? Source { get; }

    /// <summary>The spec's own summary of the model, when it gives one.</summary>
    string? Description { get; }

    /// <summary>The spec's name by language code, when the spec gives it as a map (<c>name: { en: ..., fr: ... }</c>); null otherwise.</summary>
    IReadOnlyDictionary<string, string>? NameByLanguage => null;

    /// <summary>The spec's description by language code, when the spec gives it as a map; null otherwise.</summary>
    IReadOnlyDictionary<string, string>? DescriptionByLanguage => null;

    /// <summary>"points" or "log-odds": the space in which the published weights add up.</summary>
    string ExplanationSpace { get; }

    /// <summary>What the spec says of its numbers: published, reconstructed or illustrative; null when it does not say.</summary>
    string? Status => null;

    /// <summary>The terms whose weight was fitted to a published figure, with the figure (spec key <c>calibrated:</c>).</summary>
    IReadOnlyList<Audit.Results.CalibratedTerm> CalibratedTerms => [];

    /// <summary>
    /// The weights the spec states for term <paramref name="term"/> (in the order of <see cref="IAdditiveModel.TermNames"/>):
    /// every level or bin (or the one weight), then the weights of an unlisted level and of a missing value when given.
    /// </summary>
    string StatedWeight(int term);

    /// <summary>The weight of term <paramref name="term"/> that applies to one row: its bin, level, truth value or weight × value.</summary>
    string AppliedWeight(int term, Table table, int row);
}
