namespace Audit.Models.Onnx;

/// <summary>
/// Checks an ONNX file's opsets and operators against the published ONNX operator sets before ONNX Runtime opens it, so
/// that a model handed over by someone else (in a dispute, say) is refused with a plain message when it asks for
/// something outside standard ONNX: an operator from a custom domain needs a native library Audit never loads, and an
/// opset from the future would fail deep inside the runtime.
/// </summary>
/// <remarks>
/// Operator names are those of onnx/docs/Operators.md and Operators-ml.md (ONNX 1.20, opset 25 and ai.onnx.ml 5),
/// including deprecated ones still defined at old opsets. The domain <c>com.microsoft</c> (ONNX Runtime's own
/// contributed operators, written by its optimiser) is accepted as ONNX Runtime implements and validates it. Nodes inside
/// subgraphs (the bodies of If, Loop, Scan) are not read by <see cref="OnnxGraph"/> and so not checked here; ONNX Runtime
/// still refuses an unknown operator there.
/// </remarks>
internal static class OnnxOperatorCheck
{
    /// <summary>Highest opsets of the standard domains this check knows (ONNX 1.20); a later one is refused.</summary>
    public const long MaxOnnxOpset = 25;

    public const long MaxMlOpset = 5;

    private const string RuntimeDomain = "com.microsoft";

    private static readonly HashSet<string> OnnxOperators = new(StringComparer.Ordinal)
    {
        "Abs", "Acos", "Acosh", "Add", "AffineGrid", "And", "ArgMax", "ArgMin", "Asin", "Asinh", "Atan", "Atanh", "Attention",
        "AveragePool", "BatchNormalization", "Bernoulli", "BitCast", "BitShift", "BitwiseAnd", "BitwiseNot", "BitwiseOr", "BitwiseXor",
        "BlackmanWindow", "Cast", "CastLike", "Ceil", "Celu", "CenterCropPad", "Clip", "Col2Im", "Compress", "Concat",
        "ConcatFromSequence", "Constant", "ConstantOfShape", "Conv", "ConvInteger", "ConvTranspose", "Cos", "Cosh", "CumProd", "CumSum",
        "DFT", "DeformConv", "DepthToSpace", "DequantizeLinear", "Det", "Div", "Dropout", "DynamicQuantizeLinear", "Einsum", "Elu",
        "Equal", "Erf", "Exp", "Expand", "EyeLike", "Flatten", "Floor", "GRU", "Gather", "GatherElements", "GatherND", "Gelu", "Gemm",
        "GlobalAveragePool", "GlobalLpPool", "GlobalMaxPool", "Greater", "GreaterOrEqual", "GridSample", "GroupNormalization",
        "HammingWindow", "HannWindow", "HardSigmoid", "HardSwish", "Hardmax", "Identity", "If", "ImageDecoder", "InstanceNormalization",
        "IsInf", "IsNaN", "LRN", "LSTM", "LayerNormalization", "LeakyRelu", "Less", "LessOrEqual", "Log", "LogSoftmax", "Loop",
        "LpNormalization", "LpPool", "MatMul", "MatMulInteger", "Max", "MaxPool", "MaxRoiPool", "MaxUnpool", "Mean",
        "MeanVarianceNormalization", "MelWeightMatrix", "Min", "Mish", "Mod", "Mul", "Multinomial", "Neg", "NegativeLogLikelihoodLoss",
        "NonMaxSuppression", "NonZero", "Not", "OneHot", "Optional", "OptionalGetElement", "OptionalHasElement", "Or", "PRelu", "Pad",
        "Pow", "QLinearConv", "QLinearMatMul", "QuantizeLinear", "RMSNormalization", "RNN", "RandomNormal", "RandomNormalLike",
        "RandomUniform", "RandomUniformLike", "Range", "Reciprocal", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp",
        "ReduceMax", "ReduceMean", "ReduceMin", "ReduceProd", "ReduceSum", "ReduceSumSquare", "RegexFullMatch", "Relu", "Reshape",
        "Resize", "ReverseSequence", "RoiAlign", "RotaryEmbedding", "Round", "STFT", "Scan", "Scatter", "ScatterElements", "ScatterND",
        "Selu", "SequenceAt", "SequenceConstruct", "SequenceEmpty", "SequenceErase", "SequenceInsert", "SequenceLength", "SequenceMap",
        "Shape", "Shrink", "Sigmoid", "Sign", "Sin", "Sinh", "Size", "Slice", "Softmax", "SoftmaxCrossEntropyLoss", "Softplus",
        "Softsign", "SpaceToDepth", "Split", "SplitToSequence", "Sqrt", "Squeeze", "StringConcat", "StringNormalizer", "StringSplit",
        "Sub", "Sum", "Swish", "Tan", "Tanh", "TensorScatter", "TfIdfVectorizer", "ThresholdedRelu", "Tile", "TopK", "Transpose",
        "Trilu", "Unique", "Unsqueeze", "Upsample", "Where", "Xor",
    };

    private static readonly HashSet<string> MlOperators = new(StringComparer.Ordinal)
    {
        "ArrayFeatureExtractor", "Binarizer", "CastMap", "CategoryMapper", "DictVectorizer", "FeatureVectorizer", "Imputer",
        "LabelEncoder", "LinearClassifier", "LinearRegressor", "Normalizer", "OneHotEncoder", "SVMClassifier", "SVMRegressor",
        "Scaler", "TreeEnsemble", "TreeEnsembleClassifier", "TreeEnsembleRegressor", "ZipMap",
    };

    /// <summary>Throws <see cref="AuditInputException"/> naming the file and the first opset or node that is not standard ONNX.</summary>
    public static void Check(OnnxGraph graph, string display)
    {
        foreach (var (domain, version) in graph.Opsets)
        {
            var max = domain switch
            {
                "" or "ai.onnx" => MaxOnnxOpset,
                OnnxNode.MlDomain => MaxMlOpset,
                RuntimeDomain => long.MaxValue,
                _ => -1,
            };
            if (max < 0)
            {
                throw Custom(display, $"the model imports the operator set '{domain}'", "operators from a custom domain need a native library that Audit does not load");
            }
            if (version < 1 || version > max)
            {
                throw new AuditInputException($"the model asks for opset {version} of '{(domain.Length == 0 ? "ai.onnx" : domain)}'", file: display,
                    expected: $"an opset from 1 to {max}",
                    hint: "export the model again with an earlier opset (for example target_opset in skl2onnx or onnxmltools)");
            }
        }
        foreach (var node in graph.Nodes)
        {
            var known = node.Domain switch
            {
                "" or "ai.onnx" => OnnxOperators.Contains(node.OpType),
                OnnxNode.MlDomain => MlOperators.Contains(node.OpType),
                RuntimeDomain => true,
                _ => false,
            };
            if (!known)
            {
                var domain = node.Domain.Length == 0 ? "ai.onnx" : node.Domain;
                throw Custom(display, $"the model uses the operator {node.Label} of '{domain}', which is not a standard ONNX operator",
                    "export the model with standard ONNX operators only; a custom operator needs a native library that Audit does not load");
            }
        }
    }

    private static AuditInputException Custom(string display, string problem, string hint) =>
        new(problem, file: display, expected: "standard ONNX (ai.onnx, ai.onnx.ml) operators", hint: hint);
}
