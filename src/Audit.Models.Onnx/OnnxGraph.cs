using Google.Protobuf;
using Google.Protobuf.Collections;

namespace Audit.Models.Onnx;

/// <summary>
/// The few parts of an ONNX file (a protobuf <c>ModelProto</c>, onnx/onnx.proto) that the loader reads itself:
/// the producer, the opsets, the graph's input and output names and its nodes with their attributes.
/// </summary>
/// <remarks>
/// Why this is written here: ONNX Runtime reads the file but exposes only input and output metadata, not node
/// attributes, and the exact capabilities (<see cref="ITreeEnsemble"/>, <see cref="IAdditiveModel"/>) need the
/// attributes of a TreeEnsembleClassifier or LinearClassifier node. No maintained ONNX model reader exists on NuGet
/// (OnnxSharp was last released in 2021), and generated code for the whole onnx.proto would be 10,000 lines for a
/// dozen fields. So the reader walks the wire format with Google.Protobuf's <see cref="CodedInputStream"/> and
/// knows only the field numbers below (from onnx.proto, IR version 10); every other field is skipped, including
/// initializers and subgraphs. Anything malformed raises <see cref="InvalidProtocolBufferException"/>.
/// </remarks>
internal sealed record OnnxGraph(
    long IrVersion,
    string ProducerName,
    string ProducerVersion,
    IReadOnlyDictionary<string, long> Opsets,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<OnnxNode> Nodes)
{
    // ModelProto fields.
    private const int ModelIrVersion = 1;
    private const int ModelProducerName = 2;
    private const int ModelProducerVersion = 3;
    private const int ModelGraph = 7;
    private const int ModelOpsetImport = 8;

    // OperatorSetIdProto fields.
    private const int OpsetDomain = 1;
    private const int OpsetVersion = 2;

    // GraphProto fields.
    private const int GraphNode = 1;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;

    // ValueInfoProto fields.
    private const int ValueInfoName = 1;

    // NodeProto fields.
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeName = 3;
    private const int NodeOpType = 4;
    private const int NodeAttribute = 5;
    private const int NodeDomain = 7;

    // AttributeProto fields.
    private const int AttributeName = 1;
    private const int AttributeF = 2;
    private const int AttributeI = 3;
    private const int AttributeS = 4;
    private const int AttributeT = 5;
    private const int AttributeFloats = 7;
    private const int AttributeInts = 8;
    private const int AttributeStrings = 9;

    /// <summary>
    /// Reads a ModelProto. Returns null when the bytes parse as protobuf but hold no graph (not an ONNX model);
    /// throws <see cref="InvalidProtocolBufferException"/> when they do not parse.
    /// </summary>
    public static OnnxGraph? Parse(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        long irVersion = 0;
        string producer = "", producerVersion = "";
        var opsets = new Dictionary<string, long>(StringComparer.Ordinal);
        OnnxGraph? graph = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case ModelIrVersion when Is(tag, WireFormat.WireType.Varint):
                    irVersion = input.ReadInt64();
                    break;
                case ModelProducerName when Is(tag, WireFormat.WireType.LengthDelimited):
                    producer = input.ReadString();
                    break;
                case ModelProducerVersion when Is(tag, WireFormat.WireType.LengthDelimited):
                    producerVersion = input.ReadString();
                    break;
                case ModelOpsetImport when Is(tag, WireFormat.WireType.LengthDelimited):
                    var (domain, version) = ReadOpset(input.ReadBytes().CreateCodedInput());
                    opsets[domain] = version;
                    break;
                case ModelGraph when Is(tag, WireFormat.WireType.LengthDelimited):
                    graph = ReadGraph(input.ReadBytes().CreateCodedInput());
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        if (graph is null || irVersion <= 0)
        {
            return null;
        }
        return graph with { IrVersion = irVersion, ProducerName = producer, ProducerVersion = producerVersion, Opsets = opsets };
    }

    /// <summary>The node that writes a value, or null when it is a graph input or an initializer.</summary>
    public OnnxNode? Producer(string value) => Nodes.FirstOrDefault(n => n.Outputs.Contains(value, StringComparer.Ordinal));

    private static (string Domain, long Version) ReadOpset(CodedInputStream input)
    {
        string domain = "";
        long version = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case OpsetDomain when Is(tag, WireFormat.WireType.LengthDelimited):
                    domain = input.ReadString();
                    break;
                case OpsetVersion when Is(tag, WireFormat.WireType.Varint):
                    version = input.ReadInt64();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        return (domain, version);
    }

    private static OnnxGraph ReadGraph(CodedInputStream input)
    {
        var nodes = new List<OnnxNode>();
        var inputs = new List<string>();
        var outputs = new List<string>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case GraphNode when Is(tag, WireFormat.WireType.LengthDelimited):
                    nodes.Add(ReadNode(input.ReadBytes().CreateCodedInput()));
                    break;
                case GraphInput when Is(tag, WireFormat.WireType.LengthDelimited):
                    inputs.Add(ReadValueInfoName(input.ReadBytes().CreateCodedInput()));
                    break;
                case GraphOutput when Is(tag, WireFormat.WireType.LengthDelimited):
                    outputs.Add(ReadValueInfoName(input.ReadBytes().CreateCodedInput()));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        return new OnnxGraph(0, "", "", new Dictionary<string, long>(), inputs, outputs, nodes);
    }

    private static string ReadValueInfoName(CodedInputStream input)
    {
        var name = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (Field(tag) == ValueInfoName && Is(tag, WireFormat.WireType.LengthDelimited))
            {
                name = input.ReadString();
            }
            else
            {
                input.SkipLastField();
            }
        }
        return name;
    }

    private static OnnxNode ReadNode(CodedInputStream input)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        string name = "", opType = "", domain = "";
        var attributes = new Dictionary<string, OnnxAttribute>(StringComparer.Ordinal);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case NodeInput when Is(tag, WireFormat.WireType.LengthDelimited):
                    inputs.Add(input.ReadString());
                    break;
                case NodeOutput when Is(tag, WireFormat.WireType.LengthDelimited):
                    outputs.Add(input.ReadString());
                    break;
                case NodeName when Is(tag, WireFormat.WireType.LengthDelimited):
                    name = input.ReadString();
                    break;
                case NodeOpType when Is(tag, WireFormat.WireType.LengthDelimited):
                    opType = input.ReadString();
                    break;
                case NodeDomain when Is(tag, WireFormat.WireType.LengthDelimited):
                    domain = input.ReadString();
                    break;
                case NodeAttribute when Is(tag, WireFormat.WireType.LengthDelimited):
                    var attribute = ReadAttribute(input.ReadBytes().CreateCodedInput());
                    attributes[attribute.Name] = attribute;
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        // The default domain is written "" or "ai.onnx".
        return new OnnxNode(opType, domain == "ai.onnx" ? "" : domain, name, inputs.ToArray(), outputs.ToArray(), attributes);
    }

    private static OnnxAttribute ReadAttribute(CodedInputStream input)
    {
        var name = "";
        float? f = null;
        long? i = null;
        string? s = null;
        var hasTensor = false;
        var floats = new RepeatedField<float>();
        var ints = new RepeatedField<long>();
        var strings = new RepeatedField<ByteString>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag))
            {
                case AttributeName when Is(tag, WireFormat.WireType.LengthDelimited):
                    name = input.ReadString();
                    break;
                case AttributeF when Is(tag, WireFormat.WireType.Fixed32):
                    f = input.ReadFloat();
                    break;
                case AttributeI when Is(tag, WireFormat.WireType.Varint):
                    i = input.ReadInt64();
                    break;
                case AttributeS when Is(tag, WireFormat.WireType.LengthDelimited):
                    s = input.ReadBytes().ToStringUtf8();
                    break;
                case AttributeT:
                    hasTensor = true;
                    input.SkipLastField();
                    break;
                // Repeated scalars come packed (one length-delimited run) or one per tag: AddEntriesFrom reads both.
                case AttributeFloats when Is(tag, WireFormat.WireType.LengthDelimited) || Is(tag, WireFormat.WireType.Fixed32):
                    floats.AddEntriesFrom(input, FieldCodec.ForFloat(WireFormat.MakeTag(AttributeFloats, WireFormat.WireType.Fixed32)));
                    break;
                case AttributeInts when Is(tag, WireFormat.WireType.LengthDelimited) || Is(tag, WireFormat.WireType.Varint):
                    ints.AddEntriesFrom(input, FieldCodec.ForInt64(WireFormat.MakeTag(AttributeInts, WireFormat.WireType.Varint)));
                    break;
                case AttributeStrings when Is(tag, WireFormat.WireType.LengthDelimited):
                    strings.Add(input.ReadBytes());
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        return new OnnxAttribute(name, f, i, s, hasTensor, floats.ToArray(), ints.ToArray(), strings.Select(b => b.ToStringUtf8()).ToArray());
    }

    private static int Field(uint tag) => WireFormat.GetTagFieldNumber(tag);

    private static bool Is(uint tag, WireFormat.WireType type) => WireFormat.GetTagWireType(tag) == type;
}

