namespace Audit.Models.Onnx;

/// <summary>The trees, bias and link an ONNX tree-ensemble node computes the positive-class probability with.</summary>
internal sealed record TreeEnsembleParts(RegressionTree[] Trees, double Bias, string Link, string Description);

/// <summary>
/// Reads an ai.onnx.ml TreeEnsembleClassifier or TreeEnsembleRegressor node (opset 1 to 3) into
/// <see cref="RegressionTree"/>s whose sum, plus a bias, through a link, is the probability ONNX Runtime outputs.
/// </summary>
/// <remarks>
/// <para>Read exactly, and only then: splits BRANCH_LEQ and BRANCH_LT (turned into ≤ on the data's doubles by
/// <see cref="FloatThreshold"/>), with <c>nodes_missing_value_tracks_true</c> giving the side of a missing value;
/// float attributes (not the <c>*_as_tensor</c> doubles); each tree's nodes listed together, its root first (ONNX
/// Runtime takes the first node of a tree as its root).</para>
/// <para>The positive-class probability of a binary TreeEnsembleClassifier (two class labels) as ONNX Runtime
/// computes it (tree_ensemble_aggregator.h; each case below checked on ONNX Runtime 1.31.1), with s_c the sum over
/// trees of the leaf weights of class c:</para>
/// <list type="bullet">
/// <item>weights on class 0 only (skl2onnx's and onnxmltools' boosted models), at most one base value b:
/// margin b + s_0; post_transform LOGISTIC p = 1 / (1 + exp(−margin)), NONE p = margin.</item>
/// <item>weights on class 1 at every leaf (random forests: leaf class frequencies), at most one base value:
/// NONE p = s_1; LOGISTIC p = logistic(s_1); SOFTMAX on the two classes p = e^{s_1} / (e^{s_0 + b_0} + e^{s_1}) =
/// logistic(s_1 − s_0 − b_0), so each leaf's value is w_1 − w_0 and the bias −b_0 (every leaf must then weigh
/// both classes).</item>
/// </list>
/// <para>A TreeEnsembleRegressor with one target, aggregate_function SUM, post_transform NONE: p = b + Σ leaf.
/// Anything else (more classes, two base values, PROBIT, AVERAGE, BRANCH_GT/GTE/EQ/NEQ) is not read: the model is
/// then scored by ONNX Runtime without the tree capability, and <see cref="OnnxModel.StructureNote"/> says why.</para>
/// </remarks>
internal static class TreeEnsembleReader
{
    public const string Identity = "identity";
    public const string Logistic = "logistic";

    /// <summary>ONNX Runtime's limit on tree depth; deeper means a cycle.</summary>
    private const int MaxDepth = 1000;

    public static TreeEnsembleParts? Read(OnnxNode node, int positiveColumn, int featureCount, bool doubleInput, out string note)
    {
        try
        {
            var parts = ReadOrThrow(node, positiveColumn, featureCount, doubleInput);
            note = parts.Description;
            return parts;
        }
        catch (NotReadable e)
        {
            note = $"{node.Label} is scored by ONNX Runtime but not read as trees: {e.Message}";
            return null;
        }
    }

    private static TreeEnsembleParts ReadOrThrow(OnnxNode node, int positiveColumn, int featureCount, bool doubleInput)
    {
        var classifier = node.Is(OnnxNode.MlDomain, "TreeEnsembleClassifier");
        if (!classifier && !node.Is(OnnxNode.MlDomain, "TreeEnsembleRegressor"))
        {
            throw new NotReadable("not a tree ensemble");
        }
        var asTensor = node.Attributes.Keys.FirstOrDefault(k => k.EndsWith("_as_tensor", StringComparison.Ordinal));
        if (asTensor is not null)
        {
            throw new NotReadable($"the attribute {asTensor} (double precision) is not read");
        }

        var nodes = TreeNodes.Read(node);
        var post = node.String("post_transform") ?? "NONE";
        var baseValues = node.Floats("base_values");
        var (leafWeights, weightIds) = ReadLeafWeights(node, classifier);
        var output = classifier
            ? ClassifierOutput(node, positiveColumn, post, baseValues, weightIds, leafWeights, nodes)
            : RegressorOutput(node, positiveColumn, post, baseValues);

        var trees = BuildTrees(nodes, featureCount, doubleInput, (tree, id) => output.LeafValue(leafWeights.TryGetValue((tree, id), out var w) ? w : default));
        var leafCount = trees.Sum(t => t.LeafValue.Length);
        return new TreeEnsembleParts(trees.ToArray(), output.Bias, output.Link,
            $"{node.Label} read as {trees.Count} trees with {leafCount} leaves; {output.Rule}, bias {output.Bias:R}, link {output.Link} (post_transform {post})");
    }

