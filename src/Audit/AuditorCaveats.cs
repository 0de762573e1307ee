using Audit.Fairness;
using Audit.Plan;
using Audit.Results;
using Audit.Pipeline;

namespace Audit;

public static partial class Auditor
{
    /// <summary>
    /// The run's caveats as codes and the facts they quote; their sentences are Reporting's catalogue's
    /// (<c>caveat.CODE</c>), in every language.
    /// </summary>
    private static List<Caveat> Caveats(DecidedPopulation people, StageContext context, FairnessSection fairness, Models.ModelFileSpec? modelFile) =>
        Caveats(people.LabelColumn, people.Outcome.TiedAtCutoff, people.Outcome.TiedAtCutoffFlagged, people.Weights.Length > 0 && !people.FrequencyWeights, context, fairness, modelFile);

    /// <summary>The same from the facts alone, for a run on counts (<see cref="RunCounts"/>), which has no decided rows.</summary>
    private static List<Caveat> Caveats(string? labelColumn, long tiedAtCutoff, long tiedAtCutoffFlagged, bool samplingWeights, StageContext context, FairnessSection fairness, Models.ModelFileSpec? modelFile)
    {
        var outcome = (TiedAtCutoff: tiedAtCutoff, TiedAtCutoffFlagged: tiedAtCutoffFlagged);
        var caveats = new List<Caveat>();
        if (!fairness.Inference.Analytical)
        {
            caveats.Add(new(Caveat.NoInference, Counted(("bootstrapReplicates", fairness.Inference.BootstrapReplicates))));
        }
        caveats.Add(new(Caveat.MultipleComparisons, Names: Named(("correction", fairness.Inference.Correction))));
        caveats.Add(labelColumn is null
            ? new(Caveat.NoLabel)
            : new(Caveat.LabelsAsGiven, Names: Named(("label", labelColumn))));
        if (outcome.TiedAtCutoff > 0)
        {
            caveats.Add(new(Caveat.TiesAtCutoff, Counted(("tied", outcome.TiedAtCutoff), ("tiedFlagged", outcome.TiedAtCutoffFlagged))));
        }
        var suppressed = fairness.Attributes.Concat(fairness.Intersections).Sum(a => a.Groups.Count(g => g.Count.Suppressed == true));
        if (suppressed > 0)
        {
            caveats.Add(new(Caveat.SuppressedCells, fairness.Disclosure is { } d
                ? Counted(("suppressed", suppressed), ("primary", d.Primary), ("complementary", d.Complementary), ("minCell", context.Fairness.MinCellSize),
                    ("labelMetrics", d.ComplementaryLabelMetrics), ("unprotected", d.Unprotected), ("exactCheck", d.ExactCheck ? 1 : 0))
                : Counted(("suppressed", suppressed))));
        }
        if (samplingWeights)
        {
            caveats.Add(new(Caveat.SamplingWeights));
        }
        if (modelFile is { } file)
        {
            var runtime = file.Path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? "ONNX Runtime" : "ML.NET";
            caveats.Add(new(Caveat.ModelFileLoaded, Names: Named(("file", file.Display), ("runtime", runtime))));
        }
        return caveats;
    }

    private static Dictionary<string, double> Counted(params (string Name, double Value)[] numbers) =>
        numbers.ToDictionary(n => n.Name, n => n.Value, StringComparer.Ordinal);

    private static Dictionary<string, string> Named(params (string Name, string Value)[] names) =>
        names.ToDictionary(n => n.Name, n => n.Value, StringComparer.Ordinal);
}
