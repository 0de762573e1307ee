using Audit.Data;
using Audit.Fairness;
using Audit.Fairness.Scores;
using Audit.Models;

namespace Audit.Tests.Fairness.Scores;

/// <summary>Hand-checkable cases of every score metric, on one group unless a test says otherwise.</summary>
public sealed class ScoreMetricsTests
{
    private const double Exact = 1e-12;

    /// <summary>The statistics of one group (every row in cell 0).</summary>
    internal static ScoreDistribution OneGroup(double[] scores, byte[] labels, double[]? weights = null, double lo = 0, double hi = 1, int bins = ScoreStatistics.DefaultBins) =>
        ScoreStatistics.Accumulate([new GroupAssignment("all", new int[scores.Length], ["all"])], scores, labels, weights ?? [], lo, hi, bins).Cell(0);

    [Fact]
    public void PerfectlySeparatingScoreHasAucOne()
    {
        double[] scores = [0.1, 0.2, 0.3, 0.6, 0.7, 0.9];
        byte[] labels = [0, 0, 0, 1, 1, 1];
        Assert.Equal(1.0, ScoreMetrics.ExactAuc(scores, labels));
        Assert.Equal(new BinnedEstimate(1.0, 0.0), ScoreMetrics.Auc(OneGroup(scores, labels)));
    }

    [Fact]
    public void ReversedScoreHasAucZero()
    {
        double[] scores = [0.1, 0.2, 0.3, 0.6, 0.7, 0.9];
        byte[] labels = [1, 1, 1, 0, 0, 0];
        Assert.Equal(0.0, ScoreMetrics.ExactAuc(scores, labels));
        Assert.Equal(new BinnedEstimate(0.0, 0.0), ScoreMetrics.Auc(OneGroup(scores, labels)));
    }

    [Fact]
    public void ConstantScoreHasAucOneHalf()
    {
        double[] scores = [0.4, 0.4, 0.4, 0.4, 0.4];
        byte[] labels = [0, 1, 0, 1, 1];
        Assert.Equal(0.5, ScoreMetrics.ExactAuc(scores, labels));
        // Every pair shares a bin: the bound admits anything in [0, 1], and the value is the exact 1/2.
        Assert.Equal(new BinnedEstimate(0.5, 0.5), ScoreMetrics.Auc(OneGroup(scores, labels)));
    }

    /// <summary>
    /// Label 1: 0.2, 0.5, 0.5; label 0: 0.1, 0.5, 0.7. Pairs won by label 1: 0.2 beats 0.1 (1); each 0.5 beats 0.1 (1)
    /// and ties 0.5 (½): U = 1 + 1.5 + 1.5 = 4 of 9 pairs.
    /// </summary>
    [Fact]
    public void AucCountsTiesOneHalfAsMannWhitney()
    {
        double[] scores = [0.2, 0.5, 0.5, 0.1, 0.5, 0.7];
        byte[] labels = [1, 1, 1, 0, 0, 0];
        Assert.Equal(4.0 / 9, ScoreMetrics.ExactAuc(scores, labels)!.Value, Exact);
        // Three distinct scores in three distinct bins: the binned AUC is exact; the bound counts the 2 tied pairs.
        var binned = ScoreMetrics.Auc(OneGroup(scores, labels))!.Value;
        Assert.Equal(4.0 / 9, binned.Value, Exact);
        Assert.Equal(0.5 * 2 / 9, binned.MaxError, Exact);
    }

    /// <summary>
    /// Label 1: 0.2 (w 2), 0.5 (w 1); label 0: 0.1 (w 1), 0.5 (w 3). Pair weights: 0.2 > 0.1: 2; 0.5 > 0.1: 1;
    /// 0.5 = 0.5: 3 × ½. AUC = 4.5 / (3 × 4) = 0.375.
    /// </summary>
    [Fact]
    public void WeightedAucWeighsEachPairByItsRowsWeights()
    {
        double[] scores = [0.2, 0.5, 0.1, 0.5];
        byte[] labels = [1, 1, 0, 0];
        double[] weights = [2, 1, 1, 3];
        Assert.Equal(0.375, ScoreMetrics.ExactAuc(scores, labels, weights)!.Value, Exact);
        Assert.Equal(0.375, ScoreMetrics.Auc(OneGroup(scores, labels, weights))!.Value.Value, Exact);
    }

