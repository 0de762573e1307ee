namespace Audit.Results;

/// <summary>
/// The key of each group metric in the result (<see cref="GroupResult.Rates"/>, the JSON names, camelCase), defined
/// once: the Fairness stage computes each under its key (<c>Fairness.GroupRate</c>) and the pages look each up by it.
/// </summary>
public static class MetricKeys
{
    public const string SelectionRate = "selectionRate";

    public const string BaseRate = "baseRate";

    public const string TruePositiveRate = "truePositiveRate";

    public const string TrueNegativeRate = "trueNegativeRate";

    public const string FalsePositiveRate = "falsePositiveRate";

    public const string FalseNegativeRate = "falseNegativeRate";

    public const string PositivePredictiveValue = "positivePredictiveValue";

    public const string NegativePredictiveValue = "negativePredictiveValue";

    public const string FalseDiscoveryRate = "falseDiscoveryRate";

    public const string FalseOmissionRate = "falseOmissionRate";

    public const string Accuracy = "accuracy";

    public const string BalancedAccuracy = "balancedAccuracy";
}
