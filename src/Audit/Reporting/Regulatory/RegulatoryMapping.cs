using Audit.Results;

namespace Audit.Reporting.Regulatory;

/// <summary>How far this audit's result may contribute to evidencing a duty (never whether the duty is satisfied).</summary>
public enum EvidenceStatus
{
    Evidenced,
    Partly,
    NotEvidenced,
}

/// <summary>
/// One duty of a legal context, its legal source (the text itself: an article, a case; never a repository file, since
/// the report folder travels alone), and what this result evidences of it. <see cref="Reason"/> is a report-text key
/// (<c>reg.{Duty}.{status}</c>) that says why. Every source string has its research note in <c>docs/legal/</c>
/// (<c>RegulatoryMappingTests</c> checks that each appears in the note of its context).
/// </summary>
public sealed record DutyEvidence(string Duty, string Source, EvidenceStatus Status, string Reason);

/// <summary>
/// Maps each duty of the plan's legal context (<see cref="Provenance.Legal"/>: jurisdiction × domain) to the evidence in
/// a result: "evidenced" when the report holds what the duty asks for (it may contribute to evidencing the duty, it never
/// satisfies it), "partly" when it holds some of it, "not evidenced" when an audit of scores and decisions cannot show
/// it. Without a legal context there is no duty and no legal claim. The rules read only what is in
/// <see cref="AuditResult"/>, so the mapping changes when a stage adds evidence (explanations, recourse, designs).
/// </summary>
public static class RegulatoryMapping
{
    /// <summary>The duties of the result's own legal context; empty when the plan declares none.</summary>
    public static IReadOnlyList<DutyEvidence> Of(AuditResult r) => r.Provenance.Legal is { } legal ? Of(r, legal) : [];

    /// <summary>The duties of one legal context, with this result's evidence.</summary>
    public static IReadOnlyList<DutyEvidence> Of(AuditResult r, LegalContext legal)
    {
        var e = AuditEvidence.Of(r);
        return (legal.Jurisdiction, legal.Domain) switch
        {
            ("fr", "welfare") => EuropeanDuties.FrenchWelfare(e),
            ("eu", "platform-work") => EuropeanDuties.PlatformWork(e),
            ("us", "criminal-justice") => UnitedStatesDuties.CriminalJustice(e),
            ("us", "credit") => UnitedStatesDuties.Credit(e),
            ("us", "employment") => UnitedStatesDuties.Employment(e),
            ("cn", "social-credit") => ChineseDuties.SocialCredit(e),
            ("cn", "credit") => ChineseDuties.InternetCredit(e),
            _ => throw new ArgumentOutOfRangeException(nameof(legal), legal, "no mapping for this legal context (LegalContext.Supported lists those with one)"),
        };
    }

    /// <summary>"Evidenced" when all of it is in the result, "partly" when some is, else "not evidenced".</summary>
    internal static EvidenceStatus Status(bool all, bool some) => all ? EvidenceStatus.Evidenced : some ? EvidenceStatus.Partly : EvidenceStatus.NotEvidenced;

    /// <summary>A duty with its reason key <c>reg.{duty}.{evidenced|partly|not}</c>.</summary>
    internal static DutyEvidence Row(string duty, string source, EvidenceStatus status) =>
        new(duty, source, status, $"reg.{duty}.{status switch { EvidenceStatus.Evidenced => "evidenced", EvidenceStatus.Partly => "partly", _ => "not" }}");

    /// <summary>
    /// Statistics that can carry a finding: tests and intervals, corrected for multiple testing ("with correction" is part
    /// of what the evidenced text claims: without one, partly, and the reason says so).
    /// </summary>
    internal static DutyEvidence Significance(string duty, string source, AuditEvidence e) =>
        e.HasTests && e.HasIntervals && !e.Corrected
            ? new DutyEvidence(duty, source, EvidenceStatus.Partly, $"reg.{duty}.partlyUnadjusted")
            : Row(duty, source, Status(e.HasTests && e.HasIntervals, e.HasAttributes));
}
