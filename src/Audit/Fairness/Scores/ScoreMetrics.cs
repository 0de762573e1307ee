namespace Audit.Fairness.Scores;

/// <summary>
/// Score-based metrics of a group cell, each a function of <see cref="ScoreDistribution"/> (that is, of
/// <see cref="ScoreStatistics"/>), except <see cref="ExactAuc(ReadOnlySpan{double}, ReadOnlySpan{byte}, ReadOnlySpan{double})"/>,
/// which ranks the rows themselves. Every metric is weighted: a row counts with its weight w (1 when the rows are
/// unweighted, which gives the usual unweighted definitions). Scores are oriented (higher = more adverse; see
/// <see cref="ScoreStatistics"/>). Labels: 1 = adverse outcome observed, 0 = not observed; rows with an unknown
/// label are left out of every metric that needs a label. A metric with an empty denominator is null.
/// </summary>
public static class ScoreMetrics
{
    /// <summary>The default number of calibration bins, K (as in Naeini et al. 2015 and Guo et al. 2017's figures: 10 and 15 are common).</summary>
    public const int DefaultCalibrationBins = 10;

    /// <summary>
    /// Weighted mean score <c>Σ wᵢ sᵢ / Σ wᵢ</c> over the rows with the given label (null = any), exact (from the
    /// sums, not the histogram); null when the weights sum to 0.
    /// </summary>
    public static double? MeanScore(ScoreDistribution scores, int? label = null) => scores.Moments(label).Mean;

