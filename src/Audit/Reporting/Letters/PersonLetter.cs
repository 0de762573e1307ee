namespace Audit.Reporting.Letters;

/// <summary>
/// What a letter to one person says, in the order CRPA R311-3-1-2 lists (Décret 2017-330): (1°) the degree and mode
/// of the processing's contribution to the decision, (2°) the data processed and their sources, (3°) the parameters
/// and their weighting as applied to the person, (4°) the operations carried out; then the principal reasons
/// (12 CFR 1002.9(b)(2): up to four), what would have changed the result (CJEU C-203/22) and the routes to contest
/// (GDPR art. 77, the benefit's own appeal). The explanations and recourse stages fill it for one person; the letter
/// renders only what it holds. Texts in it are plain words already in the letter's language; numbers are raw.
/// </summary>
/// <param name="PersonId">The person's id in the data (the only row of the input a report may print, and only in their own letter).</param>
/// <param name="Decision">The decision in plain words, e.g. "your file was selected for a control".</param>
/// <param name="Score">The person's score in the model's units.</param>
/// <param name="Percentile">Share of the population with a less adverse score (0-1), when known.</param>
/// <param name="Contribution">1°: how the score contributed (alone, with a human review, by a threshold or a rank).</param>
/// <param name="Inputs">2° and 3°: each input used, its value for the person, its source, and its contribution to the score.</param>
/// <param name="Baseline">The score of the reference point the contributions start from (contributions add up to Score − Baseline).</param>
/// <param name="Space">The units the contributions add up in (log-odds, points).</param>
/// <param name="Operations">4°: what was computed, with which model and version.</param>
/// <param name="PrincipalReasons">Up to four inputs that weighed most towards the decision, in plain words.</param>
/// <param name="Counterfactual">The cheapest change that would have changed the decision, or why there is none.</param>
/// <param name="Output">The model's output on the scale the contributions add up in, when it is not <see cref="Score"/>'s
/// scale (a logistic model's log-odds beside its probability): the letter prints one score and gives this one in a note.</param>
/// <param name="Synthetic">True when the people of the audit are synthetic: the letter carries the illustration banner.</param>
/// <param name="Items">Items 2° and 3° as the Markdown page states them (one source, <see cref="LetterItems"/>); without them the
/// letter shows <see cref="Inputs"/> in one table.</param>
public sealed record PersonLetter(
    string PersonId,
    string Decision,
    double Score,
    double? Percentile,
    string Contribution,
    IReadOnlyList<LetterInput> Inputs,
    double Baseline,
    string Space,
    string Operations,
    IReadOnlyList<string> PrincipalReasons,
    string? Counterfactual,
    IReadOnlyList<AppealRoute> Routes,
    double? Output = null,
    bool Synthetic = false,
    LetterItems? Items = null);

/// <param name="Value">The person's value as the data holds it.</param>
/// <param name="Source">Where the value came from (system, file, date), when known.</param>
/// <param name="Contribution">Its share of the score in the letter's <see cref="PersonLetter.Space"/> (positive = towards the adverse decision).</param>
public sealed record LetterInput(string Name, string Value, string? Source, double Contribution);

/// <summary>A route to contest the decision: who to write to, by when, on what basis.</summary>
public sealed record AppealRoute(string Body, string Deadline, string? Basis, string? Address);