    [Fact]
    public void AucLeavesUnknownLabelsOutAndIsUndefinedWithoutBothLabels()
    {
        double[] scores = [0.9, 0.1, 0.5, 0.95];
        byte[] labels = [1, 0, BooleanColumn.Missing, BooleanColumn.Missing];
        Assert.Equal(1.0, ScoreMetrics.ExactAuc(scores, labels));
        Assert.Equal(1.0, ScoreMetrics.Auc(OneGroup(scores, labels))!.Value.Value);

        byte[] onlyPositives = [1, 1, BooleanColumn.Missing, 1];
        Assert.Null(ScoreMetrics.ExactAuc(scores, onlyPositives));
        Assert.Null(ScoreMetrics.Auc(OneGroup(scores, onlyPositives)));
        Assert.Null(ScoreMetrics.Auc(OneGroup(scores, [])));
    }

    /// <summary>Two scores in one bin are counted as a tie: the binned value is ½, the exact 1, and the bound says ½.</summary>
    [Fact]
    public void AucCountsPairsInOneBinAsTiesWithinItsBound()
    {
        double[] scores = [0.31, 0.30];
        byte[] labels = [1, 0];
        var binned = ScoreMetrics.Auc(OneGroup(scores, labels, bins: 10))!.Value;
        Assert.Equal(new BinnedEstimate(0.5, 0.5), binned);
        Assert.Equal(1.0, ScoreMetrics.ExactAuc(scores, labels));
    }

    /// <summary>For an adverse-low score (a credit score), AUC on the oriented score −s is 1 − AUC on s when no scores tie.</summary>
    [Fact]
    public void OrientingAnAdverseLowScoreTurnsItsAucAround()
    {
        double[] credit = [900, 420, 610, 780, 500, 350];
        byte[] labels = [0, 1, 0, 1, 1, 0];
        var oriented = ScoreStatistics.Orient(credit, AdverseTail.Low);
        var (lo, hi) = ScoreStatistics.OrientRange(350, 950, AdverseTail.Low);
        Assert.Equal((-950.0, -350.0), (lo, hi));
        var raw = ScoreMetrics.ExactAuc(credit, labels)!.Value;
        Assert.Equal(1 - raw, ScoreMetrics.ExactAuc(oriented, labels)!.Value, Exact);
        Assert.Equal(1 - raw, ScoreMetrics.Auc(OneGroup(oriented, labels, lo: lo, hi: hi))!.Value.Value, Exact);
        Assert.Equal(credit, ScoreStatistics.Orient(credit, AdverseTail.High));
    }

    [Fact]
    public void MeanScoreIsTheExactWeightedMean()
    {
        double[] scores = [0.1, 0.2, 0.6, 0.3];
        byte[] labels = [0, 1, 1, BooleanColumn.Missing];
        double[] weights = [1, 2, 1, 4];
        var group = OneGroup(scores, labels, weights, bins: 3);
        Assert.Equal((0.1 + 0.4 + 0.6 + 1.2) / 8, ScoreMetrics.MeanScore(group)!.Value, Exact);
        Assert.Equal((0.4 + 0.6) / 3, ScoreMetrics.MeanScore(group, label: 1)!.Value, Exact);
        Assert.Equal(0.1, ScoreMetrics.MeanScore(group, label: 0)!.Value, Exact);
        Assert.Null(ScoreMetrics.MeanScore(OneGroup(scores, [0, 0, 0, 0]), label: 1));
        var moments = group.Moments();
        Assert.Equal(4, moments.Count);
        Assert.Equal(8, moments.Weight);
        Assert.Equal((0.01 + 0.08 + 0.36 + 0.36) / 8 - Math.Pow(2.3 / 8, 2), moments.Variance!.Value, Exact);
        Assert.Equal((0.1, 0.6), (moments.Min, moments.Max));
    }

    /// <summary>
    /// Scores 0.1, 0.2, 0.3, 0.6, 0.9 in 4 bins of width 0.25. Median: p n = 2.5 falls in bin [0.25, 0.5) after
    /// 2 rows, halfway through its 1 row: 0.25 + 0.25 × 0.5 = 0.375; the exact (3rd smallest) is 0.3, within one width.
    /// </summary>
    [Fact]
    public void QuantileInterpolatesInsideTheBinAndIsExactAtTheEnds()
    {
        var group = OneGroup([0.6, 0.1, 0.9, 0.3, 0.2], [], bins: 4);
        Assert.Equal(0.375, ScoreMetrics.Quantile(group, 0.5)!.Value, Exact);
        Assert.Equal(0.1, ScoreMetrics.Quantile(group, 0));
        Assert.Equal(0.9, ScoreMetrics.Quantile(group, 1));
        Assert.Equal(0.25, group.BinWidth);
        Assert.Null(ScoreMetrics.Quantile(group, 0.5, label: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoreMetrics.Quantile(group, 1.5));
    }

    [Fact]
    public void KolmogorovSmirnovOfIdenticalDistributionsIsZeroAndOfDisjointOnesOne()
    {
        double[] scores = [0.1, 0.4, 0.4, 0.8, 0.1, 0.4, 0.4, 0.8, 0.91, 0.95];
        int[] codes = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2];
        var stats = ScoreStatistics.Accumulate([new GroupAssignment("g", codes, ["a", "b", "c"])], scores, [], [], 0, 1);
        Assert.Equal(0.0, ScoreMetrics.KolmogorovSmirnov(stats.Cell(0), stats.Cell(1))!.Value.Value);
        Assert.Equal(1.0, ScoreMetrics.KolmogorovSmirnov(stats.Cell(0), stats.Cell(2))!.Value.Value);
        Assert.Equal(new BinnedEstimate(1.0, 0.0), ScoreMetrics.KolmogorovSmirnov(stats.Cell(2), stats.Rest(2)));
        Assert.Null(ScoreMetrics.KolmogorovSmirnov(stats.Cell(0), stats.Cell(1), label: 1));
    }

