namespace Audit.Models.Onnx;

/// <summary>The log-odds of the positive class as an intercept plus one coefficient per feature.</summary>
internal sealed record LinearParts(double Intercept, double[] Coefficients, string Description);

/// <summary>
/// Reads a binary ai.onnx.ml LinearClassifier written with one row of coefficients per class (as skl2onnx writes a
/// logistic regression: rows −w and w) and post_transform LOGISTIC. ONNX Runtime applies the logistic to each
/// class's score, so the positive-class probability is logistic(intercepts[1] + Σ coefficients[1, j] x_j) and its
/// log-odds are additive. One row of coefficients, NONE, SOFTMAX or more classes are not read.
/// </summary>
internal static class LinearClassifierReader
{
    public static LinearParts? Read(OnnxNode node, int positiveColumn, int featureCount, out string note)
    {
        string? problem = null;
        var coefficients = node.Floats("coefficients");
        var intercepts = node.Floats("intercepts");
        var labels = Math.Max(node.Ints("classlabels_ints").Length, node.Strings("classlabels_strings").Length);
        var post = node.String("post_transform") ?? "NONE";
        if (labels != 2 || intercepts.Length != 2)
        {
            problem = $"{labels} classes and {intercepts.Length} rows of coefficients (read: 2 and 2)";
        }
        else if (coefficients.Length != 2 * featureCount)
        {
            problem = $"{coefficients.Length} coefficients for {featureCount} features";
        }
        else if (post != "LOGISTIC")
        {
            problem = $"post_transform {post} (read: LOGISTIC)";
        }
        else if (positiveColumn != 1)
        {
            problem = "the output read is not the probability of the second class";
        }
        if (problem is not null)
        {
            note = $"{node.Label} is scored by ONNX Runtime but not read as additive terms: {problem}";
            return null;
        }
        var weights = coefficients.Skip(featureCount).Select(c => (double)c).ToArray();
        note = $"{node.Label} read as log-odds = intercept + {featureCount} terms (post_transform LOGISTIC)";
        return new LinearParts(intercepts[1], weights, note);
    }
}
