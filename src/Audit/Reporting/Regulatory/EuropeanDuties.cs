using static Audit.Reporting.Regulatory.RegulatoryMapping;

namespace Audit.Reporting.Regulatory;

/// <summary>
/// The duties of the European contexts: French welfare (CRPA, GDPR, AI Act, Loi 2008-496; docs/legal/fr-welfare.md) and
/// EU platform work (Directive (EU) 2024/2831, chapter III, with the GDPR and AI Act; docs/legal/eu-platform-work.md).
/// </summary>
internal static class EuropeanDuties
{
    /// <summary>A public body's algorithmic individual decisions on benefits (the CAF's control selection).</summary>
    public static IReadOnlyList<DutyEvidence> FrenchWelfare(AuditEvidence e) =>
    [
        Row("mention", "CRPA L311-3-1, R311-3-1-1; LIL art. 47", EvidenceStatus.NotEvidenced),
        Row("contribution", "CRPA R311-3-1-2 1°", Status(e.HumanDecisions && e.DecisionFollowing, true)),
        Row("dataSources", "CRPA R311-3-1-2 2°; GDPR art. 15", Status(false, e.HasModelInputs || e.HasColumns)),
        Row("weights", "CRPA R311-3-1-2 3°; Cons. const. 2018-765 DC", Status(false, e.HasExplanations)),
        Row("operations", "CRPA R311-3-1-2 4°", EvidenceStatus.Partly),
        Row("meaningfulLogic", "GDPR art. 15(1)(h); CJEU C-203/22", Status(false, e.HasExplanations || e.HasRecourse)),
        Row("aiRole", "AI Act art. 86", Status(false, e.HasExplanations)),
        Row("publication", "CRPA L312-1-3", Status(false, e.ModelCitesSource)),
        Row("article22", "GDPR art. 22; CJEU C-634/21 (SCHUFA)", Status(false, e.HumanDecisions)),
        Row("oversight", "GDPR art. 22(3); AI Act art. 14, 26", Status(false, e.HumanDecisions)),
        Row("indirectDiscrimination", "Directive 2000/43/EC art. 2(2)(b); Loi 2008-496 art. 1", IndirectDiscrimination(e)),
        Significance("statistics", "CJEU C-127/92 (Enderby)", e),
        Row("persistence", "CJEU C-167/97 (Seymour-Smith)", Status(e.TimeSeries, e.Periods)),
        Row("errorBurden", "AI Act art. 10, 13", Status(e.HasLabel && e.HasIntervals, e.HasLabel)),
        Row("proxies", "AI Act art. 10(2)(f), 15(4)", Status(false, e.HasProxyAnalysis)),
        Row("withoutProtectedData", "AI Act art. 10(5); GDPR art. 9", EvidenceStatus.NotEvidenced),
        Row("minimisation", "GDPR art. 5(1)(c), 35(7)(b)", EvidenceStatus.Partly),
        Row("impactAssessments", "GDPR art. 35(7); AI Act art. 27(1)(a)-(f)", EvidenceStatus.Partly),
        Row("documentation", "AI Act art. 11-12, Annex IV; art. 26(6)", EvidenceStatus.Partly),
        Row("appeal", "CSS R142-1, L845-2; CASF L262-47; CCH L825-1; GDPR art. 77", Status(false, e.HasRecourse)),
        Row("socialScoring", "AI Act art. 5(1)(c)", EvidenceStatus.NotEvidenced),
        Row("aiActDates", "AI Act art. 111(2), 113", EvidenceStatus.NotEvidenced),
    ];

    /// <summary>A digital labour platform's automated monitoring and decision-making systems over the people who work through it.</summary>
    public static IReadOnlyList<DutyEvidence> PlatformWork(AuditEvidence e) =>
    [
        Row("pwInformation", "Directive (EU) 2024/2831 art. 9", Status(false, e.HasExplanations || e.HasModelInputs)),
        Row("pwDataLimits", "Directive (EU) 2024/2831 art. 7", Status(false, e.HasProxyAnalysis)),
        Row("pwImpactEvaluation", "Directive (EU) 2024/2831 art. 10(1)", Status(false, e.HasAttributes)),
        Row("pwHumanDecision", "Directive (EU) 2024/2831 art. 10(5)", Status(false, e.HumanDecisions)),
        Row("pwExplanation", "Directive (EU) 2024/2831 art. 11(1)", Status(false, e.HasExplanations || e.HasRecourse)),
        Row("pwReview", "Directive (EU) 2024/2831 art. 11(2)-(3)", Status(false, e.HasRecourse)),
        Row("pwDpia", "Directive (EU) 2024/2831 art. 8; GDPR art. 35", EvidenceStatus.Partly),
        Row("article22", "GDPR art. 22; CJEU C-634/21 (SCHUFA)", Status(false, e.HumanDecisions)),
        Row("meaningfulLogic", "GDPR art. 15(1)(h); CJEU C-203/22", Status(false, e.HasExplanations || e.HasRecourse)),
        Row("indirectDiscrimination", "Directive 2000/43/EC art. 2(2)(b); Directive 2006/54/EC art. 2(1)(b)", IndirectDiscrimination(e)),
        Significance("statistics", "CJEU C-127/92 (Enderby)", e),
        Row("errorBurden", "AI Act art. 10, 13; Annex III 4(b)", Status(e.HasLabel && e.HasIntervals, e.HasLabel)),
        Row("oversight", "AI Act art. 14, 26", Status(false, e.HumanDecisions)),
    ];

    private static EvidenceStatus IndirectDiscrimination(AuditEvidence e) => Status(e.HasAttributes && e.HasIntervals && e.HasIntersections, e.HasAttributes);
}
