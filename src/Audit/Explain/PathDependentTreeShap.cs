using Audit.Models;

namespace Audit.Explain;

/// <summary>
/// Exact path-dependent ("tree_path_dependent") Shapley values of a tree ensemble's raw margin, for ensembles whose
/// node covers (training rows through each node) are known: the game is <c>v(S) = Σ_trees E[tree | x_S]</c>, where a
/// node splitting on a feature outside S sends the row down both children, weighted by their covers (Lundberg, Erion
/// and Lee 2018, "Consistent Individualized Feature Attribution for Tree Ensembles", arXiv:1802.03888, Algorithm 2;
/// the same recursion as SHAP's <c>tree_shap_recursive</c>). No background sample is needed: the covers stand for the
/// training data. The baseline is <c>Bias + Σ_trees Σ_leaves value·cover/root cover</c>.
/// </summary>
/// <remarks>
/// The game conditions on the path rather than intervening, so an input the trees never split on still gets 0, but
/// the values differ from the interventional ones when inputs are correlated (docs/explanations.md). Cost per row
/// <c>O(T·L·D²)</c>. Missing values go where <see cref="RegressionTree.MissingGoesLeft"/> sends them.
/// </remarks>
public sealed class PathDependentTreeShap
{
    private readonly RegressionTree[] trees;
    private readonly int featureCount;
    private readonly int maxDepth;

