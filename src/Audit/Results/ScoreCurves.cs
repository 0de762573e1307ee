namespace Audit.Results;

/// <summary>
/// The points a report needs to draw one group's score distribution, ROC curve and calibration curve: small
/// (at most <see cref="Fairness.Scores.ScoreCurveBuilder.HistogramBins"/> + 1 points each), deterministic, and
/// cut from the same score histogram as <see cref="ScoreSummary"/>'s metrics. Scores are in the model's units.
/// </summary>
/// <param name="Edges">Bin edges of the distribution, ascending in the model's score units (bins + 1 values): 20 equal-width
/// bins, or, when everybody's scores take at most 20 distinct values, one bin per value with edges halfway between values.</param>
/// <param name="Shares">Share of the group's weight in each bin; null for a bin holding fewer people than the minimum cell size (but some).</param>
/// <param name="Roc">(false positive rate, true positive rate) when flagging everybody at or beyond each bin edge, from the adverse end; null without labels or when a label is too rare in the group.</param>
/// <param name="Calibration">Observed rate of the adverse outcome against the mean score, per calibration bin, for probability scores only.</param>
public sealed record ScoreCurves(
    IReadOnlyList<double> Edges,
    IReadOnlyList<double?> Shares,
    IReadOnlyList<RocPoint>? Roc,
    IReadOnlyList<CalibrationPoint>? Calibration);

/// <summary>One point of a ROC curve.</summary>
public sealed record RocPoint(double FalsePositiveRate, double TruePositiveRate);

/// <summary>One calibration bin: its mean predicted probability, the observed share with the adverse outcome, and its labelled rows.</summary>
public sealed record CalibrationPoint(double MeanPredicted, double Observed, long N);
