using Audit.Models;

namespace Audit.Tests.Explain;

/// <summary>A tree ensemble given by its arrays, as a model loader would expose it.</summary>
public sealed record TestEnsemble(IReadOnlyList<string> TreeFeatures, IReadOnlyList<RegressionTree> Trees, double Bias, string Link = "logistic")
    : ITreeEnsemble
{
    /// <summary>The raw margin, straight from <see cref="RegressionTree.Evaluate"/>: the function brute force explains.</summary>
    public double Margin(double[] row) => Bias + Trees.Sum(tree => tree.Evaluate(row));
}

/// <summary>Ensembles and rows for the explanation tests.</summary>
public static class TestEnsembles
{
    private static readonly string[] SixFeatures = ["income", "age", "months", "children", "rent", "region"];

    /// <summary>
    /// Three trees over 6 features written out by hand (leaf c is <c>~c</c>). Tree A splits on feature 0 twice on one
    /// path (0.5 then 0.2 or 0.8); tree B on features 2, 3, 4, with feature 4 twice; tree C on features 1 and 3.
    /// Feature 5 ("region") is never split on. Missing values go left or right, node by node.
    /// </summary>
    public static TestEnsemble HandMade() => new(SixFeatures, [
        new RegressionTree(
            SplitFeature: [0, 1, 2, 0, 0],
            Threshold: [0.5, 0.3, 0.6, 0.2, 0.8],
            Left: [1, 3, ~1, ~2, ~4],
            Right: [2, ~0, 4, ~3, ~5],
            MissingGoesLeft: [true, false, true, false, true],
            LeafValue: [1.0, -0.5, 2.0, 0.25, -1.5, 0.75]),
        new RegressionTree(
            SplitFeature: [3, 4, 2, 4],
            Threshold: [0.4, 0.7, 0.5, 0.1],
            Left: [1, ~0, 3, ~3],
            Right: [2, ~1, ~2, ~4],
            MissingGoesLeft: [false, true, true, false],
            LeafValue: [0.3, -0.8, 1.2, -0.1, 0.6]),
        new RegressionTree(
            SplitFeature: [1, 3],
            Threshold: [0.7, 0.2],
            Left: [~0, ~1],
            Right: [1, ~2],
            MissingGoesLeft: [true, false],
            LeafValue: [-0.2, 0.9, 0.4]),
    ], Bias: -0.7);

    /// <summary>
    /// Features 0 and 1 enter symmetrically: tree A's output is a function of how many of them exceed 0.5, tree B's
    /// of how many exceed 0.3, but A splits on 0 first and B on 1 first. Tree C uses feature 2.
    /// </summary>
    public static TestEnsemble Symmetric() => new(["a", "b", "c"], [
        new RegressionTree(
            SplitFeature: [0, 1, 1],
            Threshold: [0.5, 0.5, 0.5],
            Left: [1, ~0, ~2],
            Right: [2, ~1, ~3],
            MissingGoesLeft: [true, true, true],
            LeafValue: [-1.0, 0.5, 0.5, 3.0]),
        new RegressionTree(
            SplitFeature: [1, 0, 0],
            Threshold: [0.3, 0.3, 0.3],
            Left: [1, ~0, ~2],
            Right: [2, ~1, ~3],
            MissingGoesLeft: [false, false, false],
            LeafValue: [0.2, -0.4, -0.4, 1.1]),
        new RegressionTree(
            SplitFeature: [2],
            Threshold: [0.6],
            Left: [~0],
            Right: [~1],
            MissingGoesLeft: [true],
            LeafValue: [-0.3, 0.8]),
    ], Bias: 0.1);

    /// <summary>
    /// A random tree over <paramref name="features"/> features, at most <paramref name="maxDepth"/> levels of splits
    /// (some branches stop early, and a tree may be a single leaf), thresholds on the grid of tenths so that values
    /// from <see cref="Row"/> fall on them, random leaf values and missing-value directions.
    /// </summary>
    public static RegressionTree RandomTree(Random random, int features, int maxDepth)
    {
        var split = new List<int>();
        var threshold = new List<double>();
        var left = new List<int>();
        var right = new List<int>();
        var missingLeft = new List<bool>();
        var leaves = new List<double>();

        int Grow(int depth)
        {
            if (depth == maxDepth || random.NextDouble() < 0.2)
            {
                leaves.Add(Math.Round(random.NextDouble() * 4 - 2, 3));
                return ~(leaves.Count - 1);
            }
            var node = split.Count;
            split.Add(random.Next(features));
            threshold.Add(random.Next(1, 10) / 10.0);
            missingLeft.Add(random.Next(2) == 0);
            left.Add(0);
            right.Add(0);
            left[node] = Grow(depth + 1);
            right[node] = Grow(depth + 1);
            return node;
        }

        Grow(0);
        return new RegressionTree([.. split], [.. threshold], [.. left], [.. right], [.. missingLeft], [.. leaves]);
    }

    /// <summary>A row of values on the grid of tenths in [0, 1], each missing (NaN) with the given probability.</summary>
    public static double[] Row(Random random, int features, double missing = 0) =>
        [.. Enumerable.Range(0, features).Select(_ => random.NextDouble() < missing ? double.NaN : random.Next(11) / 10.0)];

    public static double[][] Rows(Random random, int count, int features, double missing = 0) =>
        [.. Enumerable.Range(0, count).Select(_ => Row(random, features, missing))];
}
