using System.Reflection;
using MlRegressionTree = Microsoft.ML.Trainers.FastTree.RegressionTree;
using MlRegressionTreeBase = Microsoft.ML.Trainers.FastTree.RegressionTreeBase;
using MlTreeEnsemble = Microsoft.ML.Trainers.FastTree.RegressionTreeEnsemble;

namespace Audit.Models.MLNet;

/// <summary>
/// Converts the trees of an ML.NET FastTree or LightGBM model into Audit's <see cref="RegressionTree"/> arrays,
/// reproducing how ML.NET evaluates them (its <c>InternalRegressionTree.GetLeaf</c>): node i sends a row to its
/// left child when the feature's single-precision value is ≤ the threshold; a child c &lt; 0 is leaf ~c (the same
/// encoding as Audit's); a tree that was never split outputs 0; the ensemble's output is the plain sum of the trees.
/// </summary>
internal static class MlNetTreeConversion
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>
    /// ML.NET keeps, per node, the value that replaces a missing (NaN) input (<c>DefaultValueForMissing</c>, set when
    /// converting a LightGBM tree whose nodes learned a direction for missing values) on its internal tree type only;
    /// the public <see cref="MlRegressionTree"/> does not expose it. It decides where a missing value goes, so it is
    /// read by reflection; when it cannot be read the trees are not claimed, since the direction would be a guess.
    /// </summary>
    private static readonly FieldInfo? InternalTreeField = typeof(MlRegressionTreeBase).GetField("_tree", Instance);

    /// <summary>
    /// The ensemble's trees with each leaf multiplied by <paramref name="scale"/>, or null when they cannot be
    /// represented exactly: a categorical split, tree weights or a bias that ML.NET's evaluation does not apply
    /// (it sums the leaves and ignores both), or a missing-value rule that cannot be read.
    /// </summary>
    /// <param name="slotFeature">For each slot of the model's feature vector, the index of its feature in the tree features.</param>
    public static RegressionTree[]? Convert(MlTreeEnsemble ensemble, IReadOnlyList<int> slotFeature, double scale)
    {
        if (ensemble.Bias != 0 || ensemble.TreeWeights.Any(w => w != 1))
        {
            return null;
        }
        var trees = new RegressionTree[ensemble.Trees.Count];
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = Convert(ensemble.Trees[t], slotFeature, scale);
            if (tree is null)
            {
                return null;
            }
            trees[t] = tree;
        }
        return trees;
    }

    private static RegressionTree? Convert(MlRegressionTree tree, IReadOnlyList<int> slotFeature, double scale)
    {
        // ML.NET returns 0 for a tree whose root was never split (its first left child is still 0).
        if (tree.NumberOfNodes == 0 || tree.LeftChild[0] == 0)
        {
            return new RegressionTree([], [], [], [], [], [0.0]);
        }
        if (tree.CategoricalSplitFlags.Any(c => c) || !TryReadMissingValues(tree, out var missingValues))
        {
            return null;
        }
        var nodes = tree.NumberOfNodes;
        var splitFeature = new int[nodes];
        var threshold = new double[nodes];
        var left = new int[nodes];
        var right = new int[nodes];
        var missingGoesLeft = new bool[nodes];
        for (var i = 0; i < nodes; i++)
        {
            var slot = tree.NumericalSplitFeatureIndexes[i];
            if (slot < 0 || slot >= slotFeature.Count)
            {
                return null;
            }
            var t = tree.NumericalSplitThresholds[i];
            splitFeature[i] = slotFeature[slot];
            threshold[i] = SinglePrecision.LargestDoubleAtMost(t);
            left[i] = tree.LeftChild[i];
            right[i] = tree.RightChild[i];
            // NaN ≤ t is false, so without a replacement value a missing input goes right.
            missingGoesLeft[i] = missingValues is not null && missingValues[i] <= t;
        }
        var leaves = new double[tree.NumberOfLeaves];
        for (var l = 0; l < leaves.Length; l++)
        {
            leaves[l] = tree.LeafValues[l] * scale;
        }
        return new RegressionTree(splitFeature, threshold, left, right, missingGoesLeft, leaves);
    }

    /// <summary>The per-node replacement of a missing value, or null when the tree has none (ML.NET drops an all-zero array).</summary>
    private static bool TryReadMissingValues(MlRegressionTree tree, out float[]? values)
    {
        values = null;
        var internalTree = InternalTreeField?.GetValue(tree);
        var field = internalTree?.GetType().GetField("DefaultValueForMissing", Instance);
        if (field is null || field.FieldType != typeof(float[]))
        {
            return false;
        }
        values = (float[]?)field.GetValue(internalTree);
        return values is null || values.Length >= tree.NumberOfNodes;
    }
}
