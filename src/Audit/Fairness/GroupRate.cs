using Audit.Results;

namespace Audit.Fairness;

/// <summary>
/// A rate of a group cell: a weight sum over another, with the number of rows in the denominator (for
/// disclosure control and for <c>n</c> in the output). Undefined when the denominator is empty.
/// <see cref="Successes"/> and <see cref="Trials"/> are the row counts behind it, for analytical intervals.
/// </summary>
public readonly record struct RateValue(double Numerator, double Denominator, long DenominatorRows, string UndefinedReason, long Successes = 0)
{
    public double? Value => Denominator > 0 ? Numerator / Denominator : null;

    public long Trials => DenominatorRows;
}

/// <summary>
/// A metric of a group cell defined once, from <see cref="ConfusionCounts"/>: every count-based metric the report
/// shows is one of these (STYLE.md: one group-statistics object, metrics are small functions of it).
/// Labels: 1 = the adverse outcome was observed (e.g. an overpayment found); decisions: 1 = flagged.
/// "Positive" therefore means flagged / adverse outcome, as in Fairlearn when y_pred = 1 is the flag.
/// </summary>
/// <param name="Key">The JSON name (camelCase), one of <see cref="MetricKeys"/>; the pages title it from the key.</param>
/// <param name="NeedsLabel">True when the metric needs observed outcomes (a label column).</param>
/// <param name="IsProportion">True when the value is a share of rows (successes / trials), so that proportion intervals and tests apply.</param>
public sealed record GroupRate(string Key, bool NeedsLabel, bool IsProportion, Func<ConfusionCounts, RateValue> Compute)
{
    private static GroupRate Proportion(string key, bool needsLabel, Func<ConfusionCounts, RateValue> compute) =>
        new(key, needsLabel, true, compute);

    /// <summary>
    /// Share flagged: <c>W(decision = 1) / W(all)</c>, weights W (1 per row when unweighted). Fairlearn's
    /// <c>selection_rate</c>; the "flag rate" of investigative reporting.
    /// </summary>
    public static readonly GroupRate SelectionRate = Proportion(MetricKeys.SelectionRate, false,
        c => new RateValue(c.Weight(decision: 1), c.Weight(), c.Count(), c.Count() == 0 ? "the group has no rows" : "the group's weights sum to 0", c.Count(decision: 1)));

    /// <summary>Share with the adverse outcome observed (prevalence): <c>W(label = 1) / W(label known)</c>.</summary>
    public static readonly GroupRate BaseRate = Proportion(MetricKeys.BaseRate, true,
        c => new RateValue(c.Weight(label: 1), c.LabelledWeight(), c.LabelledCount(), "no row of the group has a known label", c.Count(label: 1)));

    /// <summary>True positive rate (recall, sensitivity): <c>W(label = 1, flagged) / W(label = 1)</c>. Fairlearn's <c>true_positive_rate</c>.</summary>
    public static readonly GroupRate TruePositiveRate = Proportion(MetricKeys.TruePositiveRate, true,
        c => new RateValue(c.Weight(1, 1), c.Weight(label: 1), c.Count(label: 1), "no row of the group has label 1", c.Count(1, 1)));

    /// <summary>True negative rate (specificity): <c>W(label = 0, not flagged) / W(label = 0)</c>. Fairlearn's <c>true_negative_rate</c>.</summary>
    public static readonly GroupRate TrueNegativeRate = Proportion(MetricKeys.TrueNegativeRate, true,
        c => new RateValue(c.Weight(0, 0), c.Weight(label: 0), c.Count(label: 0), "no row of the group has label 0", c.Count(0, 0)));

    /// <summary>
    /// False positive rate: <c>W(label = 0, flagged) / W(label = 0)</c>, the share of people without the adverse
    /// outcome who were flagged anyway. Fairlearn's <c>false_positive_rate</c>; ProPublica's "labeled higher risk, but didn't re-offend".
    /// </summary>
    public static readonly GroupRate FalsePositiveRate = Proportion(MetricKeys.FalsePositiveRate, true,
        c => new RateValue(c.Weight(0, 1), c.Weight(label: 0), c.Count(label: 0), "no row of the group has label 0", c.Count(0, 1)));

