using Audit.Explain;
using Audit.Models;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Audit.Tests.Explain;

/// <summary>
/// Path-dependent TreeSHAP equals the Shapley values of the conditional-on-the-path game computed by brute force:
/// <c>v(S) = Σ_trees E[tree | x_S]</c>, where a split on a feature outside S averages its children by cover.
/// </summary>
public sealed class PathDependentTreeShapTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void OneSplitByHand()
    {
        // A stump on feature 0 with leaves 1 (30 rows) and 4 (10 rows): E = (30 + 40)/40 = 1.75; x goes right: φ₀ = 4 − 1.75.
        var tree = new RegressionTree([0], [0.5], [~0], [~1], [true], [1.0, 4.0], NodeCover: [40], LeafCover: [30, 10]);
        var shap = new PathDependentTreeShap(new TestEnsemble(["a", "b"], [tree], Bias: 0.5));
        var a = shap.Explain([0.9, 0.1]);
        Assert.Equal(0.5 + 1.75, a.Baseline, 12);
        Assert.Equal(2.25, a.Contributions[0], 12);
        Assert.Equal(0, a.Contributions[1]);
        Assert.Equal(4.5, a.Value, 12);
    }

    [Property(MaxTest = 300)]
    public Property EqualsBruteForceOnRandomTreesWithCovers(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var features = random.Next(2, 7);
        var trees = Enumerable.Range(0, random.Next(1, 4)).Select(_ => WithCovers(TestEnsembles.RandomTree(random, features, random.Next(1, 5)), random)).ToArray();
        var ensemble = new TestEnsemble([.. Enumerable.Range(0, features).Select(j => $"f{j}")], trees, Bias: random.NextDouble() - 0.5);
        var shap = new PathDependentTreeShap(ensemble);
        var agree = true;
        for (var r = 0; r < 3; r++)
        {
            var row = TestEnsembles.Row(random, features, missing: 0.1);
            var fast = shap.Explain(row);
            var game = new double[1 << features];
            for (var s = 0; s < game.Length; s++)
            {
                game[s] = ensemble.Bias + trees.Sum(t => Conditional(t, row, s, 0));
            }
            var exact = ShapleyBruteForce.FromGame(game, features);
            agree &= Math.Abs(fast.Baseline - game[0]) <= Tolerance
                && Math.Abs(fast.Value - game[^1]) <= Tolerance
                && fast.Contributions.Zip(exact).All(p => Math.Abs(p.First - p.Second) <= Tolerance)
                && fast.AdditivityError <= Tolerance;
        }
        return agree.ToProperty();
    }

    [Fact]
    public void TheEntryPointUsesItWhenAskedAndCoversAreKnown()
    {
        var random = new Random(3);
        var trees = Enumerable.Range(0, 3).Select(_ => WithCovers(TestEnsembles.RandomTree(random, 3, 3), random)).ToArray();
        var model = new TreeModel(new TestEnsemble(["f0", "f1", "f2"], trees, Bias: 0.1, Link: "identity"));
        var table = new Audit.Data.Table(Enumerable.Range(0, 3).Select(f => (Audit.Data.Column)new Audit.Data.NumericColumn($"f{f}",
            Enumerable.Range(0, 50).Select(_ => random.NextDouble()).ToArray())));
        var explainer = LocalExplainer.For(model, table, new ExplanationOptions { Method = "path" });
        Assert.Contains("path-dependent", explainer.Method);
        var set = explainer.Explain(Enumerable.Range(0, 50).ToArray());
        Assert.True(set.MaxAdditivityError < 1e-9);
        // Without covers the method is refused.
        var bare = new TreeModel(new TestEnsemble(["f0", "f1", "f2"], [TestEnsembles.RandomTree(random, 3, 2)], Bias: 0));
        Assert.Throws<AuditInputException>(() => LocalExplainer.For(bare, table, new ExplanationOptions { Method = "path" }));
    }

    /// <summary>E[tree | x_S]: a split on a feature in S follows x; otherwise the children averaged by cover.</summary>
    private static double Conditional(RegressionTree tree, double[] x, int coalition, int node)
    {
        if (tree.SplitFeature.Length == 0)
        {
            return tree.LeafValue[0];
        }
        if (node < 0)
        {
            return tree.LeafValue[~node];
        }
        var f = tree.SplitFeature[node];
        if ((coalition & (1 << f)) != 0)
        {
            var left = double.IsNaN(x[f]) ? tree.MissingGoesLeft[node] : x[f] <= tree.Threshold[node];
            return Conditional(tree, x, coalition, left ? tree.Left[node] : tree.Right[node]);
        }
        double Cover(int c) => c < 0 ? tree.LeafCover![~c] : tree.NodeCover![c];
        var l = tree.Left[node];
        var r = tree.Right[node];
        return (Cover(l) * Conditional(tree, x, coalition, l) + Cover(r) * Conditional(tree, x, coalition, r)) / tree.NodeCover![node];
    }

    /// <summary>Random leaf covers (1 to 50 rows), node covers the sums of their children's.</summary>
    private static RegressionTree WithCovers(RegressionTree tree, Random random)
    {
        var leaves = tree.LeafValue.Select(_ => (double)random.Next(1, 51)).ToArray();
        var nodes = new double[tree.SplitFeature.Length];
        double Cover(int c) => c < 0 ? leaves[~c] : nodes[c] = Cover(tree.Left[c]) + Cover(tree.Right[c]);
        if (nodes.Length > 0)
        {
            Cover(0);
        }
        return tree with { NodeCover = nodes, LeafCover = leaves };
    }

    /// <summary>A scoring model with only the tree capability, scoring by its margin.</summary>
    private sealed class TreeModel(TestEnsemble ensemble) : IScoringModel, ITreeEnsemble
    {
        public string Name => "trees";
        public string Kind => "test";
        public AdverseTail Adverse => AdverseTail.High;
        public IReadOnlyList<FeatureSpec> Features => ensemble.TreeFeatures.Select(n => new FeatureSpec(n, Audit.Data.ColumnType.Numeric)).ToArray();
        public IReadOnlyList<string> TreeFeatures => ensemble.TreeFeatures;
        public IReadOnlyList<RegressionTree> Trees => ensemble.Trees;
        public double Bias => ensemble.Bias;
        public string Link => ensemble.Link;

        public double[] Score(Audit.Data.Table table, Action<long, long>? progress = null)
        {
            var columns = TreeFeatures.Select(n => (Audit.Data.NumericColumn)table[n]).ToArray();
            return Enumerable.Range(0, table.RowCount).Select(i => ensemble.Margin(columns.Select(c => c[i]).ToArray())).ToArray();
        }
    }
}
