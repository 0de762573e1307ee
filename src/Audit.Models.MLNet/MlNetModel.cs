using System.Runtime.ExceptionServices;
using Audit.Data;
using Microsoft.ML;

namespace Audit.Models.MLNet;

/// <summary>
/// A trained ML.NET model (<c>.zip</c>) under audit. Each row's score is the model's own <c>Probability</c> or
/// <c>Score</c> output, computed by ML.NET itself: the table's columns are handed to the model's transformer chunk by
/// chunk through a small <see cref="IDataView"/> over reused column buffers (see <see cref="ChunkRows"/>).
/// Numeric inputs are passed as ML.NET's Single (float) or Double, NaN where missing (ML.NET's tree learners route a
/// NaN by their own rule; its linear learners give no score, which is an error naming the row); text inputs take a
/// categorical column's labels, a missing label as the empty text (which ML.NET's one-hot encoders treat as a value
/// not seen in training unless it was); boolean inputs take true/false or 0/1 and refuse a missing value.
/// Created by <see cref="MlNetModelLoader"/>; models whose structure is readable are <see cref="MlNetTreeEnsembleModel"/>
/// or <see cref="MlNetLinearModel"/>.
/// </summary>
public class MlNetModel : IScoringModel
{
    /// <summary>
    /// Rows handed to ML.NET at a time: large enough that opening a cursor per chunk costs nothing measurable, small
    /// enough that the buffers (a few bytes per row and input) stay in cache-friendly sizes; chunks are scored in parallel.
    /// </summary>
    public const int ChunkRows = 65_536;

    private readonly ITransformer transformer;
    private readonly MlNetInput[] inputs;

    internal MlNetModel(MlNetModelParts parts)
    {
        transformer = parts.Transformer;
        inputs = [.. parts.Inputs];
        File = parts.File;
        Adverse = parts.Adverse;
        OutputColumn = parts.OutputColumn;
        Predictor = parts.Predictor;
        Name = $"{Path.GetFileName(parts.File)} ({parts.Predictor})";
        var features = new List<FeatureSpec>();
        foreach (var input in inputs)
        {
            foreach (var column in input.Columns)
            {
                if (!features.Any(f => f.Name == column))
                {
                    features.Add(new FeatureSpec(column, input.ColumnType, $"ML.NET input '{input.Name}' ({input.TypeName})"));
                }
            }
        }
        Features = features;
    }

    public string Name { get; }

    public string Kind => "ml.net";

    public AdverseTail Adverse { get; }

    /// <summary>One entry per data column the model reads (a column feeding two inputs is listed once).</summary>
    public IReadOnlyList<FeatureSpec> Features { get; }

    /// <summary>The model file as the plan names it.</summary>
    public string File { get; }

    /// <summary>The ML.NET output column read as the score: <c>Probability</c> or <c>Score</c>.</summary>
    public string OutputColumn { get; }

    /// <summary>A binary classifier's <c>Probability</c> output is the probability of the positive (adverse) class.</summary>
    public bool ScoreIsProbability => OutputColumn == "Probability";

    /// <summary>What the model's last transformer is ("FastTree binary classifier, Platt-calibrated").</summary>
    public string Predictor { get; }

    public IReadOnlyList<string> Details => [$"output: {OutputColumn}", $"predictor: {Predictor}"];

    /// <summary>The model inputs the score depends on, with the data columns that feed them.</summary>
    public IReadOnlyList<MlNetInput> Inputs => inputs;

    public double[] Score(Table table, Action<long, long>? progress = null)
    {
        var binding = TableBinding.Bind(table, inputs, File);
        var rows = table.RowCount;
        var scores = new double[rows];
        var chunks = (rows + ChunkRows - 1) / ChunkRows;
        var capacity = Math.Min(ChunkRows, Math.Max(rows, 1));
        var gate = new Lock();
        long done = 0;
        try
        {
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                () => new ChunkScorer(transformer, inputs, OutputColumn, capacity),
                (chunk, _, scorer) =>
                {
                    var start = chunk * ChunkRows;
                    var count = Math.Min(ChunkRows, rows - start);
                    scorer.Score(binding, start, count, scores);
                    lock (gate)
                    {
                        done += count;
                        progress?.Invoke(done, rows);
                    }
                    return scorer;
                },
                _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        if (rows == 0)
        {
            progress?.Invoke(0, 0);
        }
        CheckScores(scores, binding);
        return scores;
    }

    /// <summary>A NaN score means the model had no rule for a missing input (ML.NET's linear models): an error naming the row.</summary>
    private static void CheckScores(double[] scores, TableBinding binding)
    {
        for (var r = 0; r < scores.Length; r++)
        {
            if (!double.IsNaN(scores[r]))
            {
                continue;
            }
            var missing = binding.Columns.SelectMany(c => c).FirstOrDefault(c => c.IsMissing(r));
            throw new AuditInputException(missing is null ? "the model gives no score for this row" : "the model gives no score for a missing value",
                row: r + 1, column: missing?.Name, expected: "a value the model can score",
                hint: "this ML.NET model has no rule for a missing input: fill the value, or remove the row before the audit and say why in the report");
        }
    }

    /// <summary>One worker's view, transformed view and cursor loop; reused across the chunks the worker scores.</summary>
    private sealed class ChunkScorer
    {
        private readonly ChunkDataView view;
        private readonly IDataView scored;
        private readonly DataViewSchema.Column output;

        public ChunkScorer(ITransformer transformer, IReadOnlyList<MlNetInput> inputs, string outputColumn, int capacity)
        {
            view = new ChunkDataView(inputs, capacity);
            scored = transformer.Transform(view);
            output = scored.Schema[outputColumn];
        }

        public void Score(TableBinding binding, int start, int count, double[] scores)
        {
            view.Fill(binding, start, count);
            using var cursor = scored.GetRowCursor([output]);
            var getter = cursor.GetGetter<float>(output);
            var value = 0f;
            var row = start;
            while (cursor.MoveNext())
            {
                getter(ref value);
                scores[row++] = value;
            }
            if (row != start + count)
            {
                throw new InvalidOperationException($"ML.NET returned {row - start} scores for {count} rows.");
            }
        }
    }
}

/// <summary>What <see cref="MlNetModelLoader"/> read from a model file, handed to the model's constructor.</summary>
internal sealed record MlNetModelParts(
    string File,
    AdverseTail Adverse,
    ITransformer Transformer,
    IReadOnlyList<MlNetInput> Inputs,
    string OutputColumn,
    string Predictor);
