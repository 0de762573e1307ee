using Audit.Results;

namespace Audit.Recourse;

/// <summary>One person's flag, cheapest change and routes to contest.</summary>
public sealed record PersonReport(string Id, bool Flagged, double Score, double? Cutoff, PersonRecourse? Recourse, LegalRoutes? Routes)
{
    public IReadOnlyList<FeatureRule> Rules { get; init; } = [];

    public bool Ranked { get; init; }

    /// <summary>The model scored (for a partially published spec, its central model, named as such).</summary>
    public string? Model { get; init; }

    /// <summary>For a partially published spec: the person's ranges over the partial-model design's sampled models.</summary>
    public Designs.PersonUnderSampledModels? PartialModel { get; init; }
}