    /// <summary>The sum of the weights of each class at each (tree, node), and the class of each weight; ONNX Runtime ignores weights on non-leaves.</summary>
    private static (Dictionary<(long Tree, long Node), ClassWeights> LeafWeights, long[] WeightIds) ReadLeafWeights(OnnxNode node, bool classifier)
    {
        var prefix = classifier ? "class_" : "target_";
        var weightTrees = node.Ints(prefix + "treeids");
        var weightNodes = node.Ints(prefix + "nodeids");
        var weightIds = node.Ints(prefix + "ids");
        var weights = node.Floats(prefix + "weights");
        if (weightTrees.Length != weights.Length || weightNodes.Length != weights.Length || weightIds.Length != weights.Length)
        {
            throw new NotReadable($"the {prefix}* attributes are of unequal lengths");
        }
        var leafWeights = new Dictionary<(long Tree, long Node), ClassWeights>();
        for (var i = 0; i < weights.Length; i++)
        {
            if (weightIds[i] is not (0 or 1) || (!classifier && weightIds[i] != 0))
            {
                throw new NotReadable(classifier ? $"a weight of class {weightIds[i]} (a binary classifier has classes 0 and 1)" : "more than one target");
            }
            var key = (weightTrees[i], weightNodes[i]);
            leafWeights.TryGetValue(key, out var w);
            leafWeights[key] = weightIds[i] == 0 ? new(w.W0 + weights[i], w.W1, true, w.Has1) : new(w.W0, w.W1 + weights[i], w.Has0, true);
        }
        return (leafWeights, weightIds);
    }

    /// <summary>How a binary classifier's positive-class probability follows from its leaves (the cases of the remarks above).</summary>
    private static EnsembleOutput ClassifierOutput(OnnxNode node, int positiveColumn, string post, float[] baseValues, long[] weightIds,
        Dictionary<(long Tree, long Node), ClassWeights> leafWeights, TreeNodes nodes)
    {
        var labels = Math.Max(node.Ints("classlabels_int64s").Length, node.Strings("classlabels_strings").Length);
        if (labels != 2)
        {
            throw new NotReadable($"{labels} classes (only a binary classifier is read)");
        }
        if (positiveColumn != 1)
        {
            throw new NotReadable("the output read is not the probability of the second class");
        }
        if (baseValues.Length > 1)
        {
            throw new NotReadable($"{baseValues.Length} base values (ONNX Runtime's use of two is not specified)");
        }
        var b0 = baseValues.Length == 1 ? baseValues[0] : 0.0;
        if (!weightIds.Contains(1))
        {
            var link = post switch
            {
                "NONE" => Identity,
                "LOGISTIC" => Logistic,
                _ => throw new NotReadable($"post_transform {post} with weights on one class is not read"),
            };
            return new(w => w.W0, b0, link, "margin = base value + class-0 weights");
        }
        var leaves = nodes.Leaves();
        if (leaves.Any(l => !leafWeights.TryGetValue(l, out var w) || !w.Has1))
        {
            throw new NotReadable("some leaves have no weight for class 1");
        }
        switch (post)
        {
            case "NONE" or "LOGISTIC":
                return new(w => w.W1, 0.0, post == "NONE" ? Identity : Logistic, "margin = class-1 weights");
            case "SOFTMAX":
                if (leaves.Any(l => !leafWeights[l].Has0))
                {
                    throw new NotReadable("SOFTMAX with leaves that have no weight for class 0");
                }
                return new(w => w.W1 - w.W0, 0.0 - b0, Logistic, "softmax of two classes: margin = class-1 minus class-0 weights");
            default:
                throw new NotReadable($"post_transform {post} is not read");
        }
    }

    /// <summary>A regressor is read with one target, summed, untransformed: output = base value + leaf weights.</summary>
    private static EnsembleOutput RegressorOutput(OnnxNode node, int positiveColumn, string post, float[] baseValues)
    {
        if ((node.Int("n_targets") ?? 1) != 1 || positiveColumn != 0)
        {
            throw new NotReadable("more than one target");
        }
        if ((node.String("aggregate_function") ?? "SUM") != "SUM" || post != "NONE" || baseValues.Length > 1)
        {
            throw new NotReadable("only aggregate_function SUM, post_transform NONE and at most one base value are read");
        }
        return new(w => w.W0, baseValues.Length == 1 ? baseValues[0] : 0.0, Identity, "output = base value + leaf weights");
    }

    /// <summary>One tree per run of equal tree ids; a tree whose nodes are not listed together is refused.</summary>
    private static List<RegressionTree> BuildTrees(TreeNodes nodes, int featureCount, bool doubleInput, Func<long, long, double> leafValue)
    {
        var trees = new List<RegressionTree>();
        var seen = new HashSet<long>();
        for (var start = 0; start < nodes.Count;)
        {
            var tree = nodes.TreeIds[start];
            var end = start;
            while (end < nodes.Count && nodes.TreeIds[end] == tree)
            {
                end++;
            }
            if (!seen.Add(tree))
            {
                throw new NotReadable($"the nodes of tree {tree} are not listed together");
            }
            trees.Add(BuildTree(tree, start, end, nodes, featureCount, doubleInput, id => leafValue(tree, id)));
            start = end;
        }
        return trees;
    }

