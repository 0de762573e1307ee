using Audit.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Audit.Models.Onnx;

/// <summary>
/// How a table's columns become an ONNX model's inputs. Two layouts:
/// <list type="bullet">
/// <item>one tensor [N, F] of float or double holding the columns <c>model.features</c> names, in that order
/// (what scikit-learn converters write for a numeric pipeline);</item>
/// <item>one input per column, each [N, 1] (or [N]) of float, double, int64 or string; an input reads the data
/// column of its name, or the column <c>model.inputs</c> maps it to.</item>
/// </list>
/// </summary>
internal sealed class OnnxInputLayout
{
    private OnnxInputLayout(IReadOnlyList<OnnxInputSlot> slots, bool singleTensor)
    {
        Slots = slots;
        SingleTensor = singleTensor;
        InputNames = slots.Select(s => s.InputName).ToArray();
        Features = slots.SelectMany(s => s.Columns.Select(c => new FeatureSpec(c,
            s.Type == TensorElementType.String ? ColumnType.Categorical : ColumnType.Numeric,
            singleTensor ? $"column {Array.IndexOf(s.Columns, c)} of the input tensor '{s.InputName}'" : $"input '{s.InputName}' ({TypeName(s.Type)})")))
            .ToArray();
    }

    public IReadOnlyList<OnnxInputSlot> Slots { get; }

    /// <summary>True for the one-tensor layout.</summary>
    public bool SingleTensor { get; }

    public string[] InputNames { get; }

    /// <summary>The data columns read, in the order the model reads them.</summary>
    public IReadOnlyList<FeatureSpec> Features { get; }

    /// <summary>Reads the session's input metadata and matches it with what the plan says; errors name the model file.</summary>
    public static OnnxInputLayout Create(InferenceSession session, ModelFileSpec spec)
    {
        var inputs = session.InputMetadata;
        if (inputs.Count == 0)
        {
            throw Error(spec, "the model has no input", null, null, "export the model with its feature inputs");
        }
        foreach (var name in spec.Inputs.Keys)
        {
            if (!inputs.ContainsKey(name))
            {
                throw Error(spec, $"'model.inputs' names the input '{name}', which the model does not have",
                    "one of " + string.Join(", ", session.InputNames), name, "use the model's input names as keys and data columns as values");
            }
        }

        var (firstName, first) = (session.InputNames[0], inputs[session.InputNames[0]]);
        var wideTensor = inputs.Count == 1 && first.IsTensor && first.Dimensions.Length == 2 && first.Dimensions[1] != 1;
        if (spec.Features is not null || wideTensor)
        {
            return OneTensor(spec, firstName, first, inputs.Count);
        }
        return OnePerColumn(session, spec);
    }

