using Audit.Results;

namespace Audit.Reporting;

/// <summary>
/// The column title of each group metric in the Markdown report, by its key (<see cref="MetricKeys"/>): words, so
/// they live with the pages, not with the Fairness stage that computes the metrics.
/// </summary>
public static class MetricTitles
{
    public static readonly IReadOnlyDictionary<string, string> English = new Dictionary<string, string>
    {
        [MetricKeys.SelectionRate] = "Flag rate",
        [MetricKeys.BaseRate] = "Base rate",
        [MetricKeys.TruePositiveRate] = "TPR",
        [MetricKeys.TrueNegativeRate] = "TNR",
        [MetricKeys.FalsePositiveRate] = "FPR",
        [MetricKeys.FalseNegativeRate] = "FNR",
        [MetricKeys.PositivePredictiveValue] = "PPV",
        [MetricKeys.NegativePredictiveValue] = "NPV",
        [MetricKeys.FalseDiscoveryRate] = "FDR",
        [MetricKeys.FalseOmissionRate] = "FOR",
        [MetricKeys.Accuracy] = "Accuracy",
        [MetricKeys.BalancedAccuracy] = "Balanced accuracy",
    };
}
