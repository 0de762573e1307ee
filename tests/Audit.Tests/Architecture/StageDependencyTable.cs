namespace Audit.Tests.Architecture;

/// <summary>
/// The allowed dependencies between the toolkit's stages, in one place (docs/architecture.md shows the same table,
/// and ArchitectureDocumentTests checks that the two agree). A stage is the second part of a namespace
/// (Audit.Fairness.Bootstrap belongs to Fairness; Audit.Models.Onnx and Audit.Models.MLNet to Models); the root
/// namespace Audit (Auditor, Showcase) is the stage "Audit".
/// <para>
/// The order is the pipeline of ARCHITECTURE.md, left to right: Data ← Synthetic, Models ← Policy ← Fairness ←
/// Explain, Recourse, Designs. A stage may use the stages to its left, never one to its right nor one beside it.
/// Results is the record tree every stage fills, so every stage may use it and it uses none. Yaml is the bounded YAML
/// reader (it reads files as Data does, through Data's text encodings): only Synthetic and Models (which read their
/// own spec formats) and Plan may use it. Plan reads the plan into
/// records for every stage; Pipeline feeds each stage the same way (the decided population and the stage context, one
/// step per stage) and so may use every stage; Reporting reads Results only; the root (Auditor) drives everything but the command line;
/// the local workbench (Audit.Web, <c>audit serve</c>) is a second front end beside the command line: it may use what the
/// command line may use, and only the command line uses it; Sql (<c>audit sql</c>) writes a plan's counts query and,
/// like the command line, may read a plan's data through the root, and only the command line uses it; the command line
/// may use everything and nothing uses it.
/// </para>
/// </summary>
public static class StageDependencyTable
{
    public const string Root = "Audit";

    /// <summary>Each stage and the stages it may use (besides itself).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["Results"] = [],
        ["Yaml"] = ["Data"],
        ["Data"] = ["Results"],
        ["Synthetic"] = ["Data", "Yaml", "Results"],
        ["Models"] = ["Data", "Yaml", "Results"],
        ["Policy"] = ["Data", "Models", "Results"],
        ["Fairness"] = ["Data", "Models", "Policy", "Results"],
        ["Explain"] = ["Data", "Synthetic", "Models", "Policy", "Fairness", "Results"],
        ["Recourse"] = ["Data", "Synthetic", "Models", "Policy", "Fairness", "Results"],
        ["Designs"] = ["Data", "Synthetic", "Models", "Policy", "Fairness", "Results"],
        ["Pipeline"] = ["Data", "Synthetic", "Models", "Policy", "Fairness", "Explain", "Recourse", "Designs", "Results"],
        ["Plan"] = ["Yaml", "Data", "Synthetic", "Models", "Policy", "Fairness", "Explain", "Recourse", "Designs", "Results"],
        ["Reporting"] = ["Results"],
        [Root] = ["Yaml", "Data", "Synthetic", "Models", "Policy", "Fairness", "Explain", "Recourse", "Designs", "Plan", "Pipeline", "Results", "Reporting"],
        ["Sql"] = ["Data", "Synthetic", "Models", "Policy", "Fairness", "Designs", "Plan", "Results", Root],
        ["Web"] = ["Yaml", "Data", "Synthetic", "Models", "Policy", "Fairness", "Explain", "Recourse", "Designs", "Plan", "Pipeline", "Results", "Reporting", Root],
        ["Cli"] = ["Yaml", "Data", "Synthetic", "Models", "Policy", "Fairness", "Explain", "Recourse", "Designs", "Plan", "Pipeline", "Results", "Reporting", Root, "Sql", "Web"],
    };

    /// <summary>The stages of the pipeline proper (each fills a section of the result from its inputs).</summary>
    public static readonly string[] PipelineStages = ["Data", "Synthetic", "Models", "Policy", "Fairness", "Explain", "Recourse", "Designs"];

    /// <summary>
    /// Types of the root namespace that every stage may use: the one error type for people (STYLE.md, "Errors are for
    /// people"), the "did you mean" suggestion its hints carry, and the real path of a file with its symbolic links
    /// resolved (the plan reader confines inputs to the granted root with it and the report folder refuses to write
    /// into an input's folder with it: one resolution, so that the two checks cannot disagree on where a link leads;
    /// infrastructure of no stage, it uses only System.IO). Each is a leaf (it uses no other toolkit type; <see cref="DependencyRuleTests"/> checks), so using one
    /// ties no stage to the Auditor and closes no cycle.
    /// </summary>
    public static readonly string[] SharedRootTypes = ["Audit.AuditInputException", "Audit.NameSuggestion", "Audit.RealPath"];

    /// <summary>"Audit.Fairness.Bootstrap.BinomialSampler" → "Fairness"; "Audit.Auditor" → "Audit".</summary>
    public static string StageOf(string typeName)
    {
        var ns = TypeDependency.NamespaceOf(typeName);
        var parts = ns.Split('.');
        return parts.Length < 2 ? Root : parts[1];
    }

    /// <summary>Whether the table allows this dependency (always true inside one stage).</summary>
    public static bool Allows(TypeDependency dependency)
    {
        var from = StageOf(dependency.From);
        var to = StageOf(dependency.To);
        if (from == to || SharedRootTypes.Contains(dependency.To))
        {
            return true;
        }
        if (!Allowed.TryGetValue(from, out var allowed))
        {
            throw new InvalidOperationException($"The stage {from} (type {dependency.From}) is not in the table of allowed dependencies: add its row.");
        }
        return allowed.Contains(to);
    }
}
