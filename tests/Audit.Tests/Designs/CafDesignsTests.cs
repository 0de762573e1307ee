using Audit.Tests.Cli;
using Audit.Data;
using Audit.Plan;
using Audit.Results;

namespace Audit.Tests.Designs;

/// <summary>
/// The capacity sweep, the attribute-flip test and the drop-one comparison through a plan, on models/caf-reconstructed.yaml
/// and a synthetic population of 4,000 households.
/// </summary>
public sealed class CafDesignsTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static readonly string CafSpec = Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml");

    /// <summary>The single-parent weight of the shipped spec (calibrated by the synthetic-population work; read, not assumed).</summary>
    private static double ParentWeight() =>
        Audit.Models.LinearModelSpec.Load(CafSpec, "caf-reconstructed.yaml").Terms.Single(t => t.Feature == "parent_isole").Weight.Value!.Value;

    internal static string Plan(string dataFile, string spec, string policy, string designs) => $"""
        name: caf-designs
        # The spec is the repository's, named by absolute path: 'root' allows it explicitly.
        root: /
        data: {"{"} path: {dataFile} {"}"}
        roles: {"{"} id: id, label: indu {"}"}
        model: {"{"} spec: "{spec.Replace("\\", "/")}" {"}"}
        policy: {policy}
        protected_attributes:
          - {"{"} column: sexe, reference: M {"}"}
          - {"{"} column: parent_isole, reference: "false" {"}"}
          - {"{"} column: nationalite, reference: FR {"}"}
        intersections: none
        inference: {"{"} bootstrap: 0 {"}"}
        designs:
        {designs}
        """;

    internal AuditResult Run(string policy, string designs, string spec, int rows = 4000, int seed = 7)
    {
        CsvTableWriter.Write(CafTestPopulation.Generate(rows, seed), dir.File("people.csv"));
        var plan = TrustedPlans.Load(dir.Write("plan.yaml", Plan("people.csv", spec, policy, designs)));
        return Auditor.Run(plan, "test");
    }

    /// <summary>
    /// The acceptance: the attribute-flip test on the reconstructed CAF model reports the flag-rate change for single
    /// parents. With the cut-off held fixed, setting parent_isole to false lowers single parents' flag rate and leaves
    /// everyone else's exactly as it was; setting it to true does the reverse.
    /// </summary>
    [Fact]
    public void FlipReportsTheFlagRateChangeForSingleParents()
    {
        var result = Run("{ threshold: 0.2 }", "  flip: [parent_isole]", CafSpec);
        var flip = result.Designs!.Flips!.Single();
        Assert.Equal("parent_isole", flip.Column);
        Assert.Equal(result.Policy.Cutoff, flip.Cutoff);
        var asFalse = flip.Scenarios.Single(s => s.Value == "false");
        var asTrue = flip.Scenarios.Single(s => s.Value == "true");
        var singleParents = asFalse.Groups.Single(g => g.Group == "true");
        var others = asFalse.Groups.Single(g => g.Group == "false");

        // Observed: the fairness section's flag rate of single parents (a threshold policy: the fixed cut-off is the threshold).
        var observed = result.Fairness.Attributes.Single(a => a.Attribute == "parent_isole").Groups.Single(g => g.Group.Label == "true").Rates["selectionRate"].Value;
        Assert.Equal(observed!.Value, singleParents.ObservedFlagRate.Value!.Value, 1e-12);
        Assert.True(singleParents.FlippedFlagRate.Value < singleParents.ObservedFlagRate.Value);
        // Independent check: without the term (weight w in log-odds, read from the spec) a single parent is flagged when
        // logistic(η − w) ≥ 0.2, that is when the observed score is at least logistic(logit(0.2) + w).
        var w = ParentWeight();
        var shifted = 1 / (1 + Math.Exp(-(Math.Log(0.2 / 0.8) + w)));
        var check = Run($"{{ threshold: {shifted.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} }}", "  capacity: false", CafSpec);
        var expected = check.Fairness.Attributes.Single(a => a.Attribute == "parent_isole").Groups.Single(g => g.Group.Label == "true").Rates["selectionRate"].Value;
        Assert.Equal(expected!.Value, singleParents.FlippedFlagRate.Value!.Value, 1e-12);
        // In log-odds the change is exactly the term's weight; on the probability scale it is negative for everyone flipped.
        Assert.True(singleParents.MeanScoreChange.Value < 0);
        Assert.Equal(others.ObservedFlagRate.Value, others.FlippedFlagRate.Value);
        Assert.Equal(0.0, others.MeanScoreChange.Value);
        Assert.True(asFalse.FlagRateChange.Value < 0 && asTrue.FlagRateChange.Value > 0);
        var othersAsTrue = asTrue.Groups.Single(g => g.Group == "false");
        Assert.True(othersAsTrue.FlippedFlagRate.Value > othersAsTrue.ObservedFlagRate.Value);
    }

    /// <summary>
    /// The acceptance: dropping each variable in turn lists the variables whose removal changes a four-fifths verdict.
    /// Checked against an independent route: the plain fairness audit of the spec with parent_isole's weight set to 0 must
    /// give the same four-fifths verdict for every group as the drop-one variant "without parent_isole".
    /// </summary>
    [Fact]
    public void DropOneListsTheVariablesWhoseRemovalChangesAFourFifthsVerdict()
    {
        var result = Run("{ top_fraction: 0.3 }", "  drop_one: true", CafSpec);
        var variants = result.Designs!.DropOne!;
        Assert.Equal(10, variants.Count); // one per feature of the spec
        foreach (var v in variants)
        {
            // A fixed budget: everyone who enters the flagged set pushes someone out.
            Assert.Equal(v.NewlyFlagged, v.NoLongerFlagged);
            Assert.Equal(v.NewlyFlagged, v.SideChanges.Where(s => s.Attribute == "sexe").Sum(s => s.NewlyFlagged));
        }
        var changing = variants.Where(v => v.VerdictChanges.Count > 0).Select(v => v.Name).ToArray();
        Assert.Contains("without parent_isole", changing);
        Assert.DoesNotContain("without taux_effort_logement", changing);

        var withoutParent = variants.Single(v => v.Name == "without parent_isole");
        var weightText = "weight: { value: " + ParentWeight().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + ",";
        var zeroed = File.ReadAllText(CafSpec).Replace(weightText, "weight: { value: 0,", StringComparison.Ordinal);
        Assert.NotEqual(File.ReadAllText(CafSpec), zeroed);
        var zeroedSpec = dir.Write("caf-no-parent.yaml", zeroed);
        var plain = Run("{ top_fraction: 0.3 }", "  capacity: false", zeroedSpec);
        foreach (var attribute in plain.Fairness.Attributes)
        {
            foreach (var g in attribute.Groups)
            {
                var variantGroup = withoutParent.Groups.Single(x => x.Attribute == attribute.Attribute && x.Group == g.Group.Label);
                Assert.Equal(g.AdverseImpact, variantGroup.AdverseImpact);
                Assert.Equal(g.FourFifthsRatio.Value!.Value, variantGroup.FourFifths.Value!.Value, 1e-12);
            }
        }
        foreach (var change in withoutParent.VerdictChanges)
        {
            var baseline = result.Fairness.Attributes.Single(a => a.Attribute == change.Attribute).Groups.Single(g => g.Group.Label == change.Group);
            Assert.Equal(baseline.AdverseImpact, change.AdverseBefore);
        }
    }

    /// <summary>The capacity sweep flags floor(fraction × n) rows at each cut-off and says when a finding holds at some cut-offs only.</summary>
    [Fact]
    public void CapacitySweepReportsEveryCutOffAndHowRobustEachFindingIs()
    {
        var result = Run("{ top_fraction: 0.1 }", "  capacity: { fractions: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2], budgets: [300] }", CafSpec);
        var sweep = result.Designs!.Capacity!;
        Assert.Equal([0.005, 0.01, 0.02, 0.05, 0.075, 0.1, 0.2], sweep.Points.Select(p => p.Fraction));
        Assert.Equal([20L, 40, 80, 200, 300, 400, 800], sweep.Points.Select(p => p.Flagged));
        // At the plan's own cut-off (10 %) the sweep agrees with the fairness section.
        var atTen = sweep.Points.Single(p => p.Fraction == 0.1).Groups.Single(g => g.Attribute == "sexe" && g.Group == "F");
        var fairness = result.Fairness.Attributes.Single(a => a.Attribute == "sexe").Groups.Single(g => g.Group.Label == "F");
        Assert.Equal(fairness.Rates["selectionRate"].Value, atTen.FlagRate.Value);
        Assert.Equal(fairness.FlagRateRatio.Value!.Value, atTen.Ratio.Value!.Value, 1e-12);
        Assert.Equal(fairness.FlagRateRatio.Ci, atTen.Ratio.Ci);
        // Single parents: adverse impact only at the larger budgets (not at 0.5 % or 1 %, where even 100 % of the
        // flagged being single parents leaves 95 % of them unflagged), listed exactly where the points say so.
        var single = sweep.Findings.Single(f => f.Attribute == "parent_isole" && f.Group == "true");
        var expected = sweep.Points.Where(p => p.Groups.Single(g => g.Attribute == "parent_isole" && g.Group == "true").AdverseImpact == true).Select(p => p.Fraction).ToArray();
        Assert.Equal(expected, single.AdverseImpactAt);
        Assert.NotEmpty(expected);
        Assert.DoesNotContain(0.005, expected);
        Assert.Contains(0.2, expected);
        Assert.Contains($"four-fifths adverse impact at {expected.Length} of 7 cut-offs ({string.Join(", ", expected.Select(f => (f * 100).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " %"))})", Audit.Reporting.Text.DesignText.Capacity(single, sweep.Points.Count, Audit.Reporting.Text.ReportLanguage.English));
        foreach (var f in sweep.Findings)
        {
            Assert.Equal(f.SignificantlyMoreAt.Count == 7 ? "every cut-off" : f.SignificantlyMoreAt.Count == 1 ? "one cut-off only" : f.SignificantlyMoreAt.Count == 0 ? "none" : "some cut-offs", f.Robustness);
        }
    }

    private static readonly string SignsOnlySpec = Path.Combine(SharedData.RepositoryRoot, "models", "caf-signs-only.yaml");

    /// <summary>
    /// The acceptance: a sign-only CAF spec produces findings as ranges, and the report lists which hold for every sampled
    /// model. Every sampled model keeps the published signs, so being a single parent always raises the score: single
    /// parents are flagged more often than other households under every one of them.
    /// </summary>
    [Fact]
    public void SignOnlySpecGivesFindingsAsRangesAndTheConclusionsThatHoldForEveryModel()
    {
        var result = Run("{ top_fraction: 0.2 }", "  partial_model: { samples: 60 }", SignsOnlySpec);
        var partial = result.Designs!.PartialModel!;
        Assert.Equal(60, partial.Samples);
        // Intercept, 2 income bins, 3 family situations, 5 boolean weights, 4 activities, rent share, 2 interactions.
        Assert.Equal(18, partial.SampledCoefficients.Count);
        Assert.Contains("parent_isole: + (value unknown)", partial.SampledCoefficients);
        Assert.Contains(result.Designs.Caveats, c => c.Code == "partial-model");
        Assert.Contains("central model", result.Model.Name);

        var single = partial.Findings.Single(f => f.Attribute == "parent_isole" && f.Group == "true");
        Assert.True(single.RatioMin < single.RatioMedian && single.RatioMedian < single.RatioMax, "a range, not a point");
        Assert.True(single.RatioMin > 1);
        Assert.True(single.MoreOftenInEvery);
        Assert.Contains(partial.HoldForEveryModel, s => s.StartsWith("parent_isole = true is flagged significantly more often than parent_isole = false, at least ", StringComparison.Ordinal)
            && s.EndsWith("times as often, under every one of the 60 sampled models.", StringComparison.Ordinal));
        // Conclusions listed are exactly the findings that hold in every sample.
        Assert.Equal(partial.Findings.Count(f => f.MoreOftenInEvery) + partial.Findings.Count(f => f.AdverseImpactInEvery), partial.HoldForEveryModel.Count);
        foreach (var f in partial.Findings)
        {
            Assert.True(f.RatioMin <= f.RatioMedian && f.RatioMedian <= f.RatioMax);
            Assert.Equal(f.AdverseImpactInEvery, f.AdverseImpactShare == 1);
        }

        // The same seed gives the same ranges; the fully known spec, sampled, gives a single point.
        var again = Run("{ top_fraction: 0.2 }", "  partial_model: { samples: 60 }", SignsOnlySpec).Designs!.PartialModel!;
        Assert.Equal(single, again.Findings.Single(f => f.Attribute == "parent_isole" && f.Group == "true"));
        var known = Run("{ top_fraction: 0.2 }", "  partial_model: { samples: 5 }", CafSpec);
        var point = known.Designs!.PartialModel!.Findings.Single(f => f.Attribute == "parent_isole" && f.Group == "true");
        Assert.Equal(point.RatioMin, point.RatioMax);
        Assert.Empty(known.Designs.PartialModel.SampledCoefficients);
        var fairness = known.Fairness.Attributes.Single(a => a.Attribute == "parent_isole").Groups.Single(g => g.Group.Label == "true");
        Assert.Equal(fairness.FlagRateRatio.Value!.Value, point.RatioMin, 1e-12);
    }

    /// <summary>Every design at once, through the plan, the JSON and the Markdown report: deterministic, and each design has its section.</summary>
    [Fact]
    public void EveryDesignRendersAndTheJsonIsDeterministic()
    {
        dir.Write("other.yaml", File.ReadAllText(CafSpec).Replace("weight: { value: 0.60,", "weight: { value: 0,", StringComparison.Ordinal));
        var designs = $"""
              adjusted: {"{"} controls: [revenu, {"{"} column: activite, reference: emploi_stable {"}"}], strata: [activite] {"}"}
              selective_labels: {"{"} investigated: controle, random_sample: aleatoire {"}"}
              capacity: {"{"} fractions: [0.05, 0.1, 0.2] {"}"}
              flip: [parent_isole, {"{"} column: sexe, values: [F, M] {"}"}]
              drop_one: true
              compare: {"{"} spec: other.yaml {"}"}
              partial_model: {"{"} samples: 20 {"}"}
              time: {"{"} period: mois {"}"}
              decision_following: {"{"} human_decision: decision_finale {"}"}
              subgroups: {"{"} features: [revenu, activite, taux_effort_logement, quartier_defavorise] {"}"}
              proxy: {"{"} name: born outside the EU, proxy_column: zone, probabilities: {"{"} hors_UE: p_hors_ue, autre: p_autre {"}"}, reference: autre, replicates: 50 {"}"}
            """;
        var first = Run("{ top_fraction: 0.1 }", designs, SignsOnlySpec);
        var second = Run("{ top_fraction: 0.1 }", designs, SignsOnlySpec);
        Assert.Equal(AuditResultJson.Serialize(first), AuditResultJson.Serialize(second));
        var d = first.Designs!;
        Assert.NotNull(d.Adjusted);
        Assert.Equal("random-sample", d.SelectiveLabels!.Method);
        Assert.Equal(3, d.Capacity!.Points.Count);
        Assert.Equal(2, d.Flips!.Count);
        Assert.Equal(10, d.DropOne!.Count);
        Assert.NotNull(d.Compare);
        Assert.Equal(20, d.PartialModel!.Samples);
        Assert.Equal(6, d.Time!.Periods.Count);
        Assert.NotNull(d.DecisionFollowing);
        Assert.Equal(2, d.Subgroups!.Subgroups.Count);
        Assert.Equal(["hors_UE", "autre"], d.Proxy!.Groups.Select(g => g.Group));
        var roles = first.Data.Columns.ToDictionary(c => c.Name, c => c.Roles);
        Assert.Contains("investigated", roles["controle"]);
        Assert.Contains("random_sample", roles["aleatoire"]);
        Assert.Contains("period", roles["mois"]);
        Assert.Contains("human_decision", roles["decision_finale"]);

        var md = Audit.Reporting.MarkdownReport.Render(first);
        foreach (var title in new[] { "## Audit designs", "### Adjusted disparity", "### Selective labels", "### Capacity sweep", "### Attribute flip: parent\\_isole",
            "### Attribute flip: sexe", "### One variable dropped at a time", "### Model comparison", "### Partially published model", "### Over time", "### Does the final decision follow the score?", "### Subgroups found without protected attributes", "### born outside the EU, inferred from `zone`" })
        {
            Assert.Contains(title, md);
        }
        Assert.True(md.IndexOf("## Audit designs", StringComparison.Ordinal) < md.IndexOf("## Caveats", StringComparison.Ordinal));
    }
}
