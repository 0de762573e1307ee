namespace Audit.Fairness;

/// <summary>
/// A rate of a group cell: a weight sum over another, with the number of rows in the denominator (for
/// disclosure control and for <c>n</c> in the output). Undefined when the denominator is empty.
/// </summary>
public readonly record struct RateValue(double Numerator, double Denominator, long DenominatorRows, string UndefinedReason)
{
    public double? Value => Denominator > 0 ? Numerator / Denominator : null;
}

/// <summary>A rate defined once, from <see cref="ConfusionCounts"/>; every metric the report shows is one of these.</summary>
/// <param name="Key">The JSON name (camelCase).</param>
/// <param name="Title">The column title in reports.</param>
/// <param name="NeedsLabel">True when the rate needs observed outcomes (a label column).</param>
public sealed record GroupRate(string Key, string Title, bool NeedsLabel, Func<ConfusionCounts, RateValue> Compute)
{
    /// <summary>
    /// Share flagged: <c>W(decision = 1) / W(all)</c>, weights W (1 per row when unweighted). Fairlearn's
    /// <c>selection_rate</c>; the "flag rate" of investigative reporting.
    /// </summary>
    public static readonly GroupRate SelectionRate = new("selectionRate", "Flag rate", false,
        c => new RateValue(c.Weight(decision: 1), c.Weight(), c.Count(), "the group has no rows"));

    /// <summary>Share with the adverse outcome observed: <c>W(label = 1) / W(label known)</c> (prevalence).</summary>
    public static readonly GroupRate BaseRate = new("baseRate", "Base rate", true,
        c => new RateValue(c.Weight(label: 1), c.LabelledWeight(), c.LabelledCount(), "no row of the group has a known label"));

    /// <summary>True positive rate (recall): <c>W(label = 1, decision = 1) / W(label = 1)</c>. Fairlearn's <c>true_positive_rate</c>.</summary>
    public static readonly GroupRate TruePositiveRate = new("truePositiveRate", "TPR", true,
        c => new RateValue(c.Weight(1, 1), c.Weight(label: 1), c.Count(label: 1), "no row of the group has label 1"));

    /// <summary>
    /// False positive rate: <c>W(label = 0, decision = 1) / W(label = 0)</c>, the share of people without the
    /// adverse outcome who were flagged anyway. Fairlearn's <c>false_positive_rate</c>.
    /// </summary>
    public static readonly GroupRate FalsePositiveRate = new("falsePositiveRate", "FPR", true,
        c => new RateValue(c.Weight(0, 1), c.Weight(label: 0), c.Count(label: 0), "no row of the group has label 0"));

    /// <summary>False negative rate: <c>W(label = 1, decision = 0) / W(label = 1)</c> = 1 − TPR. Fairlearn's <c>false_negative_rate</c>.</summary>
    public static readonly GroupRate FalseNegativeRate = new("falseNegativeRate", "FNR", true,
        c => new RateValue(c.Weight(1, 0), c.Weight(label: 1), c.Count(label: 1), "no row of the group has label 1"));

    /// <summary>Precision (positive predictive value): <c>W(label = 1, decision = 1) / W(label known, decision = 1)</c>.</summary>
    public static readonly GroupRate Precision = new("precision", "Precision", true,
        c => new RateValue(c.Weight(1, 1), c.LabelledWeight(decision: 1), c.LabelledCount(decision: 1), "no flagged row of the group has a known label"));

    /// <summary>Accuracy: <c>(W(1, 1) + W(0, 0)) / W(label known)</c>. scikit-learn's <c>accuracy_score</c>.</summary>
    public static readonly GroupRate Accuracy = new("accuracy", "Accuracy", true,
        c => new RateValue(c.Weight(1, 1) + c.Weight(0, 0), c.LabelledWeight(), c.LabelledCount(), "no row of the group has a known label"));

    /// <summary>All rates, in report order.</summary>
    public static readonly IReadOnlyList<GroupRate> All =
        [SelectionRate, BaseRate, TruePositiveRate, FalsePositiveRate, FalseNegativeRate, Precision, Accuracy];
}
