using MathNet.Numerics.Statistics;

namespace Audit.Fairness.Bootstrap;

/// <summary>
/// A bootstrap percentile interval: the α/2 and 1 − α/2 quantiles of a metric over the replicates where it is
/// defined (α = 1 − confidence), and how many replicates that was. Both bounds are <see cref="double.NaN"/> when no
/// replicate defines the metric (<see cref="IsDefined"/> is false then).
/// </summary>
/// <param name="Lower">The α/2 quantile of the replicate values (R's quantile type 7).</param>
/// <param name="Upper">The 1 − α/2 quantile of the replicate values (R's quantile type 7).</param>
/// <param name="ValidReplicates">Replicates in which the metric was defined: not null and finite.</param>
public readonly record struct BootstrapInterval(double Lower, double Upper, int ValidReplicates)
{
    /// <summary>True when at least one replicate defined the metric.</summary>
    public bool IsDefined => ValidReplicates > 0;

    /// <summary>
    /// The percentile interval of the first <paramref name="count"/> values (sorted in place). Quantiles by Hyndman and
    /// Fan's (1996) definition 7, R's and NumPy's default: linear interpolation between order statistics at
    /// h = (count − 1)·τ, through MathNet's <c>SortedArrayStatistics.QuantileCustom(…, QuantileDefinition.R7)</c>.
    /// </summary>
    internal static BootstrapInterval FromValues(double[] values, int count, double confidence)
    {
        if (count == 0)
        {
            return new BootstrapInterval(double.NaN, double.NaN, 0);
        }
        var sorted = count == values.Length ? values : values[..count];
        Array.Sort(sorted);
        var alpha = 1 - confidence;
        return new BootstrapInterval(
            SortedArrayStatistics.QuantileCustom(sorted, alpha / 2, QuantileDefinition.R7),
            SortedArrayStatistics.QuantileCustom(sorted, 1 - alpha / 2, QuantileDefinition.R7),
            count);
    }

    internal static void CheckConfidence(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level must be strictly between 0 and 1 (0.95 for a 95 % interval).");
        }
    }
}
