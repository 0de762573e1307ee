using Audit.Results;
using Audit.Yaml;

namespace Audit.Plan;

/// <summary>
/// Reads the plan's <c>legal:</c> key, the legal context of the audit: <c>legal: { jurisdiction: fr, domain: welfare }</c>
/// (docs/audit-plan.md, docs/legal/README.md). Absent, or <c>jurisdiction: none</c>, means no legal context: the report
/// then makes no legal claim. Not to be confused with <c>recourse.jurisdiction</c>, the file of routes to contest.
/// </summary>
public static class LegalPlanReader
{
    private static readonly string[] Keys = ["jurisdiction", "domain"];

    public static LegalContext? Read(YamlMap plan)
    {
        var map = plan.OptionalMap("legal", Keys);
        if (map is null)
        {
            return null;
        }
        var place = map.OptionalString("jurisdiction");
        if (place is not null && (place.Contains('.') || place.Contains('/')))
        {
            throw map.Error("jurisdiction", "a file name where a code is expected", expected: "one of " + string.Join(", ", LegalContext.Jurisdictions) + ", none", found: place,
                hint: "legal.jurisdiction names the law (fr, eu, us, cn); a file of routes to contest goes under recourse.jurisdiction");
        }
        var jurisdiction = map.OptionalChoice("jurisdiction", [.. LegalContext.Jurisdictions, "none"])
            ?? throw map.Error("jurisdiction", "missing", expected: "one of " + string.Join(", ", LegalContext.Jurisdictions) + ", none",
                hint: "write legal: { jurisdiction: fr, domain: welfare }, or leave 'legal' out for no legal claims");
        if (jurisdiction == "none")
        {
            if (map.Has("domain"))
            {
                throw map.Error("domain", "a domain without a jurisdiction", hint: "with jurisdiction: none the report makes no legal claim; remove 'domain' or name the jurisdiction");
            }
            return null;
        }
        var domain = map.OptionalChoice("domain", [.. LegalContext.Domains])
            ?? throw map.Error("domain", "missing", expected: "one of " + string.Join(", ", LegalContext.Domains));
        var context = new LegalContext(jurisdiction, domain);
        if (!LegalContext.Supported.Contains(context))
        {
            var here = LegalContext.Supported.Where(c => c.Jurisdiction == jurisdiction).Select(c => c.Domain).ToArray();
            throw map.Error("domain", $"no legal mapping for {jurisdiction} × {domain}",
                expected: here.Length > 0 ? $"for {jurisdiction}: " + string.Join(", ", here) : null, found: domain,
                hint: "the supported contexts are " + string.Join("; ", LegalContext.Supported.Select(c => $"{c.Jurisdiction} {c.Domain}"))
                    + " (docs/legal/README.md); leave 'legal' out for no legal claims");
        }
        return context;
    }
}
