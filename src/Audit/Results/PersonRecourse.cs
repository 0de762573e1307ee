namespace Audit.Results;

/// <summary>What the recourse search concluded for one flagged person.</summary>
public enum RecourseStatus
{
    /// <summary>A change was found and re-scored favourable by the model's own scorer.</summary>
    Found,

    /// <summary>Proven: no change within the actionability model unflags the person (exact methods only).</summary>
    None,

    /// <summary>The black-box search found no change; not a proof that none exists.</summary>
    NotFound,
}

/// <summary>One feature's change in a counterfactual.</summary>
public sealed record FeatureChange(int Feature, string Name, double From, double To, string FromText, string ToText, double Cost);

/// <summary>
/// The cheapest change found for one person (the solver's, re-verified), or why there is none.
/// </summary>
/// <param name="Method">"dp" (exact dynamic programme), "cp-sat" (exact), "cp-sat-trees" (exact on the tree ensemble) or "search" (not proven optimal).</param>
/// <param name="ScoreAfter">The model's own score of the changed row (NaN when nothing was found).</param>
public sealed record PersonRecourse(RecourseStatus Status, string Method, bool ProvenOptimal, double ScoreBefore, double ScoreAfter, double Cost, IReadOnlyList<FeatureChange> Changes)
{
    /// <summary>Inputs whose plausible recording error alone would unflag the person (<c>Recourse.DataErrorSensitivity</c>): the data to check first.</summary>
    public IReadOnlyList<string> SensitiveInputs { get; init; } = [];

    /// <summary>Whether typical values for what the person cannot change would lift the flag (<c>Recourse.ImmutableCounterfactual</c>).</summary>
    public bool ForWhoTheyAre { get; init; }

    /// <summary>
    /// For a grade policy: an override rule fixes the person's grade (sets or caps it) on what they cannot change, so
    /// no score reaches the grade to reach: no recourse, flagged for what cannot be changed.
    /// </summary>
    public bool FixedByOverride { get; init; }

    /// <summary>For a grade policy: the grade the model assigns the changed row (overrides included); null otherwise or without a change.</summary>
    public string? GradeAfter { get; init; }

    public static PersonRecourse NoneProven(string method, double score) => new(RecourseStatus.None, method, true, score, double.NaN, double.PositiveInfinity, []);

    public static PersonRecourse NotFoundBySearch(double score) => new(RecourseStatus.NotFound, "search", false, score, double.NaN, double.PositiveInfinity, []);
}
