using Audit.Data;
using Audit.Designs;
using Audit.Plan;
using Audit.Models;
using Audit.Policy;

namespace Audit.Tests.Designs;

/// <summary>The adjusted-disparity design withholds what the fairness section hides, and states what weights forbid.</summary>
public sealed class AdjustedDisclosureTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>
    /// ProPublica's COMPAS regression with min_cell_size 35: the fairness section hides Native American (18 rows) and
    /// Asian (32), so the regression publishes neither their coefficients nor their odds ratios, nor their strata.
    /// </summary>
    [Fact]
    public void GroupsTheFairnessSectionHidesGetNoOddsRatioOrCoefficient()
    {
        var source = Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "compas-propublica-adjusted.yaml");
        var plan = folder.Write("plan.yaml", File.ReadAllText(source) + "\nmin_cell_size: 35\n");
        var result = Auditor.Run(AuditPlanLoader.Load(plan, SharedData.PathOf("datasets/compas-scores-two-years.csv")), "test");
        var adjusted = result.Designs!.Adjusted!;
        var hidden = result.Fairness.Attributes.SelectMany(a => a.Groups)
            .Where(g => g.Count.Suppressed == true || (g.Rates.TryGetValue("truePositiveRate", out var tpr) && tpr.Suppressed == true))
            .Select(g => (g.Group.Parts[0].Key, g.Group.Parts[0].Value)).ToHashSet();
        Assert.Contains(("race", "Native American"), hidden);
        Assert.Contains(("race", "Asian"), hidden);
        foreach (var (attribute, group) in hidden)
        {
            Assert.DoesNotContain(adjusted.Coefficients, c => c.Name == attribute + "=" + group);
            Assert.All(adjusted.ProtectedEffects.Where(e => e.Attribute == attribute && e.Group == group), e => Assert.True(e.OddsRatio.Suppressed == true && e.TimesAsLikely.Value is null));
            Assert.All(adjusted.Stratified.Where(s => s.Attribute == attribute && s.Group == group), s => Assert.True(s.PooledOddsRatio.Suppressed == true));
        }
        // The shown groups keep their published odds ratios.
        Assert.Equal(1.61, Math.Round(adjusted.ProtectedEffects.Single(e => e.Group == "African-American").OddsRatio.Value!.Value, 2));
    }

    /// <summary>With sampling weights, Mantel-Haenszel prints the pooled odds ratio only, and says why.</summary>
    [Fact]
    public void MantelHaenszelWithSamplingWeightsHasNoTestOrInterval()
    {
        var random = new Random(3);
        const int n = 400;
        var g = Enumerable.Range(0, n).Select(i => (string?)(i % 2 == 0 ? "A" : "B")).ToArray();
        var s = Enumerable.Range(0, n).Select(i => (string?)(i % 4 < 2 ? "x" : "y")).ToArray();
        var score = Enumerable.Range(0, n).Select(i => random.NextDouble() + (g[i] == "B" ? 0.3 : 0)).ToArray();
        var table = new Table([CategoricalColumn.FromValues("g", g), CategoricalColumn.FromValues("s", s), new NumericColumn("score", score)]);
        var input = DesignInputs.For(table, new ScoresInData("score", AdverseTail.High), new ThresholdPolicy(0.8), ("g", (IReadOnlyList<double>?)null, (string?)"A"));
        var adjustedPlan = new AdjustedPlan([], [new ColumnRef("s", 1, "designs.adjusted.strata")], null, []);
        var unweighted = AdjustedDisparity.Run(input, adjustedPlan).Stratified.Single();
        Assert.NotNull(unweighted.PooledOddsRatio.Ci);
        Assert.Null(unweighted.Note);
        var weights = Enumerable.Range(0, n).Select(i => 1 + random.NextDouble()).ToArray();
        var weighted = AdjustedDisparity.Run(input with { Weights = weights }, adjustedPlan).Stratified.Single();
        Assert.NotNull(weighted.PooledOddsRatio.Value);
        Assert.Null(weighted.PooledOddsRatio.Ci);
        Assert.Null(weighted.PooledOddsRatio.P);
        Assert.Null(weighted.CmhChiSquare);
        Assert.Equal(AdjustedDisparity.SamplingWeightsNote, weighted.Note);
        // Rows, not weights.
        Assert.Equal(n / 2, weighted.PooledOddsRatio.N);
    }
}
