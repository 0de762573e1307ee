namespace Audit.Fairness.Scores;

/// <summary>
/// A statistic computed from binned scores (<see cref="ScoreStatistics"/>), with a guaranteed bound on how far
/// the same statistic computed on the unbinned scores can be: |exact − <see cref="Value"/>| ≤ <see cref="MaxError"/>.
/// The bound is computed from the histograms themselves, so it is a worst case for the data at hand, not an
/// asymptotic rate; when every histogram bin holds a single distinct score the value is exact even if the bound is not 0.
/// </summary>
public readonly record struct BinnedEstimate(double Value, double MaxError);
