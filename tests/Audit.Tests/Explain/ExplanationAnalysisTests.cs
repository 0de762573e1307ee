using Audit.Data;
using Audit.Explain;
using Audit.Fairness;
using Audit.Models;
using Audit.Results;
using Audit.Synthetic;
using Audit.Tests.Models;

namespace Audit.Tests.Explain;

/// <summary>Global importance, proxies, the disparity decomposition and reason codes, on hand-checkable cases.</summary>
public sealed class ExplanationAnalysisTests
{
    private static readonly LinearModel Caf = LinearModelSpec.Load(NamedPeople.Spec("caf-reconstructed.yaml"), "caf-reconstructed.yaml");

    [Fact]
    public void TheDecompositionAddsUpToTheGapExactlyForAnAdditiveModel()
    {
        var table = CafLikeHouseholds.Generate(4_000, seed: 11);
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        var set = LocalExplainer.For(Caf, table, new ExplanationOptions()).Explain(rows);
        var sexe = GroupAssignment.FromColumn(table["sexe"], null);
        var parts = DisparityDecomposition.Decompose(set, rows, sexe, "H", [], replicates: 200, confidence: 0.95, minCellSize: 10, seed: 1);
        var women = Assert.Single(parts);
        Assert.Equal("F", women.Group);

        // The gap is the difference of the groups' mean log-odds, computed here without any attribution.
        var eta = Caf.LinearPredictor(table);
        var codes = sexe.Codes;
        var f = Array.IndexOf(sexe.Levels, "F");
        var gap = rows.Where(i => codes[i] == f).Average(i => eta[i]) - rows.Where(i => codes[i] != f).Average(i => eta[i]);
        Assert.Equal(gap, women.Gap.Value!.Value, 12);
        Assert.Equal(women.Gap.Value!.Value, women.Parts.Sum(p => p.Difference.Value!.Value), 12);
        Assert.True(women.Residual < 1e-12);
        Assert.All(women.Parts.Append(new GapPart("gap", women.Gap)), p => Assert.InRange(p.Difference.Value!.Value, p.Difference.Ci![0], p.Difference.Ci![1]));
    }

    [Fact]
    public void ASingleParentsGapFromBeingASingleParentIsTheWeight()
    {
        // In closed form φ = w·(x − mean over the background), so the groups' difference is w·(1 − 0), w the spec's weight.
        var weight = Caf.Terms.Single(t => t.Feature == "parent_isole").Weight.Value!.Value;
        var table = CafLikeHouseholds.Generate(2_000, seed: 12);
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        var set = LocalExplainer.For(Caf, table, new ExplanationOptions()).Explain(rows);
        var parent = GroupAssignment.FromColumn(table["parent_isole"], null);
        var single = Assert.Single(DisparityDecomposition.Decompose(set, rows, parent, "false", [], 50, 0.95, 10, 1));
        Assert.Equal(weight, single.Parts.Single(p => p.Feature == "parent_isole").Difference.Value!.Value, 12);
    }

    [Fact]
    public void AGroupBelowTheMinimumSizeIsNotDecomposed()
    {
        var table = CafLikeHouseholds.Generate(300, seed: 13);
        var rows = Enumerable.Range(0, 300).ToArray();
        var set = LocalExplainer.For(Caf, table, new ExplanationOptions { BackgroundRows = 20 }).Explain(rows);
        var nationality = GroupAssignment.FromColumn(table["nationalite"], null);
        var parts = DisparityDecomposition.Decompose(set, rows, nationality, "francaise", [], 20, 0.95, minCellSize: 30, seed: 1);
        var counts = nationality.Levels.Select((_, k) => nationality.Codes.Count(c => c == k)).ToArray();
        Assert.Equal(Enumerable.Range(0, counts.Length).Count(k => nationality.Levels[k] != "francaise" && counts[k] >= 30), parts.Count);
    }