    public PathDependentTreeShap(ITreeEnsemble ensemble)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        trees = [.. ensemble.Trees];
        featureCount = ensemble.TreeFeatures.Count;
        if (!HasCovers(ensemble))
        {
            throw new ArgumentException("Path-dependent TreeSHAP needs every node's and leaf's cover.", nameof(ensemble));
        }
        var baseline = ensemble.Bias;
        foreach (var tree in trees)
        {
            var root = tree.SplitFeature.Length == 0 ? tree.LeafCover![0] : tree.NodeCover![0];
            for (var leaf = 0; leaf < tree.LeafValue.Length; leaf++)
            {
                baseline += root > 0 ? tree.LeafValue[leaf] * tree.LeafCover![leaf] / root : 0;
            }
            maxDepth = Math.Max(maxDepth, Depth(tree, 0));
        }
        Baseline = baseline;
        Bias = ensemble.Bias;
    }

    /// <summary>v(∅): the cover-weighted mean output.</summary>
    public double Baseline { get; }

    private double Bias { get; }

    /// <summary>Whether the ensemble gives the covers this method needs.</summary>
    public static bool HasCovers(ITreeEnsemble ensemble) => ensemble.Trees.All(t =>
        t.LeafCover is { } leaves && leaves.Length == t.LeafValue.Length
        && (t.SplitFeature.Length == 0 || t.NodeCover is { } nodes && nodes.Length == t.SplitFeature.Length && nodes.All(c => c > 0))
        && (t.SplitFeature.Length > 0 || leaves[0] > 0));

    /// <summary>Writes each feature's attribution into <paramref name="phi"/> (cleared first) and returns the margin.</summary>
    public double Contributions(ReadOnlySpan<double> row, Span<double> phi)
    {
        phi.Clear();
        var margin = Bias;
        var size = (maxDepth + 2) * (maxDepth + 3) / 2 + maxDepth + 2;
        var path = new PathElement[size * 2];
        var phiArray = new double[featureCount];
        var x = row.ToArray();
        foreach (var tree in trees)
        {
            margin += tree.Evaluate(x);
            if (tree.SplitFeature.Length > 0)
            {
                Recurse(tree, x, phiArray, 0, path, 0, 0, 1, 1, -1);
            }
        }
        phiArray.CopyTo(phi);
        return margin;
    }

    public Attribution Explain(ReadOnlySpan<double> row)
    {
        var phi = new double[featureCount];
        var value = Contributions(row, phi);
        return new Attribution(Baseline, phi, value);
    }

    private struct PathElement
    {
        public int Feature;
        public double ZeroFraction;
        public double OneFraction;
        public double Weight;
    }

    /// <summary>
    /// One node: the path so far is <c>path[parentStart .. parentStart + depth]</c> (depth + 1 elements, the first a
    /// placeholder); this call's copy starts right after it.
    /// </summary>
    private void Recurse(RegressionTree tree, double[] x, double[] phi, int node, PathElement[] path, int parentStart, int depth,
        double zeroFraction, double oneFraction, int feature)
    {
        var start = parentStart + depth + 1;
        if (depth == 0 && feature == -1)
        {
            start = 0;
        }
        else
        {
            Array.Copy(path, parentStart, path, start, depth + 1);
        }
        if (depth == 0 && feature == -1)
        {
            path[0] = new PathElement { Feature = -1, ZeroFraction = 1, OneFraction = 1, Weight = 1 };
        }
        else
        {
            Extend(path, start, depth, zeroFraction, oneFraction, feature);
        }

        if (node < 0)
        {
            var value = tree.LeafValue[~node];
            for (var i = 1; i <= depth; i++)
            {
                var w = UnwoundSum(path, start, depth, i);
                var element = path[start + i];
                phi[element.Feature] += w * (element.OneFraction - element.ZeroFraction) * value;
            }
            return;
        }

        var split = tree.SplitFeature[node];
        var v = x[split];
        var goesLeft = double.IsNaN(v) ? tree.MissingGoesLeft[node] : v <= tree.Threshold[node];
        var hot = goesLeft ? tree.Left[node] : tree.Right[node];
        var cold = goesLeft ? tree.Right[node] : tree.Left[node];
        var cover = tree.NodeCover![node];
        var hotZero = CoverOf(tree, hot) / cover;
        var coldZero = CoverOf(tree, cold) / cover;
        double incomingZero = 1, incomingOne = 1;
        var index = 0;
        while (index <= depth && path[start + index].Feature != split)
        {
            index++;
        }
        if (index <= depth)
        {
            incomingZero = path[start + index].ZeroFraction;
            incomingOne = path[start + index].OneFraction;
            Unwind(path, start, depth, index);
            depth--;
        }
        Recurse(tree, x, phi, hot, path, start, depth + 1, hotZero * incomingZero, incomingOne, split);
        Recurse(tree, x, phi, cold, path, start, depth + 1, coldZero * incomingZero, 0, split);
    }

    private static double CoverOf(RegressionTree tree, int child) => child < 0 ? tree.LeafCover![~child] : tree.NodeCover![child];

    private static void Extend(PathElement[] path, int start, int depth, double zeroFraction, double oneFraction, int feature)
    {
        path[start + depth] = new PathElement { Feature = feature, ZeroFraction = zeroFraction, OneFraction = oneFraction, Weight = depth == 0 ? 1 : 0 };
        for (var i = depth - 1; i >= 0; i--)
        {
            path[start + i + 1].Weight += oneFraction * path[start + i].Weight * (i + 1) / (depth + 1.0);
            path[start + i].Weight = zeroFraction * path[start + i].Weight * (depth - i) / (depth + 1.0);
        }
    }

    private static void Unwind(PathElement[] path, int start, int depth, int index)
    {
        var one = path[start + index].OneFraction;
        var zero = path[start + index].ZeroFraction;
        var next = path[start + depth].Weight;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var t = path[start + i].Weight;
                path[start + i].Weight = next * (depth + 1) / ((i + 1) * one);
                next = t - path[start + i].Weight * zero * (depth - i) / (depth + 1.0);
            }
            else
            {
                path[start + i].Weight = path[start + i].Weight * (depth + 1) / (zero * (depth - i));
            }
        }
        for (var i = index; i < depth; i++)
        {
            path[start + i].Feature = path[start + i + 1].Feature;
            path[start + i].ZeroFraction = path[start + i + 1].ZeroFraction;
            path[start + i].OneFraction = path[start + i + 1].OneFraction;
        }
    }

    private static double UnwoundSum(PathElement[] path, int start, int depth, int index)
    {
        var one = path[start + index].OneFraction;
        var zero = path[start + index].ZeroFraction;
        var next = path[start + depth].Weight;
        var total = 0.0;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var t = next * (depth + 1) / ((i + 1) * one);
                total += t;
                next = path[start + i].Weight - t * zero * ((depth - i) / (depth + 1.0));
            }
            else if (zero != 0)
            {
                total += path[start + i].Weight / zero / ((depth - i) / (depth + 1.0));
            }
        }
        return total;
    }

    private static int Depth(RegressionTree tree, int node) =>
        node < 0 || tree.SplitFeature.Length == 0 ? 0 : 1 + Math.Max(Depth(tree, tree.Left[node]), Depth(tree, tree.Right[node]));
}
