namespace Audit.Fairness.Scores;

/// <summary>How <see cref="ScoreMetrics.CalibrationCurve"/> cuts the score range into calibration bins.</summary>
public enum CalibrationBinning
{
    /// <summary>K bins of equal width over the statistics' range [lo, hi] (scikit-learn's <c>strategy="uniform"</c>).</summary>
    EqualWidth,

    /// <summary>K bins of about equal labelled weight (scikit-learn's <c>strategy="quantile"</c>); a histogram bin is never split.</summary>
    Quantile,
}
