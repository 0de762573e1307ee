using Audit.Plan;
using Audit.Results;
using Audit.Synthetic;

namespace Audit.Tests.Reporting;

/// <summary>Audit results the report tests render: the demo (labelled, with scores, bands and no intersections by default) computed once per run.</summary>
public static class ReportSamples
{
    private static readonly Lazy<AuditResult> DemoResult = new(() =>
    {
        using var dir = new TempDirectory();
        var plan = DemoPopulation.WriteFiles(dir.Path, 3000, DemoPopulation.DefaultSeed);
        var loaded = AuditPlanLoader.Load(plan);
        // Two intersections so the intersection section and its tables are exercised too.
        loaded = loaded with { Intersections = [["sexe", "aah"], ["age", "situation"]] };
        return Auditor.Run(loaded, "audit demo --rows 3000");
    });

    public static AuditResult Demo => DemoResult.Value;

    /// <summary>The demo's recourse audit under the French CAF routes (the demo plan does not ask for recourse itself).</summary>
    private static readonly Lazy<RecourseSection> RecourseSample = new(() =>
    {
        using var dir = new TempDirectory();
        var plan = DemoPopulation.WriteFiles(dir.Path, 3000, DemoPopulation.DefaultSeed);
        File.Copy(Path.Combine(SharedData.RepositoryRoot, "datasets", "jurisdictions", "fr-caf.yaml"), dir.File("fr-caf.yaml"));
        File.AppendAllText(plan, "recourse:\n  jurisdiction: fr-caf.yaml\n  decision_types: [family_benefits]\n");
        return Auditor.Run(AuditPlanLoader.Load(plan), "audit demo --rows 3000").Recourse
            ?? throw new InvalidOperationException("the plan asks for recourse");
    });

    /// <summary>The demo with every optional section present, and data roles that let more duties be partly evidenced.</summary>
    public static AuditResult DemoWithEverySection => Demo with
    {
        Population = new PopulationSection(new FileHash("datasets/populations/caf-france.yaml", new string('a', 64)), "caf-france", "household",
            3000, 1, "counter-based hash of (seed, row, variable)", ["sexe", "age"], "indu", LabelIsSynthetic: true, new HouseholdColumns("adults", "children")),
        Explanations = Demo.Explanations ?? throw new InvalidOperationException("the demo audit explains its additive model"),
        Recourse = RecourseSample.Value,
        Designs = new DesignsSection(),
        Data = Demo.Data with
        {
            Columns = Demo.Data.Columns.Concat([new ColumnSummary("agent_decision", "binary", ["human_decision"], 0), new ColumnSummary("month", "text", ["period"], 0)]).ToArray(),
        },
    };

    /// <summary>The demo without label, intervals or tests: the weakest evidence the mapping must still describe.</summary>
    public static AuditResult DemoWithoutLabelOrInference => Demo with
    {
        Data = Demo.Data with { Label = null },
        Fairness = Demo.Fairness with
        {
            Overall = Demo.Fairness.Overall with { Rates = Demo.Fairness.Overall.Rates.Where(r => r.Key == "selectionRate").ToDictionary() },
            Attributes = Demo.Fairness.Attributes.Select(a => a with
            {
                Groups = a.Groups.Select(g => g with
                {
                    FlagRateRatio = g.FlagRateRatio with { Ci = null },
                    FlagRateDifference = g.FlagRateDifference with { P = null, PAdjusted = null, Ci = null },
                    Rates = g.Rates.Where(r => r.Key == "selectionRate").ToDictionary(),
                }).ToArray(),
            }).ToArray(),
            Intersections = [],
        },
    };
}
