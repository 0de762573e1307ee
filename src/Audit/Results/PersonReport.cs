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

    /// <summary>For a partially published spec: the person's ranges over the partial-model design's sampled models.</summary>
    public PersonUnderSampledModels? PartialModel { get; init; }
}

/// <summary>An input the recourse search does not propose to change.</summary>
/// <param name="LegalEvent">Whether it changes only by a legal event (a birthday, a change of status), rather than never.</param>
public sealed record FixedInput(string Feature, bool LegalEvent);
