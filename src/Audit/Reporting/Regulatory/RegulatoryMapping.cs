using Audit.Results;

namespace Audit.Reporting.Regulatory;

/// <summary>How far this audit's result evidences a duty.</summary>
public enum EvidenceStatus
{
    Evidenced,
    Partly,
    NotEvidenced,
}

/// <summary>
/// One duty of the checklist (research dossier "regulatory requirements", section 7), its legal source, and what this
/// result evidences of it. <see cref="Reason"/> is a report-text key (<c>reg.{Duty}.{status}</c>) that says why.
/// </summary>
public sealed record DutyEvidence(string Duty, string Source, EvidenceStatus Status, string Reason);

/// <summary>
/// Maps each duty of the checklist to the evidence in a result: "evidenced" when the report holds what the duty asks
/// for, "partly" when it holds some of it, "not evidenced" when an audit of scores and decisions cannot show it (it
/// needs notices, letters, logs, human decisions or time series the result does not hold). The rules read only what is
/// in <see cref="AuditResult"/>, so the mapping changes when a stage adds evidence (explanations, recourse, designs).
/// </summary>
public static class RegulatoryMapping
{
    public static IReadOnlyList<DutyEvidence> Of(AuditResult r)
    {
        var hasLabel = r.Data.Label is not null;
        var hasTests = r.Fairness.Attributes.Any(a => a.Groups.Any(g => g.FlagRateDifference.P is not null));
        var hasIntervals = r.Fairness.Attributes.Any(a => a.Groups.Any(g => g.FlagRateRatio.Ci is not null));
        var hasIntersections = r.Fairness.Intersections.Count > 0;
        var corrected = r.Fairness.Inference.Correction != "none";
        var hasExplanations = r.Explanations is not null;
        var hasRecourse = r.Recourse is not null;
        var hasDesigns = r.Designs is not null;
        var roles = r.Data.Columns.SelectMany(c => c.Roles).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var humanDecisions = roles.Contains("human_decision") || roles.Contains("humanDecision");
        var periods = roles.Contains("period");

        EvidenceStatus Status(bool all, bool some) => all ? EvidenceStatus.Evidenced : some ? EvidenceStatus.Partly : EvidenceStatus.NotEvidenced;
        DutyEvidence Row(string duty, string source, EvidenceStatus status) =>
            new(duty, source, status, $"reg.{duty}.{status switch { EvidenceStatus.Evidenced => "evidenced", EvidenceStatus.Partly => "partly", _ => "not" }}");

        return
        [
            Row("mention", "CRPA L311-3-1, R311-3-1-1; LIL art. 47", EvidenceStatus.NotEvidenced),
            Row("contribution", "CRPA R311-3-1-2 1°", Status(humanDecisions && r.Designs?.DecisionFollowing is not null, true)),
            Row("dataSources", "CRPA R311-3-1-2 2°; GDPR art. 15", Status(false, r.Model.Features.Count > 0 || r.Data.Columns.Count > 0)),
            Row("weights", "CRPA R311-3-1-2 3°; Cons. const. 2018-765 DC", Status(false, hasExplanations)),
            Row("operations", "CRPA R311-3-1-2 4°", EvidenceStatus.Partly),
            Row("meaningfulLogic", "GDPR art. 15(1)(h); CJEU C-203/22", Status(false, hasExplanations || hasRecourse)),
            Row("principalReasons", "12 CFR 1002.9(b)(2)", Status(false, hasExplanations)),
            Row("aiRole", "AI Act art. 86", Status(false, hasExplanations)),
            Row("publication", "CRPA L312-1-3", Status(false, r.Model.Source is not null)),
            Row("article22", "GDPR art. 22; CJEU C-634/21 (SCHUFA)", Status(false, humanDecisions)),
            Row("oversight", "GDPR art. 22(3); AI Act art. 14, 26", Status(false, humanDecisions)),
            Row("indirectDiscrimination", "Directive 2000/43/EC art. 2(2)(b); Loi 2008-496", Status(r.Fairness.Attributes.Count > 0 && hasIntervals && hasIntersections, r.Fairness.Attributes.Count > 0)),
            Row("persistence", "Seymour-Smith (C-167/97); Enderby (C-127/92)", Status(r.Designs?.Time is not null, periods)),
            // "With multiple-testing correction" is part of what the evidenced text claims: without one, partly.
            hasTests && hasIntervals && !corrected
                ? new DutyEvidence("significance", "29 CFR 1607.4(D); Jones v. City of Boston", EvidenceStatus.Partly, "reg.significance.partlyUnadjusted")
                : Row("significance", "29 CFR 1607.4(D); Jones v. City of Boston", Status(hasTests && hasIntervals, r.Fairness.Attributes.Count > 0)),
            Row("errorBurden", "AI Act art. 10, 13; ICO guidance", Status(hasLabel && hasIntervals, hasLabel)),
            Row("proxies", "AI Act art. 10(2)(f), 15(4)", Status(false, hasExplanations || r.Designs?.Proxy is not null || r.Designs?.Subgroups is not null)),
            Row("withoutProtectedData", "AI Act art. 10(5); GDPR art. 9", EvidenceStatus.NotEvidenced),
            Row("minimisation", "GDPR art. 5(1)(c), 35(7)(b)", EvidenceStatus.Partly),
            Row("impactAssessments", "GDPR art. 35(7); AI Act art. 27(1)(a)-(f)", EvidenceStatus.Partly),
            Row("documentation", "AI Act art. 11-12, Annex IV; art. 26(6)", EvidenceStatus.Partly),
            Row("appeal", "CSS R142-1, L845-2; CASF L262-47; CCH L825-1; GDPR art. 77; NIST AI RMF MEASURE 3.3", Status(false, hasRecourse)),
            Row("socialScoring", "AI Act art. 5(1)(c)", EvidenceStatus.NotEvidenced),
            Row("applicationDates", "AI Act art. 111(2), 113", EvidenceStatus.NotEvidenced),
        ];
    }
}
