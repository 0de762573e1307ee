using Audit.Models.Onnx;
using Google.Protobuf;

namespace Audit.Tests.Models.Onnx;

public sealed class OnnxGraphTests
{
    [Fact]
    public void ReadsPackedAndUnpackedRepeatedAttributes()
    {
        // The fixtures (Python protobuf, proto2) write repeated scalars one per tag; proto3 writers pack them.
        var attributePacked = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("nodes_values");
            o.WriteTag(7, WireFormat.WireType.LengthDelimited);
            o.WriteLength(8);
            o.WriteFloat(1.5f);
            o.WriteFloat(2.5f);
        });
        var attributeUnpacked = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("nodes_treeids");
            o.WriteTag(8, WireFormat.WireType.Varint);
            o.WriteInt64(3);
            o.WriteTag(8, WireFormat.WireType.Varint);
            o.WriteInt64(4);
        });
        var node = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("X");
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteString("Y");
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteString("TreeEnsembleRegressor");
            o.WriteTag(7, WireFormat.WireType.LengthDelimited);
            o.WriteString("ai.onnx.ml");
            o.WriteTag(5, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(attributePacked);
            o.WriteTag(5, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(attributeUnpacked);
        });
        var valueInfo = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("X");
        });
        var graph = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(node);
            o.WriteTag(11, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(valueInfo);
            o.WriteTag(10, WireFormat.WireType.LengthDelimited); // doc_string: skipped
            o.WriteString("a graph");
        });
        var model = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt64(8);
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteString("hand");
            o.WriteTag(7, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(graph);
        });

        var parsed = OnnxGraph.Parse(model.ToByteArray())!;

        Assert.Equal(8, parsed.IrVersion);
        Assert.Equal("hand", parsed.ProducerName);
        Assert.Equal(["X"], parsed.Inputs);
        var read = Assert.Single(parsed.Nodes);
        Assert.True(read.Is(OnnxNode.MlDomain, "TreeEnsembleRegressor"));
        Assert.Equal([1.5f, 2.5f], read.Floats("nodes_values"));
        Assert.Equal([3L, 4L], read.Ints("nodes_treeids"));
        Assert.Same(read, parsed.Producer("Y"));
    }

    [Fact]
    public void ProtobufWithoutAGraphIsNotAModel()
    {
        var bytes = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt64(8);
        });
        Assert.Null(OnnxGraph.Parse(bytes.ToByteArray()));
    }

    [Fact]
    public void TheZipMapBypassReplacesTheZipMapByItsInputTensor()
    {
        var bytes = File.ReadAllBytes(OnnxFixtures.PathOf("tree.onnx"));
        var original = OnnxGraph.Parse(bytes)!;

        var rewritten = OnnxGraph.Parse(ZipMapBypass.Rewrite(bytes, "output_probability", "probabilities"))!;

        Assert.Contains(original.Nodes, n => n.OpType == "ZipMap");
        Assert.DoesNotContain(rewritten.Nodes, n => n.OpType == "ZipMap");
        Assert.Equal(["output_label", "probabilities"], rewritten.Outputs);
        Assert.Equal(original.Nodes.Single(n => n.OpType == "TreeEnsembleClassifier"), rewritten.Nodes.Single(), new NodeComparer());
        Assert.Equal(original.Opsets, rewritten.Opsets);
    }

    private sealed class NodeComparer : IEqualityComparer<OnnxNode>
    {
        public bool Equals(OnnxNode? x, OnnxNode? y) =>
            x!.OpType == y!.OpType && x.Inputs.SequenceEqual(y.Inputs) && x.Outputs.SequenceEqual(y.Outputs)
            && x.Attributes.Count == y.Attributes.Count && x.Floats("nodes_values").SequenceEqual(y.Floats("nodes_values"));

        public int GetHashCode(OnnxNode obj) => obj.OpType.GetHashCode();
    }

    private static ByteString Message(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        using (var output = new CodedOutputStream(stream, leaveOpen: true))
        {
            write(output);
        }
        return ByteString.CopyFrom(stream.ToArray());
    }
}
