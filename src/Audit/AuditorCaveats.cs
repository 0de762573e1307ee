using Audit.Fairness;
using Audit.Results;

namespace Audit;

public static partial class Auditor
{
    private static List<Caveat> Caveats(DecidedPopulation people, StageContext context, FairnessSection fairness, Models.ModelFileSpec? modelFile)
    {
        var outcome = people.Outcome;
        var caveats = new List<Caveat>();
        if (fairness.Inference.Limitation is { } limitation)
        {
            caveats.Add(new("no-inference", "Intervals and tests are missing: " + limitation + ". A difference between small groups may be chance."));
        }
        caveats.Add(new("multiple-comparisons", fairness.Inference.Correction == "none"
            ? "Many groups are compared and the p-values are not adjusted for it (inference.correction: none): some small p-values are expected by chance. A large p-value in a small group (see the detectable difference) is not evidence of equal treatment either."
            : $"Many groups are compared: read the adjusted p-values ({fairness.Inference.Correction}), and remember that a large p-value in a small group (see the detectable difference) is not evidence of equal treatment."));
        if (people.LabelColumn is null)
        {
            caveats.Add(new("no-label", "The data has no label column: error rates (true and false positive rates, precision) cannot be computed, only who is flagged."));
        }
        else
        {
            caveats.Add(new("labels-as-given", $"Labels ('{people.LabelColumn}') are taken as given. If they exist only for people who were investigated, and investigations followed the score, error rates describe the investigated population, not everyone."));
        }
        if (outcome.TiedAtCutoff > 0)
        {
            caveats.Add(new("ties-at-cutoff", $"{outcome.TiedAtCutoff} rows share the cut-off score; {outcome.TiedAtCutoffFlagged} of them were flagged by row order. Group results near the cut-off depend on that order."));
        }
        var suppressed = fairness.Attributes.Concat(fairness.Intersections).Sum(a => a.Groups.Count(g => g.Count.Suppressed == true));
        if (suppressed > 0)
        {
            var disclosure = fairness.Disclosure;
            var text = disclosure is null
                ? $"{suppressed} group(s) or subgroup(s) are suppressed and excluded from comparisons."
                : $"{suppressed} group(s) or subgroup(s) are suppressed and excluded from comparisons: {disclosure.Primary} with fewer than {context.Fairness.MinCellSize} rows, " +
                  $"and {disclosure.Complementary} more so that none of them can be worked out by subtraction from the totals (complementary suppression)" +
                  (disclosure.ComplementaryLabelMetrics > 0 ? $"; the error rates of {disclosure.ComplementaryLabelMetrics} further group(s) are hidden for the same reason." : ".");
            if (disclosure is { ExactCheck: false })
            {
                text += " There were too many hidden groups to check every count by linear algebra: only the line rule was applied. Review the tables before publishing.";
            }
            if (disclosure is { Unprotected: > 0 })
            {
                text += $" {disclosure.Unprotected} hidden group(s) could not be protected from subtraction (a group equal to a published total). Review before publishing.";
            }
            caveats.Add(new("suppressed-cells", text));
        }
        if (people.Weights.Length > 0 && !people.FrequencyWeights)
        {
            caveats.Add(new("sampling-weights", "Rates are weighted by sampling weights; counts (n) are rows."));
        }
        if (modelFile is { } file)
        {
            caveats.Add(new("model-file-loaded", $"The model file '{file.Display}' was loaded and run by {(file.Path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? "ONNX Runtime" : "ML.NET")}. " +
                "Audit checks it first (standard ONNX operators and opsets only; bounded ML.NET archives), but a model file from an untrusted source is code-like input to a native runtime: run such audits on a machine that holds no other confidential data."));
        }
        return caveats;
    }
}