    [Fact]
    public void CramersVAndTheCorrelationRatioMatchHandComputations()
    {
        // 2×2 table [[30, 10], [10, 30]]: χ² = 4·(10²/20) = 20, n = 80, V = √(20/80) = 0.5.
        int[] x = [.. Enumerable.Repeat(0, 40), .. Enumerable.Repeat(1, 40)];
        int[] g = [.. Enumerable.Repeat(0, 30), .. Enumerable.Repeat(1, 10), .. Enumerable.Repeat(0, 10), .. Enumerable.Repeat(1, 30)];
        Assert.Equal(0.5, ProxyAnalysis.CramersV(x, 2, g, 2), 12);
        // MI of that table: 2·(30/80·log2(30·80/(40·40))) + 2·(10/80·log2(10·80/(40·40))).
        var mi = 2 * (30.0 / 80 * Math.Log2(1.5)) + 2 * (10.0 / 80 * Math.Log2(0.5));
        Assert.Equal(mi, ProxyAnalysis.MutualInformation(x, 2, g, 2), 12);
        // η of values {1, 2, 3} in group 0 and {5, 6, 7} in group 1: between 2·3·2² = 24, total 24 + 4 = 28.
        Assert.Equal(Math.Sqrt(24.0 / 28), ProxyAnalysis.CorrelationRatio([1, 2, 3, 5, 6, 7], [0, 0, 0, 1, 1, 1], 2), 12);
    }

    [Fact]
    public void AnInputThatIsTheAttributeIsAPerfectProxyAndNoiseIsNone()
    {
        var random = new Random(4);
        var n = 4_000;
        var group = Enumerable.Range(0, n).Select(_ => random.Next(2)).ToArray();
        var table = new Table([
            new CategoricalColumn("copy", group, ["a", "b"]),
            new NumericColumn("noise", Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray()),
            new CategoricalColumn("g", group, ["a", "b"]),
        ]);
        var rows = new FeatureRows(table, ["copy", "noise"]);
        var proxies = ProxyAnalysis.Analyze(rows, Enumerable.Range(0, n).ToArray(), [GroupAssignment.FromColumn(table["g"], null)]);
        var copy = proxies.Single(p => p.Feature == "copy");
        var noise = proxies.Single(p => p.Feature == "noise");
        Assert.Equal(1, copy.Association, 12);
        Assert.Equal(1, copy.BalancedAccuracy, 12);
        Assert.Equal(1, copy.MutualInformation, 2);
        Assert.Equal("correlation_ratio", noise.Measure);
        Assert.True(noise.Association < 0.05);
        Assert.InRange(noise.BalancedAccuracy, 0.45, 0.55);
        Assert.Equal(0.5, noise.ChanceLevel);
    }

    [Fact]
    public void ReasonCodesAreTheInputsPushingTowardsTheAdverseTail()
    {
        var attribution = new Attribution(0, [0.3, -0.5, 0.1, 0.9, 0.2, 0.05], 1.05);
        string[] names = ["a", "b", "c", "d", "e", "f"];
        var high = ReasonCodes.For(attribution, names, AdverseTail.High, 4);
        Assert.Equal(["d", "a", "e", "c"], high.Select(r => r.Feature));
        Assert.Equal([1, 2, 3, 4], high.Select(r => r.Rank));
        // When a low score is adverse, only the input that lowers it is a reason.
        var low = ReasonCodes.For(attribution, names, AdverseTail.Low, 4);
        Assert.Equal("b", Assert.Single(low).Feature);
        Assert.Equal(0.5, low[0].Push);
    }

    [Fact]
    public void OnAScaledScoreWhereLowIsAdverseTheReasonIsTheInputThatLowersTheScore()
    {
        // Sesame-style: log-odds of default η, score = offset − factor·η, low scores adverse. A person with a very poor
        // credit history (weight −0.035 per point of a 0-100 index) has a large positive φ in log-odds: it lowers the
        // score, so it is the reason, although φ and the score move in opposite directions.
        var model = LinearModelSpec.Load(NamedPeople.Spec("sesame-style-350-950.yaml"), "sesame-style-350-950.yaml");
        string[] names = ["credit_history", "ability_to_pay", "behaviour_preferences", "identity_traits", "social_relationships"];
        var random = new Random(9);
        var columns = names.Select(n => Enumerable.Range(0, 300).Select(_ => Math.Round(random.NextDouble() * 100)).ToArray()).ToArray();
        columns[0][0] = 5;
        for (var f = 1; f < names.Length; f++)
        {
            columns[f][0] = 90;
        }
        var table = new Table(names.Select((n, f) => (Column)new NumericColumn(n, columns[f])));
        var explainer = LocalExplainer.For(model, table, new ExplanationOptions { BackgroundRows = 100 });
        Assert.Equal(-1, explainer.ScoreOrientation());
        var reasons = ReasonCodes.For(explainer.Explain(0), explainer.Features, model.Adverse, 4, explainer.ScoreOrientation());
        Assert.Equal("credit_history", Assert.Single(reasons).Feature);
    }