    /// <summary>a = 0.1, 0.2, 0.3, 0.4 and b = 0.25, 0.35: F_a − F_b is largest just after 0.2 (½ − 0).</summary>
    [Fact]
    public void KolmogorovSmirnovIsTheLargestGapBetweenTheCdfs()
    {
        double[] scores = [0.1, 0.2, 0.3, 0.4, 0.25, 0.35];
        int[] codes = [0, 0, 0, 0, 1, 1];
        var stats = ScoreStatistics.Accumulate([new GroupAssignment("g", codes, ["a", "b"])], scores, [], [], 0, 1, 100);
        var ks = ScoreMetrics.KolmogorovSmirnov(stats.Cell(0), stats.Cell(1))!.Value;
        Assert.Equal(0.5, ks.Value, Exact);
        Assert.Equal(0.0, ks.MaxError, Exact);
        // The rest of group a is group b here.
        Assert.Equal(ks, ScoreMetrics.KolmogorovSmirnov(stats.Cell(0), stats.Rest(0)));
    }

    /// <summary>
    /// Scores 0.05 (label 0), 0.15 (1), 0.15 (0), 0.95 (1) in 10 bins: predicted 0.05, 0.15, 0.95, observed 0, ½, 1;
    /// ECE = ¼ × 0.05 + ½ × 0.35 + ¼ × 0.05 = 0.2.
    /// </summary>
    [Fact]
    public void CalibrationCurveAndEceByHand()
    {
        var group = OneGroup([0.05, 0.15, 0.15, 0.95, 0.5], [0, 1, 0, 1, BooleanColumn.Missing], bins: 1000);
        var curve = ScoreMetrics.CalibrationCurve(group, 10);
        Assert.Equal(3, curve.Count);
        Assert.Equal([1L, 2L, 1L], curve.Select(b => b.Count));
        Assert.Equal([0.0, 0.5, 1.0], curve.Select(b => b.ObservedRate));
        var halfBin = group.BinWidth / 2;
        Assert.All(curve.Zip([0.05, 0.15, 0.95]), p => Assert.InRange(p.First.MeanPredicted, p.Second - halfBin, p.Second + halfBin));
        Assert.Equal(0.1, curve[1].Lower, Exact);
        Assert.Equal(0.2, curve[1].Upper, Exact);
        Assert.Equal(0.2, ScoreMetrics.ExpectedCalibrationError(group)!.Value, 1e-3);
        Assert.Null(ScoreMetrics.ExpectedCalibrationError(OneGroup([0.5], [BooleanColumn.Missing])));
    }

    /// <summary>
    /// Labels drawn as Bernoulli(score) with score uniform on [0, 1]: perfectly calibrated, so ECE is sampling noise,
    /// at most Σ (n_k / n) √(p_k (1 − p_k) / n_k) ≤ 0.5 / √10,000 = 0.005 in expectation with 10 bins of 10,000 rows;
    /// we allow 0.01. Labels drawn as Bernoulli(score²) are miscalibrated by E|s − s²| = ∫ (s − s²) ds = 1/6.
    /// </summary>
    [Fact]
    public void EceIsSmallForACalibratedScoreAndLargeForAMiscalibratedOne()
    {
        const int n = 100_000;
        var random = new Random(20261124);
        var scores = new double[n];
        var calibrated = new byte[n];
        var miscalibrated = new byte[n];
        for (var i = 0; i < n; i++)
        {
            scores[i] = random.NextDouble();
            var u = random.NextDouble();
            calibrated[i] = u < scores[i] ? (byte)1 : (byte)0;
            miscalibrated[i] = u < scores[i] * scores[i] ? (byte)1 : (byte)0;
        }
        foreach (var binning in new[] { CalibrationBinning.EqualWidth, CalibrationBinning.Quantile })
        {
            Assert.InRange(ScoreMetrics.ExpectedCalibrationError(OneGroup(scores, calibrated), 10, binning)!.Value, 0, 0.01);
            Assert.InRange(ScoreMetrics.ExpectedCalibrationError(OneGroup(scores, miscalibrated), 10, binning)!.Value, 1.0 / 6 - 0.01, 1.0 / 6 + 0.01);
        }
    }

