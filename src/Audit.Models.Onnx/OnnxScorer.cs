using Audit.Data;
using Microsoft.ML.OnnxRuntime;

namespace Audit.Models.Onnx;

/// <summary>
/// Runs an ONNX Runtime session over a table in chunks of <see cref="ChunkRows"/> rows and collects the
/// positive-class probability of each row.
/// </summary>
internal sealed class OnnxScorer : IDisposable
{
    /// <summary>Rows per run: large enough that the per-run cost vanishes, small enough that the buffers stay a few MB.</summary>
    public const int ChunkRows = 65_536;

    /// <summary>How far a probability may stray outside [0, 1] through float rounding (a softmax's sum) before it is an error.</summary>
    private const double ProbabilitySlack = 1e-6;

    private readonly InferenceSession session;
    private readonly string[] outputNames;

    public OnnxScorer(InferenceSession session, OnnxInputLayout layout, OnnxProbabilityOutput output, string file)
    {
        this.session = session;
        Layout = layout;
        Output = output;
        File = file;
        outputNames = [output.Name];
    }

    public OnnxInputLayout Layout { get; }

    public OnnxProbabilityOutput Output { get; }

    /// <summary>The model file as the plan named it, for errors.</summary>
    public string File { get; }

    /// <summary>
    /// One probability per row. With <paramref name="checkProbabilities"/>, a value that is NaN or outside [0, 1]
    /// is an error naming the row (values within 1e-6 of the range are clamped).
    /// </summary>
    public double[] Score(Table table, Action<long, long>? progress, bool checkProbabilities = true)
    {
        var n = table.RowCount;
        var scores = new double[n];
        if (n == 0)
        {
            return scores;
        }
        var feeder = new OnnxInputFeeder(Layout, table, Math.Min(ChunkRows, n), File);
        using var runOptions = new RunOptions();
        for (var start = 0; start < n; start += ChunkRows)
        {
            var count = Math.Min(ChunkRows, n - start);
            var inputs = feeder.Fill(start, count);
            try
            {
                using var outputs = session.Run(runOptions, Layout.InputNames, inputs, outputNames);
                var output = outputs.First();
                if (Output.MapSequence && output.GetValueCount() != count)
                {
                    throw new AuditInputException($"the output '{Output.ModelOutput}' has {output.GetValueCount()} maps for {count} rows", file: File,
                        hint: "the model must give one probability per row");
                }
                Output.Read(output, scores.AsSpan(start, count), File, start);
            }
            catch (OnnxRuntimeException e)
            {
                throw new AuditInputException($"ONNX Runtime could not score rows {start + 1} to {start + count}", file: File,
                    found: e.Message, hint: "check that the data columns match what the model was trained on ('model.features', 'model.inputs')", inner: e);
            }
            finally
            {
                foreach (var input in inputs)
                {
                    input.Dispose();
                }
            }
            progress?.Invoke(start + count, n);
        }
        if (checkProbabilities)
        {
            CheckProbabilities(scores);
        }
        return scores;
    }

    private void CheckProbabilities(double[] scores)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            var p = scores[i];
            if (p is >= 0 and <= 1)
            {
                continue;
            }
            if (p >= -ProbabilitySlack && p <= 1 + ProbabilitySlack)
            {
                scores[i] = Math.Clamp(p, 0, 1);
                continue;
            }
            throw new AuditInputException($"the model's output '{Output.ModelOutput}' is not a probability", file: File, row: i + 1,
                expected: "a probability between 0 and 1", found: p.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                hint: double.IsNaN(p)
                    ? "the row has a value the model cannot score (a missing value, most often): complete the data or drop the row"
                    : "name the model's probability output in 'model.output' (a raw score or a regression output is not audited as a probability)");
        }
    }

    public void Dispose() => session.Dispose();
}
