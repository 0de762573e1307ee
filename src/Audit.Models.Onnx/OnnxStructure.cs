using Audit.Data;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Audit.Models.Onnx;

/// <summary>
/// Finds whether the probability a model outputs is computed by one tree-ensemble or linear-classifier node reading
/// the model's one input tensor directly (possibly followed by a ZipMap), reads that node's structure, and checks
/// the reading against ONNX Runtime before the model claims a capability.
/// </summary>
/// <remarks>
/// The check: <see cref="ProbeRows"/> rows built from the split thresholds (each threshold, the floats either side
/// of it, and missing values) or, for a linear model, from a fixed set of values, are scored by ONNX Runtime and by
/// hand from the structure; the capability is kept only when every probability agrees within
/// <see cref="Tolerance"/>. This guards against ONNX Runtime conventions the reader gets wrong: ONNX leaves the
/// binary cases of the tree ensembles unspecified ("ONNX is vague about two classes", says ONNX Runtime's source),
/// and a rule read from an older ONNX Runtime source (all-positive weights left without the logistic) was refused
/// this way by 1.31.1.
/// </remarks>
internal static class OnnxStructure
{
    /// <summary>The agreement required between the structure's probabilities and ONNX Runtime's (the acceptance bound).</summary>
    public const double Tolerance = 1e-5;

    public const int ProbeRows = 512;

    /// <summary>Seed of the probe rows (fixed, so a model's capabilities are the same on every run).</summary>
    private const int ProbeSeed = 20261124;

    private static readonly double[] LinearProbeValues = [-3, -1, -0.5, 0, 0.25, 1, 2, 7, 40, 1000];

    public static object? Read(OnnxGraph graph, OnnxScorer scorer, out string note)
    {
        var layout = scorer.Layout;
        if (!layout.SingleTensor)
        {
            note = "one input per column: scored by ONNX Runtime, structure not read";
            return null;
        }
        var (node, positiveColumn) = Source(graph, scorer.Output);
        if (node is null || node.Inputs.Length == 0 || node.Inputs[0] != layout.InputNames[0])
        {
            note = "the probability is not computed by one tree-ensemble or linear-classifier node on the input tensor: scored by ONNX Runtime, structure not read";
            return null;
        }
        var featureCount = layout.Slots[0].Columns.Length;
        object? parts;
        if (node.Is(OnnxNode.MlDomain, "TreeEnsembleClassifier") || node.Is(OnnxNode.MlDomain, "TreeEnsembleRegressor"))
        {
            parts = TreeEnsembleReader.Read(node, positiveColumn, featureCount, layout.Slots[0].Type == TensorElementType.Double, out note);
        }
        else if (node.Is(OnnxNode.MlDomain, "LinearClassifier"))
        {
            parts = LinearClassifierReader.Read(node, positiveColumn, featureCount, out note);
        }
        else
        {
            note = $"the probability comes from a {node.OpType} node: scored by ONNX Runtime, structure not read";
            return null;
        }
        if (parts is null)
        {
            return null;
        }
        var difference = Disagreement(parts, scorer);
        if (!(difference <= Tolerance))
        {
            note = $"{note}; not claimed: on {ProbeRows} probe rows it differs from ONNX Runtime by up to {difference:G3}";
            return null;
        }
        note = $"{note}; agrees with ONNX Runtime on {ProbeRows} probe rows within {difference:G3}";
        return parts;
    }

    /// <summary>The node whose output the probability is, and the column of that output holding the positive class.</summary>
    private static (OnnxNode? Node, int Column) Source(OnnxGraph graph, OnnxProbabilityOutput output)
    {
        var producer = graph.Producer(output.Name);
        if (producer is null)
        {
            return (null, 0);
        }
        if (producer.Is(OnnxNode.MlDomain, "ZipMap"))
        {
            var column = Array.IndexOf(producer.Ints("classlabels_int64s"), OnnxProbabilityOutput.PositiveClassKey);
            var source = producer.Inputs.Length == 1 ? graph.Producer(producer.Inputs[0]) : null;
            return source is not null && column >= 0 && Array.IndexOf(source.Outputs, producer.Inputs[0]) == 1 ? (source, column) : (null, 0);
        }
        var index = Array.IndexOf(producer.Outputs, output.Name);
        return producer.OpType switch
        {
            // Classifiers write (label, probabilities [N, classes]); a binary one always has two columns.
            "TreeEnsembleClassifier" or "LinearClassifier" when index == 1 => (producer, output.Column ?? 1),
            "TreeEnsembleRegressor" when index == 0 => (producer, 0),
            _ => (producer, -1),
        };
    }