    private static OnnxInputLayout OneTensor(ModelFileSpec spec, string name, NodeMetadata input, int inputCount)
    {
        if (inputCount != 1)
        {
            throw Error(spec, "'model.features' applies to a model with one tensor input, and this model has " + inputCount + " inputs",
                "one input of all features", null, "remove 'model.features': each input then reads the data column of its name (or 'model.inputs')");
        }
        if (spec.Inputs.Count > 0)
        {
            throw Error(spec, "'model.inputs' applies to a model with one input per column, and this model has one tensor of all features",
                null, null, "list the data columns in the tensor's order in 'model.features' instead");
        }
        if (!input.IsTensor || input.ElementDataType is not (TensorElementType.Float or TensorElementType.Double) || input.Dimensions.Length != 2)
        {
            throw Error(spec, $"the input '{name}' is not a supported feature tensor", "a float or double tensor [N, F]",
                Describe(input), "export the model with a float input [N, F], or one input per column");
        }
        var width = input.Dimensions[1];
        if (spec.Features is null && spec.ForInspection && width > 0)
        {
            spec = spec with { Features = ModelFileSpec.Placeholders(width) };
        }
        if (spec.Features is null)
        {
            throw Error(spec, $"the model reads one tensor '{name}' of {(width > 0 ? width.ToString() : "F")} features, and the plan does not say which columns they are",
                "'model.features': the data columns in the tensor's order", null,
                "add 'features: [col1, col2, ...]' under 'model' (the order the model was trained with)");
        }
        if (width > 0 && spec.Features.Count != width)
        {
            throw Error(spec, $"wrong feature count: the input '{name}' has {width} features and 'model.features' lists {spec.Features.Count} columns",
                $"{width} columns", string.Join(", ", spec.Features),
                "list exactly the columns the model was trained with, in the same order");
        }
        var duplicate = spec.Features.GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Error(spec, $"'model.features' lists the column '{duplicate.Key}' twice", null, null, "list each column once, in the model's order");
        }
        var slot = new OnnxInputSlot(name, input.ElementDataType, spec.Features.ToArray(), Rank1: false);
        return new OnnxInputLayout([slot], singleTensor: true);
    }

    private static OnnxInputLayout OnePerColumn(InferenceSession session, ModelFileSpec spec)
    {
        var slots = new List<OnnxInputSlot>();
        foreach (var name in session.InputNames)
        {
            var input = session.InputMetadata[name];
            var supported = input.IsTensor
                && input.ElementDataType is TensorElementType.Float or TensorElementType.Double or TensorElementType.Int64 or TensorElementType.String
                && (input.Dimensions.Length == 1 || (input.Dimensions.Length == 2 && input.Dimensions[1] is 1 or -1));
            if (!supported)
            {
                throw Error(spec, $"unsupported input type: the input '{name}' is not one value per row",
                    "a tensor [N, 1] of float, double, int64 or string (or one float tensor [N, F] with 'model.features')", Describe(input),
                    "export the model with one input per column, or with one float tensor of all features");
            }
            var column = spec.Inputs.TryGetValue(name, out var mapped) ? mapped : name;
            slots.Add(new OnnxInputSlot(name, input.ElementDataType, [column], Rank1: input.Dimensions.Length == 1));
        }
        return new OnnxInputLayout(slots, singleTensor: false);
    }

    /// <summary>"tensor(float) [N, 4]", for messages.</summary>
    public static string Describe(NodeMetadata metadata) => metadata.OnnxValueType switch
    {
        OnnxValueType.ONNX_TYPE_TENSOR => $"tensor({TypeName(metadata.ElementDataType)}) [{string.Join(", ", metadata.Dimensions.Select((d, i) => d >= 0 ? d.ToString() : metadata.SymbolicDimensions is { } s && i < s.Length && s[i].Length > 0 ? s[i] : "?"))}]",
        OnnxValueType.ONNX_TYPE_SEQUENCE => $"seq({Describe(metadata.AsSequenceMetadata().ElementMeta)})",
        OnnxValueType.ONNX_TYPE_MAP => $"map({TypeName(metadata.AsMapMetadata().KeyDataType)}, {Describe(metadata.AsMapMetadata().ValueMetadata)})",
        _ => metadata.OnnxValueType.ToString().Replace("ONNX_TYPE_", "").ToLowerInvariant(),
    };

    public static string TypeName(TensorElementType type) => type switch
    {
        TensorElementType.Float => "float",
        TensorElementType.Double => "double",
        TensorElementType.Int64 => "int64",
        TensorElementType.Int32 => "int32",
        TensorElementType.String => "string",
        TensorElementType.Bool => "bool",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static AuditInputException Error(ModelFileSpec spec, string problem, string? expected, string? found, string hint) =>
        new(problem, file: spec.Display, keyPath: null, expected: expected, found: found, hint: hint);
}

/// <summary>One model input: its name and element type, and the data columns it holds (one, or all features).</summary>
internal sealed record OnnxInputSlot(string InputName, TensorElementType Type, string[] Columns, bool Rank1);
