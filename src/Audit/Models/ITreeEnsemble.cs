namespace Audit.Models;

/// <summary>
/// A capability: the model is a sum of regression trees over its input features (gradient-boosted trees, random
/// forests), so that exact explanation (TreeSHAP) and exact recourse can read its structure instead of treating it
/// as a black box. The raw margin is <c>Bias + Σ trees</c>; the score is <see cref="Link"/> of it.
/// </summary>
public interface ITreeEnsemble
{
    /// <summary>The features the trees split on, in the order <see cref="RegressionTree.SplitFeature"/> indexes.</summary>
    IReadOnlyList<string> TreeFeatures { get; }

    IReadOnlyList<RegressionTree> Trees { get; }

    /// <summary>Added to the sum of the trees' outputs.</summary>
    double Bias { get; }

    /// <summary>"identity" (the score is the margin) or "logistic" (the score is 1 / (1 + exp(−margin))).</summary>
    string Link { get; }
}

/// <summary>
/// One tree in array form. Internal node i splits on feature <c>SplitFeature[i]</c>: a row goes to
/// <c>Left[i]</c> when its value is ≤ <c>Threshold[i]</c> (or is missing and <c>MissingGoesLeft[i]</c>), else to
/// <c>Right[i]</c>. A child index c ≥ 0 is an internal node; c &lt; 0 is leaf <c>~c</c> (bitwise complement), whose
/// output is <c>LeafValue[~c]</c>. <c>NodeCover</c> (training rows through each internal node) is given when known.
/// </summary>
public sealed record RegressionTree(
    int[] SplitFeature,
    double[] Threshold,
    int[] Left,
    int[] Right,
    bool[] MissingGoesLeft,
    double[] LeafValue,
    double[]? NodeCover = null,
    double[]? LeafCover = null)
{
    /// <summary>The tree's output for one row of feature values (NaN = missing).</summary>
    public double Evaluate(ReadOnlySpan<double> features)
    {
        if (SplitFeature.Length == 0)
        {
            return LeafValue[0];
        }
        var node = 0;
        while (true)
        {
            var x = features[SplitFeature[node]];
            var next = double.IsNaN(x) ? (MissingGoesLeft[node] ? Left[node] : Right[node]) : x <= Threshold[node] ? Left[node] : Right[node];
            if (next < 0)
            {
                return LeafValue[~next];
            }
            node = next;
        }
    }
}