    [Fact]
    public void QuantileCalibrationBinsHoldAboutEqualWeight()
    {
        var random = new Random(7);
        var scores = Enumerable.Range(0, 1000).Select(_ => random.NextDouble()).ToArray();
        var labels = scores.Select(_ => (byte)random.Next(2)).ToArray();
        var curve = ScoreMetrics.CalibrationCurve(OneGroup(scores, labels), 4, CalibrationBinning.Quantile);
        Assert.Equal(4, curve.Count);
        Assert.Equal(1000, curve.Sum(b => b.Count));
        // A histogram bin (width 1/4096) holds at most a few of 1,000 uniform scores, so each bin is 250 give or take a few.
        Assert.All(curve, b => Assert.InRange(b.Count, 245, 255));
        Assert.All(curve.Zip(curve.Skip(1)), p => Assert.Equal(p.First.Upper, p.Second.Lower, 0.01));
    }

    [Fact]
    public void ScoresOutsideTheRangeOrMissingAreErrorsNamingTheRow()
    {
        var groups = new[] { new GroupAssignment("all", new int[3], ["all"]) };
        var outside = Assert.Throws<AuditInputException>(() => ScoreStatistics.Accumulate(groups, [0.2, 1.5, 0.1], [], [], 0, 1));
        Assert.Equal(2, outside.Row);
        Assert.Contains("outside", outside.Message);
        var missing = Assert.Throws<AuditInputException>(() => ScoreStatistics.Accumulate(groups, [0.2, 0.3, double.NaN], [], [], 0, 1));
        Assert.Equal(3, missing.Row);
        Assert.Throws<ArgumentException>(() => ScoreStatistics.Accumulate(groups, [0.2, 0.3, 0.4], [], [], 1, 0));
    }

    [Fact]
    public void TheRangeEndsAreInsideAndEqualEndsPutEveryScoreInOneBin()
    {
        var group = OneGroup([0.0, 1.0, 0.5], [], bins: 4);
        Assert.Equal(1, group.BinCount(0));
        Assert.Equal(1, group.BinCount(2));
        Assert.Equal(1, group.BinCount(3));
        var constant = OneGroup([3.0, 3.0], [0, 1], lo: 3, hi: 3, bins: 16);
        Assert.Equal(2, constant.BinCount(0));
        Assert.Equal(3.0, ScoreMetrics.Quantile(constant, 0.3));
        Assert.Equal(0.5, ScoreMetrics.Auc(constant)!.Value.Value);
        Assert.Equal((-2.0, 7.0), ScoreStatistics.ObservedRange([3, -2, 7, 0]));
    }

    /// <summary>The cells are those of GroupStatistics (mixed radix of the attributes' codes), with the same rows per label.</summary>
    [Fact]
    public void CellsAreLaidOutAsInGroupStatistics()
    {
        var random = new Random(3);
        const int n = 500;
        var a = new GroupAssignment("a", Enumerable.Range(0, n).Select(_ => random.Next(3)).ToArray(), ["x", "y", "z"]);
        var b = new GroupAssignment("b", Enumerable.Range(0, n).Select(_ => random.Next(2)).ToArray(), ["p", "q"]);
        var scores = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, n).Select(_ => random.Next(3) switch { 0 => (byte)0, 1 => (byte)1, _ => BooleanColumn.Missing }).ToArray();
        var weights = Enumerable.Range(0, n).Select(_ => (double)random.Next(1, 4)).ToArray();
        var scoreStats = ScoreStatistics.Accumulate([a, b], scores, labels, weights, 0, 1);
        var groupStats = GroupStatistics.Accumulate([a, b], new byte[n], labels, weights);
        Assert.Equal(groupStats.CellCount, scoreStats.CellCount);
        for (var c = 0; c < scoreStats.CellCount; c++)
        {
            Assert.Equal(groupStats.CellLabels(c), scoreStats.CellLabels(c));
            for (var l = 0; l < 3; l++)
            {
                Assert.Equal(groupStats.Cell(c).Count(l), scoreStats.Cell(c).Count(l));
                Assert.Equal(groupStats.Cell(c).Weight(l), scoreStats.Cell(c).Weight(l));
            }
        }
        Assert.Equal(n, scoreStats.Overall().Count());
        Assert.Equal(n - scoreStats.Cell(4).Count(), scoreStats.Rest(4).Count());
    }
}