    /// <summary>The largest difference between the structure's probabilities and ONNX Runtime's over the probe rows (NaN if any is NaN).</summary>
    private static double Disagreement(object parts, OnnxScorer scorer)
    {
        var names = scorer.Layout.Slots[0].Columns;
        var random = new Random(ProbeSeed);
        var rows = new double[names.Length][];
        Func<double[], double> byHand;
        switch (parts)
        {
            case TreeEnsembleParts trees:
                {
                    var candidates = TreeProbeValues(trees, names.Length, scorer.Layout.Slots[0].Type == TensorElementType.Double);
                    for (var j = 0; j < names.Length; j++)
                    {
                        rows[j] = Enumerable.Range(0, ProbeRows).Select(_ => candidates[j][random.Next(candidates[j].Length)]).ToArray();
                    }
                    byHand = x =>
                    {
                        var margin = trees.Bias;
                        foreach (var tree in trees.Trees)
                        {
                            margin += tree.Evaluate(x);
                        }
                        return trees.Link == TreeEnsembleReader.Logistic ? 1 / (1 + Math.Exp(-margin)) : margin;
                    };
                    break;
                }
            case LinearParts linear:
                for (var j = 0; j < names.Length; j++)
                {
                    rows[j] = Enumerable.Range(0, ProbeRows).Select(_ => LinearProbeValues[random.Next(LinearProbeValues.Length)]).ToArray();
                }
                byHand = x =>
                {
                    var eta = linear.Intercept;
                    for (var j = 0; j < x.Length; j++)
                    {
                        eta += linear.Coefficients[j] * x[j];
                    }
                    return 1 / (1 + Math.Exp(-eta));
                };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(parts));
        }
        var table = new Table(names.Select((name, j) => new NumericColumn(name, rows[j])));
        var scores = scorer.Score(table, null, checkProbabilities: false);
        var worst = 0.0;
        var row = new double[names.Length];
        for (var i = 0; i < ProbeRows; i++)
        {
            for (var j = 0; j < names.Length; j++)
            {
                row[j] = rows[j][i];
            }
            var difference = Math.Abs(byHand(row) - scores[i]);
            if (double.IsNaN(difference))
            {
                return double.NaN;
            }
            worst = Math.Max(worst, difference);
        }
        return worst;
    }

    /// <summary>Per feature: every float threshold it is split at and its float neighbours, plus a missing value.</summary>
    private static double[][] TreeProbeValues(TreeEnsembleParts trees, int featureCount, bool doubleInput)
    {
        var sets = Enumerable.Range(0, featureCount).Select(_ => new SortedSet<double> { double.NaN }).ToArray();
        foreach (var tree in trees.Trees)
        {
            for (var k = 0; k < tree.SplitFeature.Length; k++)
            {
                // The double threshold T sits between two floats; the floats around it cover both sides of the split.
                var below = doubleInput ? tree.Threshold[k] : (double)(float)tree.Threshold[k];
                var set = sets[tree.SplitFeature[k]];
                set.Add(below);
                set.Add(doubleInput ? Math.BitIncrement(below) : MathF.BitIncrement((float)below));
                set.Add(doubleInput ? Math.BitDecrement(below) : MathF.BitDecrement((float)below));
            }
        }
        foreach (var set in sets)
        {
            if (set.Count == 1)
            {
                set.Add(0);
            }
        }
        return sets.Select(s => s.ToArray()).ToArray();
    }
}
