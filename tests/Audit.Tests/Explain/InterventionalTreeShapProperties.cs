using Audit.Explain;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Audit.Tests.Explain;

/// <summary>Interventional TreeSHAP equals brute-force Shapley values on random ensembles, rows and backgrounds.</summary>
public sealed class InterventionalTreeShapProperties
{
    private const double Tolerance = 1e-9;

    /// <summary>
    /// One to three random trees of depth at most 4 over 2 to 7 features (a feature may recur on a path, a tree may
    /// be a single leaf), thresholds on the grid the values come from (so ties go left), 10 % missing values in the
    /// rows and the background: every contribution and the baseline agree with brute force, and the contributions
    /// add up.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property EqualsBruteForceOnRandomTrees(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var features = random.Next(2, 8);
        var trees = Enumerable.Range(0, random.Next(1, 4)).Select(_ => TestEnsembles.RandomTree(random, features, random.Next(1, 5))).ToArray();
        var ensemble = new TestEnsemble([.. Enumerable.Range(0, features).Select(j => $"f{j}")], trees, Bias: random.NextDouble() - 0.5);
        var background = TestEnsembles.Rows(random, random.Next(1, 8), features, missing: 0.1);
        var shap = new InterventionalTreeShap(ensemble, background);

        var agree = true;
        for (var r = 0; r < 3; r++)
        {
            var row = TestEnsembles.Row(random, features, missing: 0.1);
            var fast = shap.Explain(row);
            var exact = ShapleyBruteForce.Explain(ensemble.Margin, row, background);
            agree &= Math.Abs(fast.Baseline - exact.Baseline) <= Tolerance
                && fast.Contributions.Zip(exact.Contributions).All(p => Math.Abs(p.First - p.Second) <= Tolerance)
                && fast.AdditivityError <= Tolerance;
        }
        return agree.ToProperty();
    }
}