    /// <summary>False negative rate: <c>W(label = 1, not flagged) / W(label = 1)</c> = 1 − TPR. Fairlearn's <c>false_negative_rate</c>.</summary>
    public static readonly GroupRate FalseNegativeRate = Proportion(MetricKeys.FalseNegativeRate, true,
        c => new RateValue(c.Weight(1, 0), c.Weight(label: 1), c.Count(label: 1), "no row of the group has label 1", c.Count(1, 0)));

    /// <summary>Positive predictive value (precision, hit rate): <c>W(label = 1, flagged) / W(label known, flagged)</c>.</summary>
    public static readonly GroupRate PositivePredictiveValue = Proportion(MetricKeys.PositivePredictiveValue, true,
        c => new RateValue(c.Weight(1, 1), c.LabelledWeight(decision: 1), c.LabelledCount(decision: 1), "no flagged row of the group has a known label", c.Count(1, 1)));

    /// <summary>Negative predictive value: <c>W(label = 0, not flagged) / W(label known, not flagged)</c>.</summary>
    public static readonly GroupRate NegativePredictiveValue = Proportion(MetricKeys.NegativePredictiveValue, true,
        c => new RateValue(c.Weight(0, 0), c.LabelledWeight(decision: 0), c.LabelledCount(decision: 0), "no unflagged row of the group has a known label", c.Count(0, 0)));

    /// <summary>False discovery rate: <c>W(label = 0, flagged) / W(label known, flagged)</c> = 1 − PPV: the share of controls that found nothing.</summary>
    public static readonly GroupRate FalseDiscoveryRate = Proportion(MetricKeys.FalseDiscoveryRate, true,
        c => new RateValue(c.Weight(0, 1), c.LabelledWeight(decision: 1), c.LabelledCount(decision: 1), "no flagged row of the group has a known label", c.Count(0, 1)));

    /// <summary>False omission rate: <c>W(label = 1, not flagged) / W(label known, not flagged)</c> = 1 − NPV.</summary>
    public static readonly GroupRate FalseOmissionRate = Proportion(MetricKeys.FalseOmissionRate, true,
        c => new RateValue(c.Weight(1, 0), c.LabelledWeight(decision: 0), c.LabelledCount(decision: 0), "no unflagged row of the group has a known label", c.Count(1, 0)));

    /// <summary>Accuracy: <c>(W(1, flagged) + W(0, not flagged)) / W(label known)</c>. scikit-learn's <c>accuracy_score</c>.</summary>
    public static readonly GroupRate Accuracy = Proportion(MetricKeys.Accuracy, true,
        c => new RateValue(c.Weight(1, 1) + c.Weight(0, 0), c.LabelledWeight(), c.LabelledCount(), "no row of the group has a known label", c.Count(1, 1) + c.Count(0, 0)));

    /// <summary>
    /// Balanced accuracy: <c>(TPR + TNR) / 2</c>, scikit-learn's <c>balanced_accuracy_score</c>. Not a proportion of
    /// rows (no proportion interval); undefined unless the group has rows of both labels.
    /// </summary>
    public static readonly GroupRate BalancedAccuracy = new(MetricKeys.BalancedAccuracy, true, false, c =>
    {
        var tpr = TruePositiveRate.Compute(c);
        var tnr = TrueNegativeRate.Compute(c);
        var rows = Math.Min(tpr.DenominatorRows, tnr.DenominatorRows);
        return tpr.Value is { } a && tnr.Value is { } b
            ? new RateValue((a + b) / 2, 1, rows, "")
            : new RateValue(0, 0, rows, "the group lacks rows with label 1 or with label 0");
    });

    /// <summary>All metrics, in report order.</summary>
    public static readonly IReadOnlyList<GroupRate> All =
    [
        SelectionRate, BaseRate, TruePositiveRate, TrueNegativeRate, FalsePositiveRate, FalseNegativeRate,
        PositivePredictiveValue, NegativePredictiveValue, FalseDiscoveryRate, FalseOmissionRate, Accuracy, BalancedAccuracy,
    ];
}