    [Fact]
    public void AScorecardsReasonsArePointsBelowTheMostFavourable()
    {
        // Points, low adverse: level x gives 0, y 10, z 20; b gives 5 when true. Almost everybody has x, so against
        // the average person x costs little; against the best points anyone gets (z: 20) it costs 20, the first reason.
        var model = LinearModelSpec.Parse("""
            name: card
            kind: linear
            adverse: low
            intercept: 50
            features:
              - { name: a, type: categorical, weights: { x: 0, y: 10, z: 20 } }
              - { name: b, type: boolean, weight: 5 }
            """, "card.yaml");
        var n = 200;
        var table = new Table([
            new CategoricalColumn("a", Enumerable.Range(0, n).Select(i => i < 195 ? 0 : i < 198 ? 1 : 2).ToArray(), ["x", "y", "z"]),
            new BooleanColumn("b", Enumerable.Range(0, n).Select(i => (byte)(i % 2)).ToArray()),
        ]);
        var scores = model.Score(table);
        var policy = new Audit.Policy.TopFractionPolicy(0.5);
        var outcome = policy.Decide(scores, model.Adverse);
        var person = PersonExplanations.Build("0", model, table, 0, scores, null, policy, outcome, new ExplanationOptions { BackgroundRows = 200 });
        Assert.Equal(ReasonCodes.PointsMethodDescription, person.ReasonCodeMethod);
        Assert.Equal(["a", "b"], person.ReasonCodes.Select(r => r.Feature));
        Assert.Equal([20.0, 5.0], person.ReasonCodes.Select(r => r.Push));
        // Against the average person, a would weigh 0 − mean points (0.3 + 0.4 = 0.55) only.
        var a = ReasonCodes.For(LocalExplainer.For(model, table, new ExplanationOptions { BackgroundRows = 200 }).Explain(0), ["a", "b"], model.Adverse, 4);
        Assert.Equal(["b", "a"], a.Select(r => r.Feature));
    }

    [Fact]
    public void AnInputTheModelIgnoresHasNoImportance()
    {
        var model = LinearModelSpec.Parse("""
            name: t
            kind: linear
            adverse: high
            intercept: 0
            features:
              - { name: a, type: numeric, weight: 2 }
              - { name: b, type: numeric, weight: 0 }
            """, "t.yaml");
        var random = new Random(5);
        var table = new Table([
            new NumericColumn("a", Enumerable.Range(0, 500).Select(_ => random.NextDouble()).ToArray()),
            new NumericColumn("b", Enumerable.Range(0, 500).Select(_ => random.NextDouble()).ToArray()),
        ]);
        var rows = new FeatureRows(table, ["a", "b"]);
        var sample = Enumerable.Range(0, 500).ToArray();
        var (importance, se) = GlobalExplanation.PermutationImportance(model, rows, sample, 5, 1);
        Assert.Equal(0, importance[1]);
        Assert.Equal(0, se[1]);
        // Shuffling a uniform input with weight 2: E|2(U − U')| = 2/3.
        Assert.InRange(importance[0], 0.6, 0.73);
        Assert.True(se[0] > 0);
        var pd = GlobalExplanation.Dependence(model, rows, 0, sample, 10);
        // PD of a linear term is linear in the grid value: slope 2.
        var grid = pd.Grid.Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(2 * (grid[^1] - grid[0]), pd.PartialDependence[^1] - pd.PartialDependence[0], 9);
        // ICE is published only as percentiles over all scored rows, never as one person's curve.
        Assert.NotNull(pd.Ice);
        Assert.Equal(500, pd.Ice.Rows);
        for (var g = 0; g < grid.Length; g++)
        {
            // b has weight 0: every individual curve is 2·grid, so all percentiles equal the PD.
            Assert.Equal(pd.PartialDependence[g], pd.Ice.P10[g], 9);
            Assert.Equal(pd.PartialDependence[g], pd.Ice.P90[g], 9);
        }
        // Fewer scored rows than the minimum cell size: no ICE at all.
        Assert.Null(GlobalExplanation.Dependence(model, rows, 0, [0, 1, 2], 10).Ice);
    }

    [Fact]
    public void IcePercentilesInterpolateBetweenOrderStatistics()
    {
        Assert.Equal(1.9, GlobalExplanation.Percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.09), 9);
        Assert.Equal(6, GlobalExplanation.Percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.5), 9);
        Assert.True(double.IsNaN(GlobalExplanation.Percentile([], 0.5)));
    }
}
