using static Audit.Reporting.Regulatory.RegulatoryMapping;

namespace Audit.Reporting.Regulatory;

/// <summary>
/// The duties of the United States contexts: criminal justice (due process and State v. Loomis; no credit or employment
/// law, no four-fifths claim; docs/legal/us-criminal-justice.md), credit (ECOA and Regulation B's adverse-action reasons;
/// docs/legal/us-credit.md) and employment (Title VII and the Uniform Guidelines' four-fifths rule; docs/legal/us-employment.md).
/// </summary>
internal static class UnitedStatesDuties
{
    private const string Loomis = "State v. Loomis, 881 N.W.2d 749 (Wis. 2016)";

    /// <summary>A risk assessment used at sentencing, bail or supervision (COMPAS).</summary>
    public static IReadOnlyList<DutyEvidence> CriminalJustice(AuditEvidence e) =>
    [
        Row("loomisCaution", Loomis, Status(e.HasAttributes && e.HasLabel && e.HasIntervals, e.HasAttributes)),
        Row("loomisNotDeterminative", Loomis, Status(false, e.HumanDecisions)),
        Row("loomisValidation", Loomis, Status(false, e.HasLabel)),
        Row("accurateInformation", "U.S. Const. amend. XIV, § 1; " + Loomis, Status(false, e.HasExplanations)),
        Row("protectedInputs", Loomis, Status(e.HasModelInputs && e.HasAttributes, e.HasAttributes)),
    ];

    /// <summary>A creditor's decisions on applications for credit.</summary>
    public static IReadOnlyList<DutyEvidence> Credit(AuditEvidence e) =>
    [
        Row("adverseActionNotice", "ECOA, 15 U.S.C. 1691(d); 12 CFR 1002.9(a)", EvidenceStatus.NotEvidenced),
        Row("principalReasons", "12 CFR 1002.9(b)(2)", Status(false, e.HasExplanations)),
        Row("reasonsScored", "12 CFR 1002, Supp. I, comment 9(b)(2)-5", Status(false, e.HasExplanations)),
        Row("prohibitedBasis", "ECOA, 15 U.S.C. 1691(a); 12 CFR 1002.4(a)", Status(false, e.HasAttributes)),
        Row("recordRetention", "12 CFR 1002.12", EvidenceStatus.NotEvidenced),
    ];

    /// <summary>An employer's selection procedure (hiring, promotion, dismissal).</summary>
    public static IReadOnlyList<DutyEvidence> Employment(AuditEvidence e) =>
    [
        Row("disparateImpact", "Title VII, 42 U.S.C. 2000e-2(k)(1)(A)(i)", Status(e.HasAttributes && e.HasIntervals, e.HasAttributes)),
        Significance("significance", "29 CFR 1607.4(D); Jones v. City of Boston, 752 F.3d 38 (1st Cir. 2014)", e),
        Row("jobRelated", "29 CFR 1607.5, 1607.14", Status(false, e.HasLabel)),
        Row("alternatives", "Title VII, 42 U.S.C. 2000e-2(k)(1)(A)(ii); 29 CFR 1607.3(B)", Status(false, e.HasDesigns)),
        Row("adverseImpactRecords", "29 CFR 1607.4(A), 1607.15", Status(false, e.HasAttributes)),
    ];
}
