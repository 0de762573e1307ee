using Audit.Data;

namespace Audit.Models.Onnx;

/// <summary>
/// A trained model in an ONNX file, scored by ONNX Runtime: the score of a row is the positive-class probability
/// the model outputs (see <see cref="OnnxModelLoader"/> for the input layouts and the output read). Loaded models
/// whose probability comes straight from a tree ensemble or a logistic linear classifier are
/// <see cref="OnnxTreeEnsembleModel"/> or <see cref="OnnxLinearModel"/>, which add the exact structure.
/// Dispose it to free the native session (a process that exits frees it too).
/// </summary>
public class OnnxModel : IScoringModel, IDisposable
{
    private readonly OnnxScorer scorer;

    internal OnnxModel(OnnxScorer scorer, OnnxGraph graph, AdverseTail adverse, string structureNote)
    {
        this.scorer = scorer;
        Adverse = adverse;
        Name = scorer.File;
        Producer = graph.ProducerName.Length == 0 ? null : (graph.ProducerName + " " + graph.ProducerVersion).Trim();
        Opsets = graph.Opsets.OrderBy(o => o.Key, StringComparer.Ordinal).ToDictionary(o => o.Key.Length == 0 ? "ai.onnx" : o.Key, o => o.Value);
        StructureNote = structureNote;
    }

    /// <summary>The model file as the plan names it.</summary>
    public string Name { get; }

    public string Kind => "onnx";

    public AdverseTail Adverse { get; }

    /// <summary>The data columns the model reads, in its input order (numeric for float, double and int64 inputs; categorical for string inputs).</summary>
    public IReadOnlyList<FeatureSpec> Features => scorer.Layout.Features;

    /// <summary>The model output the score is (for a ZipMap output, read from the probability tensor the ZipMap takes).</summary>
    public string Output => scorer.Output.ModelOutput;

    /// <summary>The loader reads the positive (adverse) class's probability, so calibration by group applies.</summary>
    public bool ScoreIsProbability => true;

    /// <summary>True when the score is read from a sequence of maps, one per row (a ZipMap whose input tensor could not be read instead).</summary>
    internal bool ReadsMaps => scorer.Output.MapSequence;

    /// <summary>The program that wrote the file ("skl2onnx 1.17.0"), when the file says.</summary>
    public string? Producer { get; }

    /// <summary>Operator set versions the model imports, by domain ("ai.onnx", "ai.onnx.ml").</summary>
    public IReadOnlyDictionary<string, long> Opsets { get; }

    /// <summary>
    /// Whether the model's structure was read for exact explanation and recourse, and why not when it was not
    /// ("TreeEnsembleClassifier 'n0' read as 3 trees …", "split mode BRANCH_GT is not read"): for <c>audit model inspect</c>.
    /// </summary>
    public string StructureNote { get; }

    public IReadOnlyList<string> Details =>
    [
        $"output: {Output}" + (ReadsMaps ? " (a sequence of maps, read row by row)" : ""),
        $"written by: {Producer ?? "not stated in the file"}",
        "operator sets: " + string.Join(", ", Opsets.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{(p.Key.Length == 0 ? "ai.onnx" : p.Key)} {p.Value}")),
        "structure: " + StructureNote,
    ];

    /// <summary>
    /// The positive-class probability of every row, scored in chunks of 65,536 rows. A row the model cannot score,
    /// or an output that is not a probability (NaN, outside [0, 1]), is an <see cref="AuditInputException"/>
    /// naming the file and the row.
    /// </summary>
    public double[] Score(Table table, Action<long, long>? progress = null) => scorer.Score(table, progress);

    public void Dispose()
    {
        scorer.Dispose();
        GC.SuppressFinalize(this);
    }
}
