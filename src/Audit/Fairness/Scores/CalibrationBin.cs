namespace Audit.Fairness.Scores;

/// <summary>
/// One point of a calibration curve (reliability diagram): the labelled rows (label 0 or 1) whose score falls in
/// [<see cref="Lower"/>, <see cref="Upper"/>), the mean score they were given and the share of them with label 1.
/// </summary>
/// <param name="Lower">Lower edge of the bin, on the score scale (a histogram bin edge).</param>
/// <param name="Upper">Upper edge of the bin (a histogram bin edge; the last bin includes hi).</param>
/// <param name="Count">Labelled rows in the bin.</param>
/// <param name="Weight">W_k: their weight sum.</param>
/// <param name="MeanPredicted">
/// predicted_k = Σ w · midpoint(histogram bin) / W_k: the weighted mean score, computed from histogram bin midpoints,
/// so within half a histogram bin width of the exact mean score of the bin's rows.
/// </param>
/// <param name="ObservedRate">observed_k = W_k(label = 1) / W_k: the weighted share with the adverse outcome observed.</param>
public sealed record CalibrationBin(double Lower, double Upper, long Count, double Weight, double MeanPredicted, double ObservedRate);
