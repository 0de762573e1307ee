namespace Audit.Results;

/// <summary>One person's flag, cheapest change and routes to contest.</summary>
public sealed record PersonReport(string Id, bool Flagged, double Score, double? Cutoff, PersonRecourse? Recourse, LegalRoutes? Routes)
{
    /// <summary>
    /// The inputs the recourse search may not change (immutable, or changed only by a legal event), in the model's
    /// input order: the facts of the actionability rules a page states as "not proposed as changes" (the rules
    /// themselves stay in the Recourse stage, which fills this list).
    /// </summary>
    public IReadOnlyList<FixedInput> FixedInputs { get; init; } = [];

    public bool Ranked { get; init; }

    /// <summary>The model scored (for a partially published spec, its central model, named as such).</summary>
    public string? Model { get; init; }

    /// <summary>Which tail of the score is adverse, "high" or "low" (set for a grade policy, whose pages say which side of a grade's bound to reach).</summary>
    public string? Adverse { get; init; }

    /// <summary>For a grade policy: the person's grade (overrides included); null otherwise.</summary>
    public string? Grade { get; init; }

    /// <summary>For a grade policy: the grade to reach, the first grade up that is not flagged; null otherwise.</summary>
    public string? TargetGrade { get; init; }

    /// <summary>
    /// For a grade policy, when the next grade up (one grade better) is not <see cref="TargetGrade"/>: the cheapest
    /// change to it (the person stays flagged there); null otherwise.
    /// </summary>
    public NextGradeRecourse? NextGrade { get; init; }

    /// <summary>For decisions in the data: the cut-off is the one the recorded decisions imply on the model's scores.</summary>
    public bool ImpliedCutoff { get; init; }

    /// <summary>For a partially published spec: the person's ranges over the partial-model design's sampled models.</summary>
    public PersonUnderSampledModels? PartialModel { get; init; }
}

/// <summary>An input the recourse search does not propose to change.</summary>
/// <param name="LegalEvent">Whether it changes only by a legal event (a birthday, a change of status), rather than never.</param>
public sealed record FixedInput(string Feature, bool LegalEvent);

/// <summary>The cheapest change to the grade one better than the person's (<see cref="Grade"/>), and what it reaches.</summary>
public sealed record NextGradeRecourse(string Grade, double Cutoff, PersonRecourse Recourse);
