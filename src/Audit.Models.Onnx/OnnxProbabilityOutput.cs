using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Audit.Models.Onnx;

/// <summary>
/// The output a model's score is read from: the positive-class probability, as a float or double tensor [N, 2]
/// (column 1), [N, 1] or [N], or as the "sequence of maps" seq(map(int64, float)) that scikit-learn's and
/// onnxmltools' converters write after a ZipMap (the value of key 1).
/// </summary>
/// <remarks>
/// Which output, unless <c>model.output</c> names one: the first output whose name contains "probabilit"
/// (skl2onnx's <c>output_probability</c> and <c>probabilities</c>, "probability"), else the last float or double
/// tensor output. Labels (int64, string) are never read. A ZipMap's output is read, when ONNX Runtime allows, from
/// the tensor the ZipMap takes (<see cref="FromZipMapInput"/>): a ZipMap only pairs column j with class label j,
/// and one tensor is far cheaper to read than a map per row.
/// </remarks>
internal sealed class OnnxProbabilityOutput
{
    /// <summary>The map key of the positive class in a sequence-of-maps output.</summary>
    public const long PositiveClassKey = 1;

    private OnnxProbabilityOutput(string name, string modelOutput, bool mapSequence, TensorElementType valueType, int width, int? column)
    {
        Name = name;
        ModelOutput = modelOutput;
        MapSequence = mapSequence;
        ValueType = valueType;
        Width = width;
        Column = column;
    }

    /// <summary>The value fetched from the session.</summary>
    public string Name { get; }

    /// <summary>The model output the score is (the plan's <c>model.output</c> or the default): <see cref="Name"/>, or the ZipMap output it feeds.</summary>
    public string ModelOutput { get; }

    /// <summary>True for seq(map(int64, float)).</summary>
    public bool MapSequence { get; }

    public TensorElementType ValueType { get; }

    /// <summary>For a tensor: 1 or 2 columns, or -1 when the model leaves it open (read at run time).</summary>
    public int Width { get; }

    /// <summary>For a tensor read in place of a ZipMap: the column of class 1; otherwise null (<see cref="PositiveColumn"/>).</summary>
    public int? Column { get; }

    public static OnnxProbabilityOutput Create(InferenceSession session, ModelFileSpec spec)
    {
        var outputs = session.OutputMetadata;
        string name;
        if (spec.Output is not null)
        {
            if (!outputs.ContainsKey(spec.Output))
            {
                throw new AuditInputException($"the model has no output '{spec.Output}'", file: spec.Display, keyPath: "model.output",
                    expected: "one of " + List(session), found: spec.Output, hint: "name one of the model's outputs in 'model.output', or remove it");
            }
            name = spec.Output;
        }
        else
        {
            name = session.OutputNames.FirstOrDefault(n => n.Contains("probabilit", StringComparison.OrdinalIgnoreCase) && Readable(outputs[n]))
                ?? session.OutputNames.LastOrDefault(n => IsNumericTensor(outputs[n]))
                ?? throw NotProbability(session, spec, null);
        }
        var metadata = outputs[name];
        if (!Readable(metadata))
        {
            throw NotProbability(session, spec, name);
        }
        if (metadata.OnnxValueType == OnnxValueType.ONNX_TYPE_SEQUENCE)
        {
            var map = metadata.AsSequenceMetadata().ElementMeta.AsMapMetadata();
            return new OnnxProbabilityOutput(name, name, true, map.ValueMetadata.ElementDataType, 1, null);
        }
        var width = metadata.Dimensions.Length == 1 ? 1 : metadata.Dimensions[1];
        return new OnnxProbabilityOutput(name, name, false, metadata.ElementDataType, width, null);
    }

    /// <summary>
    /// This sequence-of-maps output read from the ZipMap's input tensor instead, which <paramref name="session"/>
    /// exposes as an output: column <paramref name="column"/> (the index of class 1 in the ZipMap's labels).
    /// Null when the session does not give that tensor as float [N, classes].
    /// </summary>
    public OnnxProbabilityOutput? FromZipMapInput(InferenceSession session, string tensor, int column)
    {
        if (!session.OutputMetadata.TryGetValue(tensor, out var metadata) || !metadata.IsTensor
            || metadata.ElementDataType != TensorElementType.Float || metadata.Dimensions.Length != 2)
        {
            return null;
        }
        return new OnnxProbabilityOutput(tensor, ModelOutput, false, TensorElementType.Float, metadata.Dimensions[1], column);
    }

