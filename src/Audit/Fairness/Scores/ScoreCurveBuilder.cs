using Audit.Results;
using Audit.Fairness.Cells;

namespace Audit.Fairness.Scores;

/// <summary>
/// Cuts the points of <see cref="ScoreCurves"/> from a group's score histogram (Scores/ScoreDistribution): the fine
/// histogram bins are merged into <see cref="HistogramBins"/> equal-width bins, so a report draws from numbers that are
/// few, deterministic and consistent with the AUC and calibration error next to them. Nothing is recomputed from rows.
/// </summary>
public static class ScoreCurveBuilder
{
    /// <summary>Bins of the drawn distribution (and thresholds of the ROC curve) at most: enough to show a shape, few enough to stay small in report.json.</summary>
    public const int HistogramBins = 20;

    /// <param name="scores">The group's oriented scores (a high oriented score is adverse).</param>
    /// <param name="sign">+1 when a high model score is adverse, −1 when a low one is (oriented = sign × score).</param>
    /// <param name="withLabels">Whether the ROC curve may be drawn (labels exist and both outcomes are numerous enough in the group).</param>
    /// <param name="withCalibration">Whether the score is a probability of the adverse outcome.</param>
    /// <param name="population">Everybody's scores on the same binning: when they take at most <see cref="HistogramBins"/>
    /// distinct values (deciles, points, grades), the curves have one bin per value, shared by every group, instead of
    /// equal-width bins that would fall between the values.</param>
    public static ScoreCurves Build(ScoreDistribution scores, double sign, int minCellSize, bool withLabels, bool withCalibration, ScoreDistribution? population = null)
    {
        var fine = scores.Bins;
        var (binOf, orientedEdges) = Binning(population ?? scores);
        var bins = orientedEdges.Length - 1;
        var counts = new long[bins];
        var weights = new double[bins];
        var positives = new double[bins];
        var negatives = new double[bins];
        for (var k = 0; k < fine; k++)
        {
            var j = binOf[k];
            counts[j] += scores.BinCount(k);
            weights[j] += scores.BinWeight(k);
            positives[j] += scores.BinWeight(k, 1);
            negatives[j] += scores.BinWeight(k, 0);
        }
        var total = scores.Weight();
        var shares = Enumerable.Range(0, bins)
            .Select(j => counts[j] > 0 && MinimumCell.TooFew(counts[j], minCellSize) ? (double?)null : total > 0 ? weights[j] / total : 0.0)
            .ToArray();
        // The shares add up to 1: a single hidden bin would be 1 minus the others. Hide the smallest shown bin with
        // people in it too (complementary suppression within the group's histogram).
        if (shares.Count(s => s is null) == 1)
        {
            var smallest = Enumerable.Range(0, bins).Where(j => shares[j] is not null && counts[j] > 0).OrderBy(j => counts[j]).ThenBy(j => j).FirstOrDefault(-1);
            if (smallest >= 0)
            {
                shares[smallest] = null;
            }
        }
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
            // A step of the curve gives the labels of the people between two thresholds: a point is only drawn once
            // at least the minimum cell size of people lie since the previous one (the last point, (1, 1), always).
            var points = new List<RocPoint> { new(0, 0) };
            double tp = 0, fp = 0;
            long since = 0;
            for (var j = bins - 1; j >= 0; j--)
            {
                tp += positives[j];
                fp += negatives[j];
                since += counts[j];
                if (!MinimumCell.TooFew(since, minCellSize) || j == 0)
                {
                    points.Add(new RocPoint(Math.Min(1, fp / n), Math.Min(1, tp / p)));
                    since = 0;
                }
            }
            roc = points;
        }

        IReadOnlyList<CalibrationPoint>? calibration = null;
        if (withLabels && withCalibration)
        {
            calibration = ScoreMetrics.CalibrationCurve(scores)
                .Where(b => !MinimumCell.TooFew(b.Count, minCellSize))
                .Select(b => new CalibrationPoint(b.MeanPredicted, b.ObservedRate, b.Count))
                .ToArray();
        }
        return new ScoreCurves(edges, shares, roc, calibration);
    }

    /// <summary>
    /// Which drawn bin each fine histogram bin goes to, and the drawn bins' edges on the oriented scale. Equal-width:
    /// fine bin k goes to ⌊k · 20 / B⌋. Discrete (at most 20 occupied fine bins in the population): one drawn bin per
    /// occupied fine bin, with edges halfway between neighbouring values (so a decile score gets one bar per decile).
    /// </summary>
    private static (int[] BinOf, double[] Edges) Binning(ScoreDistribution population)
    {
        var fine = population.Bins;
        var occupied = Enumerable.Range(0, fine).Where(k => population.BinCount(k) > 0).ToArray();
        var binOf = new int[fine];
        if (occupied.Length is >= 2 and <= HistogramBins)
        {
            double Mid(int k) => 0.5 * (population.BinLower(k) + population.BinUpper(k));
            var edges = new double[occupied.Length + 1];
            edges[0] = Mid(occupied[0]) - 0.5 * (Mid(occupied[1]) - Mid(occupied[0]));
            edges[^1] = Mid(occupied[^1]) + 0.5 * (Mid(occupied[^1]) - Mid(occupied[^2]));
            for (var i = 1; i < occupied.Length; i++)
            {
                edges[i] = 0.5 * (Mid(occupied[i - 1]) + Mid(occupied[i]));
            }
            var next = 0;
            for (var k = 0; k < fine; k++)
            {
                // Fine bins between two values go with the nearer one; they hold nobody in the population anyway.
                while (next + 1 < occupied.Length && Mid(k) >= edges[next + 1])
                {
                    next++;
                }
                binOf[k] = next;
            }
            return (binOf, edges);
        }
        for (var k = 0; k < fine; k++)
        {
            binOf[k] = (int)((long)k * HistogramBins / fine);
        }
        var equal = Enumerable.Range(0, HistogramBins + 1)
            .Select(j => j == HistogramBins ? population.Hi : population.BinLower((int)(((long)j * fine + HistogramBins - 1) / HistogramBins)))
            .ToArray();
        return (binOf, equal);
    }
}