    private static RegressionTree BuildTree(long tree, int start, int end, TreeNodes nodes, int featureCount, bool doubleInput, Func<long, double> leafValue)
    {
        var (nodeIds, featureIds, values, modes) = (nodes.NodeIds, nodes.FeatureIds, nodes.Values, nodes.Modes);
        var (trueIds, falseIds, missingTrue) = (nodes.TrueIds, nodes.FalseIds, nodes.MissingTrue);
        var index = new Dictionary<long, int>();
        for (var i = start; i < end; i++)
        {
            if (!index.TryAdd(nodeIds[i], i))
            {
                throw new NotReadable($"node {nodeIds[i]} appears twice in tree {tree}");
            }
        }
        var split = new List<int>();
        var threshold = new List<double>();
        var left = new List<int>();
        var right = new List<int>();
        var missingLeft = new List<bool>();
        var leaves = new List<double>();
        var visited = new HashSet<int>();

        int Visit(int i, int depth)
        {
            if (depth > MaxDepth || !visited.Add(i))
            {
                throw new NotReadable($"tree {tree} is not a tree (a node is reached twice)");
            }
            if (modes[i] == "LEAF")
            {
                leaves.Add(leafValue(nodeIds[i]));
                return ~(leaves.Count - 1);
            }
            var feature = featureIds[i];
            if (feature < 0 || feature >= featureCount)
            {
                throw new NotReadable($"tree {tree} splits on feature {feature} and the input has {featureCount}");
            }
            var t = values[i];
            if (!float.IsFinite(t) || t == -float.MaxValue)
            {
                throw new NotReadable($"tree {tree} has the split threshold {t}");
            }
            var k = split.Count;
            split.Add((int)feature);
            threshold.Add(modes[i] == "BRANCH_LEQ"
                ? (doubleInput ? t : FloatThreshold.LessOrEqual(t))
                : (doubleInput ? Math.BitDecrement((double)t) : FloatThreshold.Less(t)));
            missingLeft.Add(i < missingTrue.Length && missingTrue[i] == 1);
            left.Add(0);
            right.Add(0);
            left[k] = Visit(Child(trueIds[i]), depth + 1);
            right[k] = Visit(Child(falseIds[i]), depth + 1);
            return k;
        }

        int Child(long id) => index.TryGetValue(id, out var c) ? c : throw new NotReadable($"tree {tree} points to a missing node {id}");

        var root = Visit(start, 0);
        if (visited.Count != end - start)
        {
            throw new NotReadable($"tree {tree} has nodes its root does not reach");
        }
        if (root < 0)
        {
            return new RegressionTree([], [], [], [], [], leaves.ToArray());
        }
        return new RegressionTree(split.ToArray(), threshold.ToArray(), left.ToArray(), right.ToArray(), missingLeft.ToArray(), leaves.ToArray());
    }

    /// <summary>The weights a leaf gives class 0 and class 1, and whether it gives each at all.</summary>
    private readonly record struct ClassWeights(double W0, double W1, bool Has0, bool Has1);

    /// <summary>How the ensemble's output follows from its leaves: each leaf's value, the bias, the link, and the rule in words.</summary>
    private sealed record EnsembleOutput(Func<ClassWeights, double> LeafValue, double Bias, string Link, string Rule);

    /// <summary>The nodes_* attributes of the node, one entry per tree node, checked for equal lengths and readable split modes.</summary>
    private sealed record TreeNodes(long[] TreeIds, long[] NodeIds, long[] FeatureIds, float[] Values, string[] Modes, long[] TrueIds, long[] FalseIds,
        long[] MissingTrue)
    {
        public int Count => TreeIds.Length;

        public static TreeNodes Read(OnnxNode node)
        {
            var nodes = new TreeNodes(node.Ints("nodes_treeids"), node.Ints("nodes_nodeids"), node.Ints("nodes_featureids"), node.Floats("nodes_values"),
                node.Strings("nodes_modes"), node.Ints("nodes_truenodeids"), node.Ints("nodes_falsenodeids"), node.Ints("nodes_missing_value_tracks_true"));
            var count = nodes.Count;
            if (count == 0 || nodes.NodeIds.Length != count || nodes.FeatureIds.Length != count || nodes.Values.Length != count || nodes.Modes.Length != count
                || nodes.TrueIds.Length != count || nodes.FalseIds.Length != count || nodes.MissingTrue.Length > count)
            {
                throw new NotReadable("the nodes_* attributes are missing or of unequal lengths");
            }
            var unsupported = nodes.Modes.FirstOrDefault(m => m is not ("LEAF" or "BRANCH_LEQ" or "BRANCH_LT"));
            if (unsupported is not null)
            {
                throw new NotReadable($"the split mode {unsupported} is not read (only BRANCH_LEQ and BRANCH_LT)");
            }
            return nodes;
        }

        public List<(long Tree, long Node)> Leaves() =>
            Enumerable.Range(0, Modes.Length).Where(i => Modes[i] == "LEAF").Select(i => (TreeIds[i], NodeIds[i])).ToList();
    }

    /// <summary>Why a node is not read exactly (caught in <see cref="Read"/>).</summary>
    private sealed class NotReadable(string message) : Exception(message);
}
