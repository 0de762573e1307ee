using Audit.Results;
using Audit.Yaml;

namespace Audit.Plan;

/// <summary>
/// Reads a jurisdiction file (datasets/jurisdictions/*.yaml, docs/recourse.md): the routes to contest a flag and
/// the decision that followed, each with its body, deadline, next step and legal basis; and checks that every
/// decision type the plan names has a route to contest the decision.
/// </summary>
public static class JurisdictionFile
{
    /// <summary>The languages a file may give its words in besides English, each under its own key ("fr": the same keys in French).</summary>
    private static readonly string[] Translated = ["fr"];
    private static readonly string[] TopKeys = ["id", "name", "source", "status", "notes", "mention", "decision_types", "routes", .. Translated];
    private static readonly string[] TopWordKeys = ["name", "source"];
    private static readonly string[] RouteWordKeys = ["name", "body", "deadline", "then", "legal_basis", "note"];
    private static readonly string[] TypeKeys = ["id", "name"];
    private static readonly string[] RouteKeys = ["id", "contests", "name", "body", "deadline", "then", "legal_basis", "source", "decision_types", "note", .. Translated];

    /// <summary>The routes of the jurisdiction a plan's <c>recourse</c> names, or null when it names none.</summary>
    public static LegalRoutes? RoutesOf(AuditPlan plan) =>
        plan.Recourse is { Jurisdiction: { } path } options
            ? Load(path, options.JurisdictionDisplay!, options.DecisionTypes, plan.PlanDisplay, plan.Positions.LineOf("recourse"))
            : null;

    public static LegalRoutes Load(string path, string display, IReadOnlyList<string>? decisionTypes, string? planFile = null, long? planLine = null)
    {
        var file = YamlDocument.Load(path, display, TopKeys);
        var types = file.OptionalList("decision_types").Select(v => v.AsMap(TypeKeys).RequiredString("id")).ToList();
        var routes = new List<LegalRoute>();
        foreach (var item in file.OptionalList("routes"))
        {
            var r = item.AsMap(RouteKeys);
            var applies = r.Has("decision_types") ? r.OptionalList("decision_types").Select(v => v.AsString()).ToArray() : [];
            foreach (var type in applies.Where(t => !types.Contains(t)))
            {
                throw r.Error("decision_types", $"the decision type '{type}' is not declared under 'decision_types'", expected: "one of " + string.Join(", ", types), found: type);
            }
            routes.Add(new LegalRoute(
                r.RequiredString("id"),
                r.OptionalChoice("contests", "flag", "decision") ?? throw r.Error("contests", "the key 'contests' is required", expected: "flag or decision"),
                r.RequiredString("name"),
                r.RequiredString("body"),
                r.OptionalString("deadline"),
                r.OptionalString("then"),
                r.RequiredString("legal_basis", hint: "every route cites the text that opens it"),
                r.OptionalString("source"),
                applies,
                r.OptionalString("note")) { Translations = RouteWords(r) });
        }
        if (routes.Count == 0)
        {
            throw file.Error("routes", "the file lists no route to contest", expected: "a list of routes");
        }
        var wanted = decisionTypes ?? types;
        foreach (var type in wanted.Where(t => !types.Contains(t)))
        {
            throw new AuditInputException($"the jurisdiction file {display} has no decision type '{type}'", file: planFile, line: planLine, keyPath: "recourse.decision_types",
                expected: "one of " + string.Join(", ", types), found: type);
        }
        var missing = wanted.Where(t => !routes.Any(r => r.Contests == "decision" && (r.DecisionTypes.Count == 0 || r.DecisionTypes.Contains(t)))).ToArray();
        var kept = routes.Where(r => r.DecisionTypes.Count == 0 || r.DecisionTypes.Any(wanted.Contains)).ToArray();
        return new LegalRoutes(file.OptionalString("id") ?? Path.GetFileNameWithoutExtension(path), file.RequiredString("name"), file.OptionalString("source"),
            file.OptionalString("mention"), kept, missing) { Translations = FileWords(file) };
    }

    private static Dictionary<string, LegalRouteWords>? RouteWords(YamlMap route)
    {
        var words = new Dictionary<string, LegalRouteWords>(StringComparer.Ordinal);
        foreach (var language in Translated)
        {
            if (route.OptionalMap(language, RouteWordKeys) is { } w)
            {
                words[language] = new LegalRouteWords(w.RequiredString("name"), w.RequiredString("body"), w.OptionalString("deadline"), w.OptionalString("then"),
                    w.RequiredString("legal_basis"), w.OptionalString("note"));
            }
        }
        return words.Count > 0 ? words : null;
    }

    private static Dictionary<string, LegalRoutesWords>? FileWords(YamlMap file)
    {
        var words = new Dictionary<string, LegalRoutesWords>(StringComparer.Ordinal);
        foreach (var language in Translated)
        {
            if (file.OptionalMap(language, TopWordKeys) is { } w)
            {
                words[language] = new LegalRoutesWords(w.RequiredString("name"), w.OptionalString("source"));
            }
        }
        return words.Count > 0 ? words : null;
    }
}
