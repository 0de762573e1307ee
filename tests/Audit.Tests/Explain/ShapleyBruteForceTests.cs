using Audit.Explain;

namespace Audit.Tests.Explain;

/// <summary>The brute-force reference against Shapley values known in closed form.</summary>
public sealed class ShapleyBruteForceTests
{
    [Fact]
    public void ALinearModelGetsItsWeightTimesTheDistanceToTheBackgroundMean()
    {
        // For f(x) = b + Σ w_j x_j the interventional Shapley value is w_j (x_j − mean_z z_j).
        double[] weights = [0.5, -2, 0, 3];
        double Model(double[] x) => 1 + x.Zip(weights, (v, w) => v * w).Sum();
        double[][] background = [[1, 2, 3, 4], [0, 0, 1, -1], [2, 1, 0, 0]];
        double[] row = [3, -1, 7, 0.5];

        var attribution = ShapleyBruteForce.Explain(Model, row, background);

        for (var j = 0; j < weights.Length; j++)
        {
            var mean = background.Average(z => z[j]);
            Assert.Equal(weights[j] * (row[j] - mean), attribution.Contributions[j], 1e-12);
        }
        Assert.Equal(background.Average(Model), attribution.Baseline, 1e-12);
        Assert.Equal(Model(row), attribution.Value);
        Assert.True(attribution.AdditivityError < 1e-12);
    }

    [Fact]
    public void AProductSplitsItsChangeEquallyAgainstAZeroReference()
    {
        // f = x0·x1·x2 against z = 0: only the full coalition has value, so each of the three gets a third.
        var attribution = ShapleyBruteForce.Explain(x => x[0] * x[1] * x[2], [2.0, 3.0, 4.0], [[0.0, 0.0, 0.0]]);
        Assert.All(attribution.Contributions, c => Assert.Equal(8.0, c, 1e-12));
    }

    [Fact]
    public void TooManyFeaturesAreRefused()
    {
        var row = new double[ShapleyBruteForce.MaxFeatures + 1];
        Assert.Throws<ArgumentException>(() => ShapleyBruteForce.Explain(_ => 0, row, [row]));
    }
}
