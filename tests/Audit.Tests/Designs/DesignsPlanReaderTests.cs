using Audit.Designs;
using Audit.Plan;

namespace Audit.Tests.Designs;

/// <summary>The plan's <c>designs:</c> key: what it reads, and errors that name the key path, the line and a fix.</summary>
public sealed class DesignsPlanReaderTests : IDisposable
{
    private const string Head = """
        data: { path: people.csv }
        model: { score_column: score, adverse: high }
        policy: { top_fraction: 0.1 }
        protected_attributes: [sexe]

        """;

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private AuditPlan Load(string designs) => AuditPlanLoader.Load(dir.Write("plan.yaml", Head + designs));

    private AuditInputException Fails(string designs) => Assert.Throws<AuditInputException>(() => Load(designs));

    [Fact]
    public void ReadsEveryDesign()
    {
        var plan = Load("""
            designs:
              adjusted:
                controls: [priors, { column: degree, reference: F }, { column: band, factor: true }]
                strata: [degree]
                rows: [{ column: days, min: -30, max: 30 }, { column: degree, not_in: [O] }]
              selective_labels: { investigated: controle, random_sample: aleatoire, selection_probability: p }
              composition: { column: method, reference: [Random], selected: [High] }
              capacity: { fractions: [0.01, 0.2], budgets: [300] }
              flip: [parent_isole, { column: sexe, values: [F, M] }]
              drop_one: true
              compare: { spec: other.yaml }
              partial_model: { samples: 50, magnitude: 2 }
              time: { period: mois }
              decision_following: { human_decision: final }
              subgroups: { features: [revenu, activite], holdout: 0.3, min_share: 0.05, alpha: 0.05, bins: 5 }
              proxy: { name: origine, proxy_column: pays, probabilities: { FR: p_fr, autre: p_autre }, reference: FR }
            """).Designs!;
        Assert.Equal(["priors", "degree", "band"], plan.Adjusted!.Controls.Select(c => c.Ref.Name));
        Assert.Equal([false, true, true], plan.Adjusted.Controls.Select(c => c.AsFactor));
        Assert.Equal("F", plan.Adjusted.Controls[1].Reference);
        Assert.Equal(-30, plan.Adjusted.Rows[0].Min);
        Assert.Equal(["O"], plan.Adjusted.Rows[1].NotIn!);
        Assert.Equal("p", plan.SelectiveLabels!.SelectionProbability!.Name);
        Assert.Equal(["High"], plan.Composition!.Selected!);
        Assert.Equal([0.01, 0.2], plan.Capacity!.Fractions);
        Assert.Equal([300L], plan.Capacity.Budgets);
        Assert.Equal(["parent_isole", "sexe"], plan.Flips.Select(f => f.Column.Name));
        Assert.Null(plan.Flips[0].Values);
        Assert.True(plan.DropOne);
        Assert.Equal(Path.Combine(dir.Path, "other.yaml"), plan.Compare!.SpecPath);
        Assert.Equal(50, plan.PartialModel!.Samples);
        Assert.Equal(2, plan.PartialModel.Magnitude);
        Assert.Equal("mois", plan.Time!.Period.Name);
        Assert.Equal("final", plan.DecisionFollowing!.HumanDecision.Name);
        Assert.Equal(new SubgroupsPlan(plan.Subgroups!.Features, 0.3, 0.05, 0.05, 5), plan.Subgroups);
        Assert.Equal(["revenu", "activite"], plan.Subgroups.Features.Select(f => f.Name));
        Assert.Equal(["FR", "autre"], plan.Proxy!.Probabilities.Select(p => p.Group));
        Assert.Equal("p_autre", plan.Proxy.Probabilities[1].Column.Name);
        Assert.Equal("FR", plan.Proxy.Reference);
    }

    [Fact]
    public void ShortFormsTakeTheDefaults()
    {
        var plan = Load("designs: { capacity: true, partial_model: true }").Designs!;
        Assert.Equal(CapacityPlan.DefaultFractions, plan.Capacity!.Fractions);
        Assert.Equal(PartialModelPlan.DefaultSamples, plan.PartialModel!.Samples);
        Assert.Null(Load("name: x").Designs);
    }

    [Fact]
    public void AMisspeltDesignIsNamedWithTheClosestKey()
    {
        var e = Fails("designs:\n  capacty: true\n");
        Assert.Contains("capacity", e.Message + e.Hint);
        Assert.Equal(6, e.Line);
    }

    [Fact]
    public void BadValuesNameTheirKeyPath()
    {
        Assert.Equal("designs.capacity.fractions", Fails("designs: { capacity: { fractions: [0, 0.1] } }").KeyPath);
        Assert.Equal("designs.composition.selected", Fails("designs: { composition: { column: m, reference: [Random], selected: [Random] } }").KeyPath);
        Assert.Equal("designs.composition.reference", Fails("designs: { composition: { column: m } }").KeyPath);
        Assert.Equal("designs.partial_model.samples", Fails("designs: { partial_model: { samples: 1 } }").KeyPath);
        Assert.Equal("designs.subgroups.holdout", Fails("designs: { subgroups: { holdout: 1 } }").KeyPath);
        Assert.Equal("designs.proxy.reference", Fails("designs: { proxy: { proxy_column: z, probabilities: { a: pa, b: pb }, reference: c } }").KeyPath);
        Assert.Equal("designs.proxy.probabilities", Fails("designs: { proxy: { proxy_column: z, probabilities: { a: pa } } }").KeyPath);
        Assert.Equal("designs.adjusted", Fails("designs: { adjusted: { rows: [{ column: a, min: 1 }] } }").KeyPath);
        Assert.Contains("min, max, in or not_in", Fails("designs: { adjusted: { controls: [a], rows: [{ column: a }] } }").Message);
    }

    /// <summary>A column the data lacks stops the run before any design, naming the plan's line and the closest column.</summary>
    [Fact]
    public void AMissingColumnIsReportedWithThePlanLine()
    {
        File.WriteAllText(dir.File("people.csv"), "sexe,score,mois\nF,0.5,2024-01\nM,0.2,2024-02\n");
        var plan = Load("designs:\n  time: { period: moiss }\n");
        var e = Assert.Throws<AuditInputException>(() => Auditor.Run(plan, "test"));
        Assert.Contains("no column 'moiss'", e.Message);
        Assert.Contains("did you mean 'mois'", e.Message);
        Assert.Equal("designs.time.period", e.KeyPath);
        Assert.Equal(6, e.Line); // the plan's line 6: "  time: { period: moiss }"
    }
}
