using Google.Protobuf;

namespace Audit.Models.Onnx;

/// <summary>
/// Rewrites a model file so that a ZipMap's input tensor is a graph output in place of the ZipMap's sequence of
/// maps: the ZipMap node and its graph output are dropped and <c>output { name: tensor, type: tensor(float) }</c> is
/// added; every other byte of the file is copied as it is.
/// </summary>
/// <remarks>
/// Why: a ZipMap only pairs column j of its input with class label j, so the tensor holds the same probabilities,
/// but ONNX Runtime builds one map per row and returns a sequence of them, which costs 25 times the scoring of a
/// small tree ensemble (docs/benchmarks.md, "ONNX models"). Dropping the node (not only adding an output) matters
/// because ONNX Runtime runs every node of the graph, wanted or not. Field numbers as in <see cref="OnnxGraph"/>.
/// </remarks>
internal static class ZipMapBypass
{
    private const int ModelGraph = 7;
    private const int GraphNode = 1;
    private const int GraphOutput = 12;
    private const int ValueInfoName = 1;
    private const int ValueInfoType = 2;
    private const int TypeTensor = 1;
    private const int TensorElemType = 1;

    /// <summary>TensorProto.DataType.FLOAT.</summary>
    private const int FloatType = 1;

    /// <summary>The model with <paramref name="zipMapOutput"/>'s ZipMap replaced by the float tensor output <paramref name="tensor"/>.</summary>
    public static byte[] Rewrite(byte[] model, string zipMapOutput, string tensor)
    {
        using var result = new MemoryStream(model.Length + 64);
        CopyFields(model, result, (field, payload) =>
            field == ModelGraph ? Message(ModelGraph, RewriteGraph(payload.ToByteArray(), zipMapOutput, tensor)) : null);
        return result.ToArray();
    }

    private static byte[] RewriteGraph(byte[] graph, string zipMapOutput, string tensor)
    {
        using var result = new MemoryStream(graph.Length + 64);
        CopyFields(graph, result, (field, payload) =>
        {
            var drop = field switch
            {
                GraphNode => IsZipMapWriting(payload, zipMapOutput),
                GraphOutput => NameOf(payload) == zipMapOutput,
                _ => false,
            };
            return drop ? [] : null;
        });
        byte[] tensorType = Varint(TensorElemType, FloatType);
        var valueInfo = Message(ValueInfoName, System.Text.Encoding.UTF8.GetBytes(tensor))
            .Concat(Message(ValueInfoType, Message(TypeTensor, tensorType))).ToArray();
        result.Write(Message(GraphOutput, valueInfo));
        return result.ToArray();
    }

    /// <summary>
    /// Copies each field of a message, as its bytes, unless <paramref name="replace"/> returns bytes to write
    /// instead (empty to drop it). <paramref name="replace"/> sees length-delimited fields only.
    /// </summary>
    private static void CopyFields(byte[] message, Stream result, Func<int, ByteString, byte[]?> replace)
    {
        var input = new CodedInputStream(message);
        while (true)
        {
            var start = (int)input.Position;
            var tag = input.ReadTag();
            if (tag == 0)
            {
                return;
            }
            byte[]? replacement = null;
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                replacement = replace(WireFormat.GetTagFieldNumber(tag), input.ReadBytes());
            }
            else
            {
                input.SkipLastField();
            }
            if (replacement is null)
            {
                result.Write(message, start, (int)input.Position - start);
            }
            else
            {
                result.Write(replacement);
            }
        }
    }

    private static bool IsZipMapWriting(ByteString node, string output)
    {
        var input = node.CreateCodedInput();
        string opType = "", domain = "";
        var writes = false;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var wire = WireFormat.GetTagWireType(tag);
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 2 when wire == WireFormat.WireType.LengthDelimited:
                    writes |= input.ReadString() == output;
                    break;
                case 4 when wire == WireFormat.WireType.LengthDelimited:
                    opType = input.ReadString();
                    break;
                case 7 when wire == WireFormat.WireType.LengthDelimited:
                    domain = input.ReadString();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        return writes && opType == "ZipMap" && domain == OnnxNode.MlDomain;
    }

    private static string? NameOf(ByteString valueInfo)
    {
        var input = valueInfo.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == ValueInfoName && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                return input.ReadString();
            }
            input.SkipLastField();
        }
        return null;
    }

    private static byte[] Message(int field, byte[] payload)
    {
        using var stream = new MemoryStream();
        using (var output = new CodedOutputStream(stream, leaveOpen: true))
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(payload));
        }
        return stream.ToArray();
    }

    private static byte[] Varint(int field, long value)
    {
        using var stream = new MemoryStream();
        using (var output = new CodedOutputStream(stream, leaveOpen: true))
        {
            output.WriteTag(field, WireFormat.WireType.Varint);
            output.WriteInt64(value);
        }
        return stream.ToArray();
    }
}
