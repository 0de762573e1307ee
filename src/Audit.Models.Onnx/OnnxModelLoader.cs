using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;

namespace Audit.Models.Onnx;

/// <summary>
/// Loads <c>.onnx</c> files with ONNX Runtime (register it with <see cref="ModelLoaders.Register"/>; the CLI does).
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
    public IScoringModel Load(ModelFileSpec spec)
    {
        var graph = Parse(spec);
        var session = Open(spec);
        OnnxScorer? scorer = null;
        try
        {
            scorer = new OnnxScorer(session, OnnxInputLayout.Create(session, spec), OnnxProbabilityOutput.Create(session, spec), spec.Display);
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

    private static OnnxGraph Parse(ModelFileSpec spec)
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
            return OnnxGraph.Parse(bytes) ?? throw NotOnnx(spec, "not an ONNX model: the file holds no ONNX graph", null);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw NotOnnx(spec, "not an ONNX model: the file does not parse as ONNX (truncated, or another format)", e);
        }
    }

    private static InferenceSession Open(ModelFileSpec spec)
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
            return new InferenceSession(spec.Path, options);
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
