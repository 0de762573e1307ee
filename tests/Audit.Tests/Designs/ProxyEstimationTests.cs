using Audit.Designs;
using Audit.Fairness;
using MathNet.Numerics.Random;

namespace Audit.Tests.Designs;

/// <summary>Group flag rates from a proxy: the weighted estimate, its interval with the proxy's uncertainty, and Fréchet bounds.</summary>
public sealed class ProxyEstimationTests
{
    private static readonly FairnessOptions Options = new() { MinCellSize = 1 };

    /// <summary>
    /// Two proxy cells of 10 rows: P(A) = 0.5 with 4 flagged, P(A) = 0.2 with 1 flagged. A's weighted rate is
    /// (0.5 × 4 + 0.2 × 1) / 7; its bounds are [0, (0.4 × 10 + 0.1 × 10) / 7] (Fréchet: min(P(y|z), P(g|z)) per cell).
    /// </summary>
    [Fact]
    public void EstimateAndBoundsMatchHandValues()
    {
        var cells = Enumerable.Range(0, 20).Select(i => i < 10 ? 0 : 1).ToArray();
        var pA = cells.Select(c => c == 0 ? 0.5 : 0.2).ToArray();
        var flags = Enumerable.Range(0, 20).Select(i => (byte)(i < 4 || i == 10 ? 1 : 0)).ToArray();
        var result = ProxyEstimation.Estimate("origin", "cell", ["A", "B"], [pA, pA.Select(p => 1 - p).ToArray()], cells, 2, flags, [], "B", 50, 1, Options);
        var a = result.Groups.Single(g => g.Group == "A");
        var b = result.Groups.Single(g => g.Group == "B");
        Assert.Equal(2.2 / 7, a.FlagRate.Value!.Value, 1e-12);
        Assert.Equal(2.8 / 13, b.FlagRate.Value!.Value, 1e-12);
        Assert.Equal(0.0, a.FlagRateBounds[0]!.Value, 1e-12);
        Assert.Equal(5.0 / 7, a.FlagRateBounds[1]!.Value, 1e-12);
        Assert.Equal(5.0 / 13, b.FlagRateBounds[1]!.Value, 1e-12);
        Assert.Equal(0.35, a.EstimatedShare.Value!.Value, 1e-12);
        Assert.Equal(2.2 / 7 / (2.8 / 13), a.Ratio.Value!.Value, 1e-12);
        Assert.Null(a.RatioBounds[1]); // B's lower bound is 0: the ratio is unbounded above
        Assert.True(b.IsReference);
    }

    /// <summary>
    /// Ten proxy cells of 500 people; the share of group A rises from 5 % to 86 % across cells, exactly. When being flagged
    /// depends on the cell only, the weighted estimate is unbiased and its interval covers A's true rate; when it depends
    /// on the group (30 % against 10 %), the estimate understates the disparity but the bounds contain the truth.
    /// </summary>
    [Fact]
    public void WeightedEstimateCoversTheTruthWhenFlagsFollowTheProxyAndBoundsAlwaysDo()
    {
        int covered = 0;
        const int seeds = 20;
        for (var seed = 1; seed <= seeds; seed++)
        {
            var random = new Xoshiro256StarStar(seed, threadSafe: false);
            var (cells, pA, isA) = Population();
            var byCell = cells.Select(z => random.NextDouble() < 0.05 + 0.03 * z ? (byte)1 : (byte)0).ToArray();
            var byGroup = isA.Select(a => random.NextDouble() < (a ? 0.3 : 0.1) ? (byte)1 : (byte)0).ToArray();

            var fair = ProxyEstimation.Estimate("origin", "cell", ["A", "B"], [pA, pA.Select(p => 1 - p).ToArray()], cells, 10, byCell, [], "B", 100, seed, Options);
            var a = fair.Groups.Single(g => g.Group == "A");
            var truth = TrueRate(byCell, isA);
            covered += a.FlagRate.Ci![0] <= truth && truth <= a.FlagRate.Ci[1] ? 1 : 0;
            Assert.InRange(truth, a.FlagRateBounds[0]!.Value, a.FlagRateBounds[1]!.Value);

            var biased = ProxyEstimation.Estimate("origin", "cell", ["A", "B"], [pA, pA.Select(p => 1 - p).ToArray()], cells, 10, byGroup, [], "B", 100, seed, Options);
            var a2 = biased.Groups.Single(g => g.Group == "A");
            var trueRatio = TrueRate(byGroup, isA) / TrueRate(byGroup, isA.Select(x => !x).ToArray());
            Assert.True(a2.Ratio.Value < trueRatio, "the weighted estimator pulls the groups together");
            Assert.InRange(TrueRate(byGroup, isA), a2.FlagRateBounds[0]!.Value, a2.FlagRateBounds[1]!.Value);
            Assert.InRange(trueRatio, a2.RatioBounds[0]!.Value, a2.RatioBounds[1] ?? double.PositiveInfinity);
        }
        Assert.True(covered >= 17, $"the interval covered A's true rate in {covered} of {seeds} seeds");
    }

    private static (int[] Cells, double[] PA, bool[] IsA) Population()
    {
        const int perCell = 500;
        var cells = new int[10 * perCell];
        var pA = new double[cells.Length];
        var isA = new bool[cells.Length];
        for (var z = 0; z < 10; z++)
        {
            var p = 0.05 + 0.09 * z;
            var members = (int)Math.Round(p * perCell);
            for (var j = 0; j < perCell; j++)
            {
                var i = z * perCell + j;
                cells[i] = z;
                pA[i] = p;
                isA[i] = j < members;
            }
        }
        return (cells, pA, isA);
    }

    private static double TrueRate(byte[] flags, bool[] member)
    {
        double n = 0, c = 0;
        for (var i = 0; i < flags.Length; i++)
        {
            if (member[i])
            {
                n++;
                c += flags[i];
            }
        }
        return c / n;
    }
}
