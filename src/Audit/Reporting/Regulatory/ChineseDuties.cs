using static Audit.Reporting.Regulatory.RegulatoryMapping;

namespace Audit.Reporting.Regulatory;

/// <summary>
/// The duties of the Chinese contexts: a social-credit points scheme run by a local government (PIPL; what is and is
/// not law: docs/legal/cn-social-credit.md) and an internet service's credit score such as Sesame (PIPL and the 2022
/// algorithmic-recommendation provisions; docs/legal/cn-credit.md).
/// </summary>
internal static class ChineseDuties
{
    private const string Provisions = "互联网信息服务算法推荐管理规定 (2022)";

    /// <summary>Points and grades given to residents by a city's credit scheme (Rongcheng).</summary>
    public static IReadOnlyList<DutyEvidence> SocialCredit(AuditEvidence e) =>
    [
        .. Pipl(e),
        Row("piplStateOrgans", "PIPL art. 33-35", EvidenceStatus.NotEvidenced),
    ];

    /// <summary>An internet platform's credit score of its users (Sesame).</summary>
    public static IReadOnlyList<DutyEvidence> InternetCredit(AuditEvidence e) =>
    [
        .. Pipl(e),
        Row("algoPrinciples", Provisions + " art. 16", Status(false, e.ModelCitesSource || e.HasExplanations)),
        Row("algoExplanation", Provisions + " art. 17", Status(false, e.HasExplanations)),
        Row("algoDifferential", Provisions + " art. 21", Status(false, e.HasAttributes)),
    ];

    /// <summary>PIPL art. 24 on automated decision-making and art. 55-56 on the impact assessment, for every Chinese context.</summary>
    private static IReadOnlyList<DutyEvidence> Pipl(AuditEvidence e) =>
    [
        Row("piplFairness", "PIPL art. 24(1)", Status(false, e.HasAttributes)),
        Row("piplExplanation", "PIPL art. 24(3)", Status(false, e.HasExplanations)),
        Row("piplRefusal", "PIPL art. 24(3)", Status(false, e.HumanDecisions)),
        Row("piplImpactAssessment", "PIPL art. 55-56", EvidenceStatus.Partly),
    ];
}