/// <summary>One node of an ONNX graph (NodeProto): its operator, the values it reads and writes, its attributes.</summary>
internal sealed record OnnxNode(
    string OpType,
    string Domain,
    string Name,
    string[] Inputs,
    string[] Outputs,
    IReadOnlyDictionary<string, OnnxAttribute> Attributes)
{
    /// <summary>The operator domain of the ONNX-ML operators (TreeEnsembleClassifier, LinearClassifier, ZipMap).</summary>
    public const string MlDomain = "ai.onnx.ml";

    /// <summary>"TreeEnsembleClassifier 'name'", or the operator alone for an unnamed node: for messages.</summary>
    public string Label => Name.Length == 0 ? OpType : $"{OpType} '{Name}'";

    public bool Is(string domain, string opType) => Domain == domain && OpType == opType;

    public float[] Floats(string name) => Attributes.TryGetValue(name, out var a) ? a.Floats : [];

    public long[] Ints(string name) => Attributes.TryGetValue(name, out var a) ? a.Ints : [];

    public string[] Strings(string name) => Attributes.TryGetValue(name, out var a) ? a.Strings : [];

    public string? String(string name) => Attributes.TryGetValue(name, out var a) ? a.S : null;

    public long? Int(string name) => Attributes.TryGetValue(name, out var a) ? a.I : null;
}

/// <summary>One attribute of a node (AttributeProto): the scalar and list fields the loader reads; a tensor is only noted.</summary>
internal sealed record OnnxAttribute(string Name, float? F, long? I, string? S, bool HasTensor, float[] Floats, long[] Ints, string[] Strings);
