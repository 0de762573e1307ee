using Audit.Results;

namespace Audit.Reporting.Regulatory;

/// <summary>
/// Which impact-assessment templates a legal context calls for. The fundamental-rights impact assessment of AI Act
/// art. 27 binds deployers that are public bodies or provide public services, and those scoring credit or pricing
/// life and health insurance (Annex III 5(b)-(c)): of the supported contexts, French welfare. The data-protection impact
/// assessment of GDPR art. 35 applies to profiling in every EU context; Directive (EU) 2024/2831 art. 8 requires one of
/// digital labour platforms. Outside the EU neither applies (PIPL's own assessment, art. 55-56, is another instrument).
/// </summary>
public static class LegalTemplates
{
    /// <summary>Whether the report pre-fills the FRIA (AI Act art. 27(1)(a)-(f)).</summary>
    public static bool Fria(LegalContext? legal) => legal is { Jurisdiction: "fr", Domain: "welfare" };

    /// <summary>Whether the report pre-fills the fairness annex of a DPIA (GDPR art. 35(7)).</summary>
    public static bool Dpia(LegalContext? legal) => legal is { Jurisdiction: "fr" or "eu" };
}
