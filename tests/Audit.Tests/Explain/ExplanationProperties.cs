using Audit.Explain;
using Audit.Fairness;
using Audit.Models;
using Audit.Synthetic;
using Audit.Tests.Models;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Audit.Tests.Explain;

/// <summary>Invariants of the explanations on random inputs: efficiency of KernelSHAP, the decomposition's exact sum.</summary>
public sealed class ExplanationProperties
{
    private static readonly LinearModel Caf = LinearModelSpec.Load(NamedPeople.Spec("caf-reconstructed.yaml"), "caf-reconstructed.yaml");

    /// <summary>
    /// Whatever the game and the sample, KernelSHAP's estimates add up to v(all) − v(∅) (the constraint is solved
    /// exactly), its standard errors are finite and non-negative, and the same seed gives the same estimates.
    /// (The unbiased estimator is not exact on an additive game: it uses the exact A = E[zzᵀ], not the sample's.)
    /// </summary>
    [Property(MaxTest = 200)]
    public Property KernelShapIsEfficientForAnyGameAndSample(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var features = random.Next(2, 10);
        var weights = Enumerable.Range(0, features).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var pairwise = random.NextDouble() * 2 - 1;
        double[] Game(IReadOnlyList<bool[]> coalitions) => coalitions
            .Select(s => Enumerable.Range(0, features).Sum(j => s[j] ? weights[j] : 0) + (s[0] && s[1] ? pairwise : 0) + Math.Sin(s.Count(b => b))).ToArray();
        var pairs = random.Next(2, 40);
        var estimate = KernelShap.Estimate(features, Game, pairs, seed.Get);
        var again = KernelShap.Estimate(features, Game, pairs, seed.Get);
        var efficient = estimate.Attribution.AdditivityError < 1e-9 && estimate.StandardErrors.All(se => se >= 0 && double.IsFinite(se));
        return (efficient && estimate.Attribution.Contributions.SequenceEqual(again.Attribution.Contributions)).ToProperty();
    }

    /// <summary>On random populations and groupings, the parts of each group's gap add up to the gap (additive model: exactly).</summary>
    [Property(MaxTest = 25)]
    public Property DecompositionPartsAddUpToTheGap(PositiveInt seed)
    {
        var table = CafLikeHouseholds.Generate(300, seed.Get);
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        var set = LocalExplainer.For(Caf, table, new ExplanationOptions { BackgroundRows = 30, Seed = seed.Get }).Explain(rows);
        var random = new Random(seed.Get);
        var groups = new GroupAssignment("random", rows.Select(_ => random.Next(3)).ToArray(), ["a", "b", "c"]);
        var parts = DisparityDecomposition.Decompose(set, rows, groups, "a", [], replicates: 5, confidence: 0.9, minCellSize: 1, seed: seed.Get);
        return parts.All(d => Math.Abs(d.Gap.Value!.Value - d.Parts.Sum(p => p.Difference.Value!.Value)) < 1e-12 && d.Residual < 1e-12).ToProperty();
    }
}
