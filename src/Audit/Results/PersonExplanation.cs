namespace Audit.Results;

/// <summary>
/// One person's explanation in the shape of CRPA art. R311-3-1-2 (décret 2017-330): on request, the administration
/// communicates (1°) the degree and mode of contribution of the algorithmic processing to the decision, (2°) the data
/// processed and their sources, (3°) the processing's parameters and their weighting as applied to the person,
/// (4°) the operations carried out. It also serves GDPR art. 15(1)(h) ("meaningful information about the logic
/// involved") and AI Act art. 86 (the system's role and the main elements of the decision). Language-neutral:
/// the renderer words it (<c>Reporting/PersonExplanationMarkdown</c>).
/// </summary>
public sealed record PersonExplanation
{
    /// <summary>The person's identifier in the data (for a person file, the id it gives; its file name when it gives none).</summary>
    public required string Person { get; init; }

    public required string Model { get; init; }

    public required string ModelKind { get; init; }

    public string? ModelSource { get; init; }

    /// <summary>"high" or "low": which tail of the score is adverse.</summary>
    public required string Adverse { get; init; }

    /// <summary>1°: the score, where it places the person, and the decision rule.</summary>
    public required DecisionContribution Contribution { get; init; }

    /// <summary>2°: every input with its value and declared source.</summary>
    public required IReadOnlyList<PersonInput> Inputs { get; init; }

    /// <summary>3°: every term's weight as the spec gives it, as applied to this person, and its contribution.</summary>
    public required IReadOnlyList<AppliedParameter> Parameters { get; init; }

    /// <summary>The constant term of an additive model (null otherwise).</summary>
    public double? Intercept { get; init; }

    /// <summary>4°: the operations, in order, as codes with their numbers (the renderer words them).</summary>
    public required IReadOnlyList<Operation> Operations { get; init; }

    /// <summary>The attribution: method, space, baseline (mean over the background), value, contributions per input and additivity error.</summary>
    public required string Method { get; init; }

    /// <summary>closed-form, tree-shap, path-tree-shap, enumeration or kernel-shap (<c>Explain.LocalExplainer.MethodCode</c>).</summary>
    public required string MethodCode { get; init; }

    /// <summary>"attribution" (against the baseline) or "points" (below the most favourable points).</summary>
    public required string ReasonCodeMethodCode { get; init; }

    public required string ExplanationSpace { get; init; }

    public required double Baseline { get; init; }

    public required double Value { get; init; }

    public required double AdditivityError { get; init; }

    public required int BackgroundRows { get; init; }

    public required IReadOnlyList<ReasonCode> ReasonCodes { get; init; }

    public required string ReasonCodeMethod { get; init; }

    /// <summary>
    /// For a partially published spec (the partial-model design): everything above is the central model's, and this
    /// gives the person's ranges over the design's sampled models; null otherwise.
    /// </summary>
    public PersonUnderSampledModels? PartialModel { get; init; }

    /// <summary>True when the audit's people are synthetic (generated from a population spec): a letter then says it is an illustration. Absent otherwise.</summary>
    public bool? SyntheticPeople { get; init; }
}

/// <param name="Score">The person's score as the model outputs it (a probability for a logistic model).</param>
/// <param name="Percentile">Percentage of the population whose score is less adverse than the person's (scores equal in exact arithmetic are not less adverse; <c>Policy.ScoreOrder</c>).</param>
/// <param name="Rank">The person's place in the policies' order (<c>Policy.ScoreOrder</c>): 1 + the people with a more adverse score and those with an equal score earlier in the data (1 = the most adverse). Under a top-fraction or budget policy of k, exactly ranks 1 to k are flagged.</param>
/// <param name="Cutoff">The boundary score of the policy (threshold, or the score of the last person flagged).</param>
public sealed record DecisionContribution(
    double Score, bool ScoreIsProbability, double Percentile, long Rank, long Population, string PolicyKind, string Policy, double? Cutoff,
    bool Flagged, long FlaggedCount, string? Grade)
{
    /// <summary>The rule's parameter for the renderer's own wording: the threshold, the fraction, the budget, or the flagged grades.</summary>
    public IReadOnlyList<string> PolicyArguments { get; init; } = [];
}

/// <param name="Value">As the data holds it (text; empty when missing).</param>
/// <param name="DataSource">Where the agency gets it, as the model spec declares (null when not declared).</param>
public sealed record PersonInput(string Feature, string? LabelFr, string? LabelEn, string Value, string? Unit, string? DataSource);

/// <param name="Term">A main effect (named as its input) or an interaction.</param>
/// <param name="Weight">The weight(s) the spec gives (all levels or bins), as text; null for a model without readable weights.</param>
/// <param name="Applied">The weight that applies to this person (the level, bin or value × weight), as text.</param>
/// <param name="Contribution">The term's contribution to this person's output in the explanation space (for a model without terms: the attribution).</param>
public sealed record AppliedParameter(string Term, string? LabelFr, string? LabelEn, string? Weight, string? Applied, double Contribution, double? Attribution);

/// <summary>One step of the processing: a code the renderer words, and its numbers or names.</summary>
public sealed record Operation(string Code, IReadOnlyList<string> Arguments);