    /// <summary>
    /// The p-quantile of the scores with the given label (null = any), from the histogram: the weighted
    /// inverse empirical CDF <c>Q(p) = min { x : F(x) ≥ p }</c>, F(x) = W(s ≤ x) / W (Hyndman and Fan 1996,
    /// definition 1; numpy's <c>quantile(..., method="inverted_cdf")</c>; unweighted, the ⌈p n⌉-th smallest score).
    /// The histogram gives the bin k holding Q(p) (the first bin whose cumulative weight reaches p W); inside it the
    /// estimate interpolates linearly, lower(k) + h (p W − W(bins before k)) / W(bin k), then is clamped to the
    /// observed [min, max]. <b>Error</b>: the estimate and Q(p) lie in the same bin, so |estimate − Q(p)| ≤ h, one bin
    /// width (<see cref="ScoreDistribution.BinWidth"/>); p = 0 and p = 1 give min and max exactly when those rows weigh
    /// more than 0. Another quantile definition (numpy's default, linear between order statistics) can differ from
    /// Q(p) by up to the gap between neighbouring order statistics. Null when the weights sum to 0.
    /// </summary>
    /// <param name="p">In [0, 1].</param>
    public static double? Quantile(ScoreDistribution scores, double p, int? label = null)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile's probability must be in [0, 1].");
        }
        var histogram = scores.WeightsByBin(label);
        var bins = histogram.Length;
        var total = 0.0;
        foreach (var w in histogram)
        {
            total += w;
        }
        if (!(total > 0))
        {
            return null;
        }
        var moments = scores.Moments(label);
        var target = p * total;
        var before = 0.0;
        var lastNonEmpty = -1;
        for (var k = 0; k < bins; k++)
        {
            var w = histogram[k];
            if (w <= 0)
            {
                continue;
            }
            lastNonEmpty = k;
            if (before + w >= target)
            {
                var x = scores.BinLower(k) + scores.BinWidth * Math.Clamp((target - before) / w, 0, 1);
                return Math.Clamp(x, moments.Min, moments.Max);
            }
            before += w;
        }
        // Only reached when rounding left the cumulative weight a hair below p W for p = 1.
        return Math.Clamp(scores.BinUpper(lastNonEmpty), moments.Min, moments.Max);
    }

    /// <summary>
    /// Area under the ROC curve of the group, from the histograms: the probability that a random label-1 row scores
    /// above a random label-0 row, ties counted ½, each pair weighted by the product of its rows' weights:
    /// <c>AUC = Σᵢ∈y=1 Σⱼ∈y=0 wᵢ wⱼ (1[sᵢ &gt; sⱼ] + ½ 1[sᵢ = sⱼ]) / (W₁ W₀)</c>, the Mann–Whitney U statistic divided
    /// by n₁ n₀ (Mann and Whitney 1947; Hanley and McNeil 1982; scikit-learn's <c>roc_auc_score</c>, with
    /// <c>sample_weight</c> when weighted). Binned: <c>Σₖ W₁(k) (W₀(bins below k) + ½ W₀(k)) / (W₁ W₀)</c>.
    /// <b>Error</b>: pairs in different bins are ordered exactly; a pair within one bin is counted as a tie (½) while
    /// its true term is 0, ½ or 1, so |AUC − binned| ≤ ½ Σₖ W₁(k) W₀(k) / (W₁ W₀) (<see cref="BinnedEstimate.MaxError"/>);
    /// exact when every bin holds at most one distinct score (decile scores on [0, 1], say). On oriented scores,
    /// 1 means the score ranks every observed adverse outcome as more adverse. Null without weight in label 0 or 1.
    /// </summary>
    public static BinnedEstimate? Auc(ScoreDistribution scores)
    {
        var positives = scores.WeightHistogram(1);
        var negatives = scores.WeightHistogram(0);
        double w1 = 0, w0 = 0, numerator = 0, sameBin = 0;
        for (var k = 0; k < positives.Length; k++)
        {
            var p = positives[k];
            var q = negatives[k];
            numerator += p * (w0 + 0.5 * q);
            sameBin += p * q;
            w1 += p;
            w0 += q;
        }
        if (!(w1 > 0 && w0 > 0))
        {
            return null;
        }
        var pairs = w1 * w0;
        return new BinnedEstimate(numerator / pairs, 0.5 * sameBin / pairs);
    }

    /// <summary>
    /// The AUC of <see cref="Auc"/> computed exactly on unbinned, unweighted rows by ranking: sort the labelled rows by
    /// score and, for every run of tied scores, add W₁(run) (W₀(below the run) + ½ W₀(run)). Equal to scikit-learn's
    /// <c>roc_auc_score(labels, scores)</c>. Rows with a label other than 0 or 1 are left out. O(n log n) time and
    /// O(n) memory: for tests and small data. Null when label 0 or label 1 is absent.
    /// </summary>
    public static double? ExactAuc(ReadOnlySpan<double> scores, ReadOnlySpan<byte> labels) => ExactAuc(scores, labels, []);

    /// <summary>
    /// Weighted <see cref="ExactAuc(ReadOnlySpan{double}, ReadOnlySpan{byte})"/>: each pair weighs wᵢ wⱼ
    /// (scikit-learn's <c>roc_auc_score(labels, scores, sample_weight=weights)</c>). Empty weights = 1 per row.
    /// Null when the weights of label 0 or label 1 sum to 0.
    /// </summary>
    public static double? ExactAuc(ReadOnlySpan<double> scores, ReadOnlySpan<byte> labels, ReadOnlySpan<double> weights)
    {
        if (labels.Length != scores.Length)
        {
            throw new ArgumentException($"{labels.Length} labels for {scores.Length} scores.", nameof(labels));
        }
        if (!weights.IsEmpty && weights.Length != scores.Length)
        {
            throw new ArgumentException($"{weights.Length} weights for {scores.Length} scores.", nameof(weights));
        }
        var labelled = 0;
        foreach (var label in labels)
        {
            labelled += label <= 1 ? 1 : 0;
        }
        var keys = new double[labelled];
        var rows = new int[labelled];
        var j = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (labels[i] > 1)
            {
                continue;
            }
            if (double.IsNaN(scores[i]))
            {
                throw new ArgumentException($"The score of row index {i} is missing (NaN).", nameof(scores));
            }
            keys[j] = scores[i];
            rows[j++] = i;
        }
        Array.Sort(keys, rows);
        double w1 = 0, w0 = 0, numerator = 0;
        for (var start = 0; start < labelled;)
        {
            var end = start;
            double run1 = 0, run0 = 0;
            while (end < labelled && keys[end] == keys[start])
            {
                var row = rows[end++];
                var w = weights.IsEmpty ? 1.0 : weights[row];
                if (labels[row] == 1)
                {
                    run1 += w;
                }
                else
                {
                    run0 += w;
                }
            }
            numerator += run1 * (w0 + 0.5 * run0);
            w1 += run1;
            w0 += run0;
            start = end;
        }
        return w1 > 0 && w0 > 0 ? numerator / (w1 * w0) : null;
    }

    /// <summary>
    /// Calibration curve (reliability diagram) of the group: its labelled rows cut into K bins of score, each with
    /// the mean score and the observed share with label 1 (DeGroot and Fienberg 1983; Naeini, Cooper and Hauskrecht
    /// 2015; Guo et al. 2017; scikit-learn's <c>calibration_curve</c>). Meaningful only when the oriented score is
    /// meant as a probability of label 1 (a logistic model's output on [0, 1]); for points or ranks it shows only
    /// whether the label rate rises with the score. Calibration bins are unions of histogram bins:
    /// <see cref="CalibrationBinning.EqualWidth"/> puts histogram bin k in calibration bin ⌊k K / B⌋, so its edges are
    /// the nominal lo + j (hi − lo) / K rounded down to a histogram edge (within h); <see cref="CalibrationBinning.Quantile"/>
    /// puts it where the cumulative labelled weight at its middle falls, ⌊K (W(before k) + ½ W(k)) / W⌋, giving bins
    /// of about W / K that never split a histogram bin (so fewer than K with heavy ties). The mean score of a bin uses
    /// histogram bin midpoints (error ≤ h / 2). Bins whose labelled weight is 0 are left out.
    /// </summary>
    public static IReadOnlyList<CalibrationBin> CalibrationCurve(ScoreDistribution scores, int calibrationBins = DefaultCalibrationBins,
        CalibrationBinning binning = CalibrationBinning.EqualWidth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calibrationBins, 1);
        var bins = scores.Bins;
        var w1 = scores.WeightHistogram(1);
        var w0 = scores.WeightHistogram(0);
        var c1 = scores.CountHistogram(1);
        var c0 = scores.CountHistogram(0);
        var total = 0.0;
        for (var k = 0; k < bins; k++)
        {
            total += w1[k] + w0[k];
        }

        var result = new List<CalibrationBin>(calibrationBins);
        var current = -1;
        int first = 0, firstWithRows = -1, lastWithRows = -1;
        long count = 0;
        double weight = 0, predicted = 0, observed = 0, before = 0;
        void Close(int lastBin)
        {
            if (current >= 0 && weight > 0)
            {
                var lower = binning == CalibrationBinning.EqualWidth ? scores.BinLower(first) : scores.BinLower(firstWithRows);
                var upper = binning == CalibrationBinning.EqualWidth ? scores.BinUpper(lastBin) : scores.BinUpper(lastWithRows);
                result.Add(new CalibrationBin(lower, upper, count, weight, predicted / weight, observed / weight));
            }
        }
        for (var k = 0; k < bins; k++)
        {
            var w = w1[k] + w0[k];
            var j = binning == CalibrationBinning.EqualWidth
                ? (int)((long)k * calibrationBins / bins)
                : total > 0 ? Math.Min(calibrationBins - 1, (int)(calibrationBins * (before + 0.5 * w) / total)) : 0;
            before += w;
            if (j != current)
            {
                Close(k - 1);
                current = j;
                first = k;
                firstWithRows = lastWithRows = -1;
                count = 0;
                weight = predicted = observed = 0;
            }
            if (c1[k] + c0[k] > 0)
            {
                firstWithRows = firstWithRows < 0 ? k : firstWithRows;
                lastWithRows = k;
            }
            count += c1[k] + c0[k];
            weight += w;
            observed += w1[k];
            predicted += w * Midpoint(scores, k);
        }
        Close(bins - 1);
        return result;
    }

    /// <summary>
    /// Expected calibration error <c>ECE = Σₖ (W_k / W) |observed_k − predicted_k|</c> over the calibration bins of
    /// <see cref="CalibrationCurve"/> (Naeini, Cooper and Hauskrecht 2015; Guo et al. 2017, here for the
    /// probability of label 1 rather than the top-label confidence), with n_k / n read as weight shares. 0 for a
    /// perfectly calibrated score with infinitely many rows; with n_k rows per bin, sampling noise alone gives about
    /// Σ (n_k / n) √(p_k (1 − p_k) / n_k). The histogram midpoints move it by at most h / 2. Null without labelled weight.
    /// </summary>
    public static double? ExpectedCalibrationError(ScoreDistribution scores, int calibrationBins = DefaultCalibrationBins,
        CalibrationBinning binning = CalibrationBinning.EqualWidth) => ExpectedCalibrationError(CalibrationCurve(scores, calibrationBins, binning));

    /// <summary>ECE = Σₖ (W_k / W) |observed_k − predicted_k| of a calibration curve; null when it has no bins.</summary>
    public static double? ExpectedCalibrationError(IReadOnlyList<CalibrationBin> curve)
    {
        double total = 0, sum = 0;
        foreach (var bin in curve)
        {
            total += bin.Weight;
            sum += bin.Weight * Math.Abs(bin.ObservedRate - bin.MeanPredicted);
        }
        return total > 0 ? sum / total : null;
    }

    /// <summary>
    /// Two-sample Kolmogorov–Smirnov distance between two score distributions (two groups, or a group and
    /// <see cref="ScoreStatistics.Rest(int)"/>), over the rows with the given label (null = any): <c>D = supₓ |F_a(x) − F_b(x)|</c>,
    /// F the weighted empirical CDFs (Kolmogorov 1933; Smirnov 1948; scipy's <c>ks_2samp</c> statistic, unweighted).
    /// Binned: the maximum over histogram bin edges, which is exactly D of the binned scores and a lower bound of D
    /// of the unbinned scores. <b>Error</b>: inside bin k, F_a − F_b lies between F_a(lower) − F_b(upper) and
    /// F_a(upper) − F_b(lower), so D − binned ≤ maxₖ max(|F_a(upₖ) − F_b(loₖ)|, |F_a(loₖ) − F_b(upₖ)|) − binned
    /// (<see cref="BinnedEstimate.MaxError"/>; loose when a bin holds much weight at one value, though then exact).
    /// 0 for identical distributions, 1 for disjoint ones. Null when either side's weights sum to 0.
    /// </summary>
    public static BinnedEstimate? KolmogorovSmirnov(ScoreDistribution a, ScoreDistribution b, int? label = null)
    {
        if (!a.SameBinning(b))
        {
            throw new ArgumentException("Score distributions over different histograms cannot be compared.", nameof(b));
        }
        var histogramA = a.WeightsByBin(label);
        var histogramB = b.WeightsByBin(label);
        double totalA = 0, totalB = 0;
        for (var k = 0; k < histogramA.Length; k++)
        {
            totalA += histogramA[k];
            totalB += histogramB[k];
        }
        if (!(totalA > 0 && totalB > 0))
        {
            return null;
        }
        double cumulativeA = 0, cumulativeB = 0, previousA = 0, previousB = 0, distance = 0, bound = 0;
        for (var k = 0; k < histogramA.Length; k++)
        {
            cumulativeA += histogramA[k];
            cumulativeB += histogramB[k];
            var fa = cumulativeA / totalA;
            var fb = cumulativeB / totalB;
            distance = Math.Max(distance, Math.Abs(fa - fb));
            bound = Math.Max(bound, Math.Max(Math.Abs(fa - previousB), Math.Abs(previousA - fb)));
            previousA = fa;
            previousB = fb;
        }
        return new BinnedEstimate(distance, Math.Max(bound, distance) - distance);
    }

    private static double Midpoint(ScoreDistribution scores, int bin) => 0.5 * (scores.BinLower(bin) + scores.BinUpper(bin));
}
