using Audit.Results;

namespace Audit.Fairness.Scores;

/// <summary>
/// Cuts the points of <see cref="ScoreCurves"/> from a group's score histogram (Scores/ScoreDistribution): the fine
/// histogram bins are merged into <see cref="HistogramBins"/> equal-width bins, so a report draws from numbers that are
/// few, deterministic and consistent with the AUC and calibration error next to them. Nothing is recomputed from rows.
/// </summary>
public static class ScoreCurveBuilder
{
    /// <summary>Bins of the drawn distribution (and thresholds of the ROC curve): enough to show a shape, few enough to stay small in report.json.</summary>
    public const int HistogramBins = 20;

    /// <param name="scores">The group's oriented scores (a high oriented score is adverse).</param>
    /// <param name="sign">+1 when a high model score is adverse, −1 when a low one is (oriented = sign × score).</param>
    /// <param name="withLabels">Whether the ROC curve may be drawn (labels exist and both outcomes are numerous enough in the group).</param>
    /// <param name="withCalibration">Whether the score is a probability of the adverse outcome.</param>
    public static ScoreCurves Build(ScoreDistribution scores, double sign, int minCellSize, bool withLabels, bool withCalibration)
    {
        var fine = scores.Bins;
        var counts = new long[HistogramBins];
        var weights = new double[HistogramBins];
        var positives = new double[HistogramBins];
        var negatives = new double[HistogramBins];
        for (var k = 0; k < fine; k++)
        {
            var j = (int)((long)k * HistogramBins / fine);
            counts[j] += scores.BinCount(k);
            weights[j] += scores.BinWeight(k);
            positives[j] += scores.BinWeight(k, 1);
            negatives[j] += scores.BinWeight(k, 0);
        }
        var total = scores.Weight();
        var orientedEdges = Enumerable.Range(0, HistogramBins + 1)
            .Select(j => j == HistogramBins ? scores.Hi : scores.BinLower((int)(((long)j * fine + HistogramBins - 1) / HistogramBins)))
            .ToArray();
        var shares = Enumerable.Range(0, HistogramBins)
            .Select(j => counts[j] > 0 && counts[j] < minCellSize ? (double?)null : total > 0 ? weights[j] / total : 0.0)
            .ToArray();
        // Model units ascending: for a low-adverse model the oriented scale runs the other way.
        var edges = orientedEdges.Select(e => sign * e + 0.0).ToArray();
        if (sign < 0)
        {
            Array.Reverse(edges);
            Array.Reverse(shares);
        }

        IReadOnlyList<RocPoint>? roc = null;
        var p = positives.Sum();
        var n = negatives.Sum();
        if (withLabels && p > 0 && n > 0)
        {
            var points = new List<RocPoint> { new(0, 0) };
            double tp = 0, fp = 0;
            for (var j = HistogramBins - 1; j >= 0; j--)
            {
                tp += positives[j];
                fp += negatives[j];
                points.Add(new RocPoint(Math.Min(1, fp / n), Math.Min(1, tp / p)));
            }
            roc = points;
        }

        IReadOnlyList<CalibrationPoint>? calibration = null;
        if (withLabels && withCalibration)
        {
            calibration = ScoreMetrics.CalibrationCurve(scores)
                .Where(b => b.Count >= minCellSize)
                .Select(b => new CalibrationPoint(b.MeanPredicted, b.ObservedRate, b.Count))
                .ToArray();
        }
        return new ScoreCurves(edges, shares, roc, calibration);
    }
}
