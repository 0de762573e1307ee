using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace Audit.Models.Onnx;

/// <summary>
/// Loads <c>.onnx</c> files with ONNX Runtime (register it with <see cref="ModelLoaders.Register"/> on an audit context's catalogue; the CLI does).
/// </summary>
/// <remarks>
/// <para>Inputs (<see cref="OnnxInputLayout"/>): one float or double tensor [N, F] whose columns the plan lists in
/// <c>model.features</c>, or one [N, 1] input per column (float, double, int64 or string), matched to the data
/// column of the same name or as <c>model.inputs</c> maps it.</para>
/// <para>Output (<see cref="OnnxProbabilityOutput"/>): the positive-class probability, from <c>model.output</c>
/// or the first output named like "probabilities", else the last float output.</para>
/// <para>Before ONNX Runtime sees the file, its size is checked and it is parsed as an ONNX protobuf, so that a
/// truncated or foreign file ends in an <see cref="AuditInputException"/> naming it; ONNX Runtime's own load errors
/// are turned into one too. The session is deterministic for a machine: a fixed graph optimisation level
/// (<see cref="OptimizationLevel"/>), sequential execution, intra-op threads = the processor count.</para>
/// </remarks>
public sealed class OnnxModelLoader : IModelLoader
{
    /// <summary>
    /// Basic optimisations only (constant folding, redundant-node removal): they do not change arithmetic, while the
    /// extended level's fusions may, so the scores do not depend on which fusions a release applies.
    /// </summary>
    public const GraphOptimizationLevel OptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC;

    /// <summary>Protobuf's 2 GB message limit: larger ONNX files keep their weights in external data files.</summary>
    private const long MaxFileBytes = int.MaxValue;

    public string Kind => "ONNX model (.onnx)";

    public bool CanLoad(string path) => Path.GetExtension(path).Equals(".onnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads the model; a bad file, an input or output the loader cannot use, raises <see cref="AuditInputException"/> naming the file.</summary>
    public IScoringModel Load(ModelFileSpec spec) => Load(spec, readZipMapInput: true);

    /// <param name="spec">The model file and what the plan says about it.</param>
    /// <param name="readZipMapInput">False reads a ZipMap's sequence of maps itself (for tests of that path).</param>
    internal IScoringModel Load(ModelFileSpec spec, bool readZipMapInput)
    {
        var (graph, bytes) = Parse(spec);
        var session = Open(spec, null);
        OnnxScorer? scorer = null;
        try
        {
            var output = OnnxProbabilityOutput.Create(session, spec);
            if (output.MapSequence && readZipMapInput)
            {
                (session, output) = ReadZipMapInput(spec, graph, bytes, session, output);
            }
            scorer = new OnnxScorer(session, OnnxInputLayout.Create(session, spec), output, spec.Display);
            var parts = OnnxStructure.Read(graph, scorer, out var note);
            return parts switch
            {
                TreeEnsembleParts trees => new OnnxTreeEnsembleModel(scorer, graph, spec.Adverse, note, trees),
                LinearParts linear => new OnnxLinearModel(scorer, graph, spec.Adverse, note, linear),
                _ => new OnnxModel(scorer, graph, spec.Adverse, note),
            };
        }
        catch
        {
            if (scorer is null)
            {
                session.Dispose();
            }
            else
            {
                scorer.Dispose();
            }
            throw;
        }
    }

    /// <summary>
    /// When the output is a ZipMap's, a session of the model with the ZipMap replaced by its input tensor
    /// (<see cref="ZipMapBypass"/>) and that tensor as the output to read; else the session and output as they were.
    /// A model that does not load that way (its weights in external data files, a ZipMap output that other nodes
    /// read) keeps the ZipMap.
    /// </summary>
    private static (InferenceSession, OnnxProbabilityOutput) ReadZipMapInput(ModelFileSpec spec, OnnxGraph graph, byte[] bytes,
        InferenceSession session, OnnxProbabilityOutput output)
    {
        var zipMap = graph.Producer(output.Name);
        if (zipMap is null || !zipMap.Is(OnnxNode.MlDomain, "ZipMap") || zipMap.Inputs.Length != 1)
        {
            return (session, output);
        }
        var column = Array.IndexOf(zipMap.Ints("classlabels_int64s"), OnnxProbabilityOutput.PositiveClassKey);
        if (column < 0)
        {
            return (session, output);
        }
        var tensor = zipMap.Inputs[0];
        InferenceSession withTensor;
        try
        {
            withTensor = Open(spec, ZipMapBypass.Rewrite(bytes, output.Name, tensor));
        }
        catch (Exception e) when (e is AuditInputException or InvalidProtocolBufferException)
        {
            return (session, output);
        }
        var read = output.FromZipMapInput(withTensor, tensor, column);
        if (read is null)
        {
            withTensor.Dispose();
            return (session, output);
        }
        session.Dispose();
        return (withTensor, read);
    }

    private static (OnnxGraph, byte[]) Parse(ModelFileSpec spec)
    {
        var size = new FileInfo(spec.Path).Length;
        if (size == 0)
        {
            throw NotOnnx(spec, "the model file is empty", null);
        }
        if (size > MaxFileBytes)
        {
            throw new AuditInputException("the model file is larger than 2 GB", file: spec.Display, found: $"{size:N0} bytes",
                hint: "save the model with its weights as ONNX external data, or audit its scores with 'model.score_column'");
        }
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(spec.Path);
        }
        catch (IOException e)
        {
            throw new AuditInputException("the model file cannot be read", file: spec.Display, found: e.Message, inner: e);
        }
        try
        {
            var graph = OnnxGraph.Parse(bytes) ?? throw NotOnnx(spec, "not an ONNX model: the file holds no ONNX graph", null);
            OnnxOperatorCheck.Check(graph, spec.Display);
            return (graph, bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw NotOnnx(spec, "not an ONNX model: the file does not parse as ONNX (truncated, or another format)", e);
        }
    }

    /// <summary>A session for the file, or for <paramref name="bytes"/> when given.</summary>
    private static InferenceSession Open(ModelFileSpec spec, byte[]? bytes)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = OptimizationLevel,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Environment.ProcessorCount,
            // Errors reach the user as exceptions; ONNX Runtime's own log would repeat them on stderr.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
        };
        try
        {
            // From the path, so that ONNX Runtime finds external data files beside the model.
            return bytes is null ? new InferenceSession(spec.Path, options) : new InferenceSession(bytes, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new AuditInputException("ONNX Runtime cannot load the model", file: spec.Display, found: e.Message,
                hint: "check that ONNX Runtime 1.31 supports the operators and opsets the model uses; re-export the model if needed", inner: e);
        }
    }

    private static AuditInputException NotOnnx(ModelFileSpec spec, string problem, Exception? inner) =>
        new(problem, file: spec.Display, expected: "an ONNX model (a ModelProto protobuf)",
            hint: "export the model to ONNX (skl2onnx, onnxmltools, torch.onnx.export); renaming a file to .onnx does not convert it", inner: inner);
}
