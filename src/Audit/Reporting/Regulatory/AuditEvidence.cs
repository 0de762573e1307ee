using Audit.Results;

namespace Audit.Reporting.Regulatory;

/// <summary>What a result holds that a duty may ask for, read once for every legal context's rules.</summary>
public sealed record AuditEvidence(
    bool HasAttributes,
    bool HasLabel,
    bool HasTests,
    bool HasIntervals,
    bool HasIntersections,
    bool Corrected,
    bool HasExplanations,
    bool HasRecourse,
    bool HasDesigns,
    bool HasProxyAnalysis,
    bool HumanDecisions,
    bool DecisionFollowing,
    bool Periods,
    bool TimeSeries,
    bool HasModelInputs,
    bool HasColumns,
    bool ModelCitesSource)
{
    public static AuditEvidence Of(AuditResult r)
    {
        var roles = r.Data.Columns.SelectMany(c => c.Roles).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new AuditEvidence(
            HasAttributes: r.Fairness.Attributes.Count > 0,
            HasLabel: r.Data.Label is not null,
            HasTests: r.Fairness.Attributes.Any(a => a.Groups.Any(g => g.FlagRateDifference.P is not null)),
            HasIntervals: r.Fairness.Attributes.Any(a => a.Groups.Any(g => g.FlagRateRatio.Ci is not null)),
            HasIntersections: r.Fairness.Intersections.Count > 0,
            Corrected: r.Fairness.Inference.Correction != "none",
            HasExplanations: r.Explanations is not null,
            HasRecourse: r.Recourse is not null,
            HasDesigns: r.Designs is not null,
            HasProxyAnalysis: r.Explanations is not null || r.Designs?.Proxy is not null || r.Designs?.Subgroups is not null,
            HumanDecisions: roles.Contains("human_decision") || roles.Contains("humanDecision"),
            DecisionFollowing: r.Designs?.DecisionFollowing is not null,
            Periods: roles.Contains("period"),
            TimeSeries: r.Designs?.Time is not null,
            // A model known only by its scores or decisions in the data lists that column as its one "feature": no inputs are known.
            HasModelInputs: r.Model.Features.Count > 0 && r.Model.Kind is not ("scores-in-data" or "decisions-in-data" or "observed-outcome"),
            HasColumns: r.Data.Columns.Count > 0,
            ModelCitesSource: r.Model.Source is not null);
    }
}