    /// <summary>The column of a tensor output that holds the positive class.</summary>
    public static int PositiveColumn(int width) => width == 2 ? 1 : 0;

    /// <summary>Copies the positive-class probability of each row of a run's output into <paramref name="scores"/>.</summary>
    public void Read(OrtValue value, Span<double> scores, string file, int firstRow)
    {
        if (!MapSequence)
        {
            var shape = value.GetTensorTypeAndShape().Shape;
            var width = shape.Length == 1 ? 1 : (int)shape[1];
            if ((Column is null && width is not (1 or 2)) || (Column is { } c && c >= width) || shape.Length > 2)
            {
                throw new AuditInputException($"the output '{ModelOutput}' is not a probability: it has {width} columns", file: file,
                    expected: "the positive-class probability ([N, 2] or [N, 1])", found: $"[{string.Join(", ", shape)}]",
                    hint: "audit a binary classifier, or name its probability output in 'model.output'");
            }
            var column = Column ?? PositiveColumn(width);
            if (ValueType == TensorElementType.Float)
            {
                var data = value.GetTensorDataAsSpan<float>();
                for (var r = 0; r < scores.Length; r++)
                {
                    scores[r] = data[r * width + column];
                }
            }
            else
            {
                var data = value.GetTensorDataAsSpan<double>();
                for (var r = 0; r < scores.Length; r++)
                {
                    scores[r] = data[r * width + column];
                }
            }
            return;
        }

        var allocator = OrtAllocator.DefaultInstance;
        for (var r = 0; r < scores.Length; r++)
        {
            using var map = value.GetValue(r, allocator);
            using var keys = map.GetValue(0, allocator);
            using var values = map.GetValue(1, allocator);
            var index = keys.GetTensorDataAsSpan<long>().IndexOf(PositiveClassKey);
            if (index < 0)
            {
                throw new AuditInputException($"the output '{ModelOutput}' has no probability for class {PositiveClassKey}", file: file, row: firstRow + r + 1,
                    expected: $"a map with the key {PositiveClassKey} (the positive class)", found: string.Join(", ", keys.GetTensorDataAsSpan<long>().ToArray()),
                    hint: "audit a binary classifier with classes 0 and 1, or name a probability tensor in 'model.output'");
            }
            scores[r] = ValueType == TensorElementType.Float ? values.GetTensorDataAsSpan<float>()[index] : values.GetTensorDataAsSpan<double>()[index];
        }
    }

    private static bool Readable(NodeMetadata metadata)
    {
        if (metadata.OnnxValueType == OnnxValueType.ONNX_TYPE_SEQUENCE)
        {
            var element = metadata.AsSequenceMetadata().ElementMeta;
            if (element.OnnxValueType != OnnxValueType.ONNX_TYPE_MAP)
            {
                return false;
            }
            var map = element.AsMapMetadata();
            return map.KeyDataType == TensorElementType.Int64 && IsNumericTensor(map.ValueMetadata);
        }
        return IsNumericTensor(metadata)
            && (metadata.Dimensions.Length == 1 || (metadata.Dimensions.Length == 2 && metadata.Dimensions[1] is 1 or 2 or -1));
    }

    private static bool IsNumericTensor(NodeMetadata metadata) =>
        metadata.IsTensor && metadata.ElementDataType is TensorElementType.Float or TensorElementType.Double;

    private static AuditInputException NotProbability(InferenceSession session, ModelFileSpec spec, string? name) =>
        new(name is null ? "the model has no output that is a probability" : $"the output '{name}' is not a probability",
            file: spec.Display, keyPath: name is null ? null : "model.output",
            expected: "a float tensor [N, 2] or [N, 1] of class probabilities, or seq(map(int64, float))",
            found: name is null ? List(session) : $"{name}: {OnnxInputLayout.Describe(session.OutputMetadata[name])}",
            hint: "audit a binary classifier's probability output; name it in 'model.output' if the default choice is wrong");

    private static string List(InferenceSession session) =>
        string.Join(", ", session.OutputNames.Select(n => $"{n}: {OnnxInputLayout.Describe(session.OutputMetadata[n])}"));
}
