using Audit.Explain;
using Audit.Models;

namespace Audit.Tests.Explain;

/// <summary>
/// Interventional TreeSHAP against brute-force Shapley values and the Shapley axioms, on ensembles written by hand.
/// The explanations issue's acceptance: "TreeSHAP equals brute-force Shapley values on a model with 6 features, to
/// 1e-9", and additivity to 1e-6 (held here to 1e-9).
/// </summary>
public sealed class InterventionalTreeShapTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-9;

    private const int Seed = 20261124;

    [Fact]
    public void EqualsBruteForceOnSixFeatures()
    {
        var ensemble = TestEnsembles.HandMade();
        var random = new Random(Seed);
        var background = TestEnsembles.Rows(random, 30, 6);
        var rows = TestEnsembles.Rows(random, 20, 6);
        var shap = new InterventionalTreeShap(ensemble, background);

        var largest = 0.0;
        foreach (var row in rows)
        {
            var fast = shap.Explain(row);
            var exact = ShapleyBruteForce.Explain(ensemble.Margin, row, background);
            largest = Math.Max(largest, LargestDifference(fast, exact));
        }
        output.WriteLine($"largest |TreeSHAP − brute force| over 20 rows × 6 features: {largest:R}");
        Assert.True(largest <= Tolerance, largest.ToString("R"));
    }

    [Fact]
    public void ContributionsAddUpToTheMarginMinusTheBaseline()
    {
        var ensemble = TestEnsembles.HandMade();
        var random = new Random(Seed + 1);
        var background = TestEnsembles.Rows(random, 30, 6);
        var shap = new InterventionalTreeShap(ensemble, background);

        Assert.Equal(background.Average(ensemble.Margin), shap.Baseline, 1e-12);
        var largest = 0.0;
        foreach (var row in TestEnsembles.Rows(random, 20, 6))
        {
            var attribution = shap.Explain(row);
            Assert.Equal(ensemble.Margin(row), attribution.Value, 1e-12);
            largest = Math.Max(largest, attribution.AdditivityError);
        }
        output.WriteLine($"largest additivity error over 20 rows: {largest:R}");
        Assert.True(largest <= Tolerance, largest.ToString("R"));
    }

    [Fact]
    public void AFeatureNoTreeSplitsOnGetsExactlyZero()
    {
        var ensemble = TestEnsembles.HandMade();
        var random = new Random(Seed + 2);
        var background = TestEnsembles.Rows(random, 30, 6);
        var shap = new InterventionalTreeShap(ensemble, background);
        const int region = 5;

        foreach (var row in TestEnsembles.Rows(random, 20, 6, missing: 0.1))
        {
            Assert.Equal(0.0, shap.Explain(row).Contributions[region]);
            Assert.Equal(0.0, ShapleyBruteForce.Explain(ensemble.Margin, row, background).Contributions[region]);
        }
    }

    [Fact]
    public void FeaturesUsedSymmetricallyGetEqualValues()
    {
        // Features 0 and 1 enter the model symmetrically and the background is closed under swapping them, so for a
        // row with x0 = x1 the game is symmetric in the two: v(S ∪ {0}) = v(S ∪ {1}). The trees split on them in
        // different orders, so equal values are not an accident of the walk.
        var ensemble = TestEnsembles.Symmetric();
        var random = new Random(Seed + 3);
        var half = TestEnsembles.Rows(random, 15, 3);
        var background = half.Concat(half.Select(z => new[] { z[1], z[0], z[2] })).ToArray();
        var shap = new InterventionalTreeShap(ensemble, background);

        var spread = 0.0;
        foreach (var value in new[] { 0.0, 0.3, 0.4, 0.5, 0.6, 1.0 })
        {
            var row = new[] { value, value, random.Next(11) / 10.0 };
            var contributions = shap.Explain(row).Contributions;
            spread = Math.Max(spread, Math.Abs(contributions[0] - contributions[1]));
            Assert.Equal(contributions[0], ShapleyBruteForce.Explain(ensemble.Margin, row, background).Contributions[0], 1e-12);
        }
        Assert.True(spread <= 1e-12, spread.ToString("R"));
    }

    [Fact]
    public void OneTreeOneReferenceByHand()
    {
        // f = 1 if x0 ≤ 0.5 and x1 ≤ 0.5, 2 if x0 ≤ 0.5 < x1, 4 if x0 > 0.5. For x = (0, 0) against z = (1, 1):
        // v(∅) = 4, v({0}) = f(0, 1) = 2, v({1}) = f(1, 0) = 4, v({0, 1}) = 1, so
        // φ0 = ½(v({0}) − v(∅)) + ½(v({0, 1}) − v({1})) = ½(−2) + ½(−3) = −2.5 and φ1 = ½(0) + ½(−1) = −0.5.
        var ensemble = new TestEnsemble(["x0", "x1"], [
            new RegressionTree([0, 1], [0.5, 0.5], [1, ~0], [~2, ~1], [true, true], [1.0, 2.0, 4.0]),
        ], Bias: 0);
        var attribution = new InterventionalTreeShap(ensemble, [[1.0, 1.0]]).Explain([0.0, 0.0]);

        Assert.Equal(4.0, attribution.Baseline);
        Assert.Equal(1.0, attribution.Value);
        Assert.Equal(-2.5, attribution.Contributions[0], 1e-15);
        Assert.Equal(-0.5, attribution.Contributions[1], 1e-15);
    }

    [Theory]
    [InlineData(true, -2.0)]
    [InlineData(false, 0.0)]
    public void AMissingValueGoesWhereTheNodeSendsIt(bool missingGoesLeft, double expected)
    {
        // A stump on x0 ≤ 0.5 (left 1, right 3) and a reference with z0 = 0.9 (right). A missing x0 going left is a
        // change of −2; going right it is where z is already, so no change.
        var ensemble = new TestEnsemble(["x0", "x1"], [
            new RegressionTree([0], [0.5], [~0], [~1], [missingGoesLeft], [1.0, 3.0]),
        ], Bias: 0.5);
        double[][] background = [[0.9, 0.2]];
        double[] row = [double.NaN, 0.7];

        var fast = new InterventionalTreeShap(ensemble, background).Explain(row);
        var exact = ShapleyBruteForce.Explain(ensemble.Margin, row, background);

        Assert.Equal(expected, fast.Contributions[0]);
        Assert.Equal(expected, exact.Contributions[0]);
        Assert.Equal(0.0, fast.Contributions[1]);
    }

    [Fact]
    public void MissingValuesInRowsAndBackgroundMatchBruteForce()
    {
        var ensemble = TestEnsembles.HandMade();
        var random = new Random(Seed + 4);
        var background = TestEnsembles.Rows(random, 30, 6, missing: 0.2);
        var shap = new InterventionalTreeShap(ensemble, background);

        var largest = 0.0;
        foreach (var row in TestEnsembles.Rows(random, 20, 6, missing: 0.2))
        {
            var fast = shap.Explain(row);
            largest = Math.Max(largest, LargestDifference(fast, ShapleyBruteForce.Explain(ensemble.Margin, row, background)));
            Assert.True(fast.AdditivityError <= Tolerance);
        }
        output.WriteLine($"largest |TreeSHAP − brute force| with 20 % missing values: {largest:R}");
        Assert.True(largest <= Tolerance, largest.ToString("R"));
    }

    [Fact]
    public void FlatAndJaggedBackgroundsGiveTheSameValues()
    {
        var ensemble = TestEnsembles.HandMade();
        var random = new Random(Seed + 5);
        var background = TestEnsembles.Rows(random, 30, 6);
        var row = TestEnsembles.Row(random, 6);

        var jagged = new InterventionalTreeShap(ensemble, background).Explain(row);
        var flat = new InterventionalTreeShap(ensemble, background.SelectMany(z => z).ToArray(), 6).Explain(row);

        Assert.Equal(jagged.Contributions, flat.Contributions);
        Assert.Equal(jagged.Baseline, flat.Baseline);
    }

    [Fact]
    public void ABackgroundOfTheWrongWidthIsRefusedWithTheCounts()
    {
        var ensemble = TestEnsembles.HandMade();
        var error = Assert.Throws<ArgumentException>(() => new InterventionalTreeShap(ensemble, [new double[5]]));
        Assert.Contains("5 values", error.Message);
        Assert.Contains("6 features", error.Message);
    }

    [Fact]
    public void ATreeThatSplitsOnAnUnknownFeatureIsRefused()
    {
        var ensemble = new TestEnsemble(["x0"], [new RegressionTree([1], [0.5], [~0], [~1], [true], [0.0, 1.0])], Bias: 0);
        var error = Assert.Throws<ArgumentException>(() => new InterventionalTreeShap(ensemble, [[0.0]]));
        Assert.Contains("feature 1", error.Message);
    }

    private static double LargestDifference(Attribution fast, Attribution exact)
    {
        var largest = Math.Abs(fast.Baseline - exact.Baseline);
        for (var j = 0; j < fast.Contributions.Count; j++)
        {
            largest = Math.Max(largest, Math.Abs(fast.Contributions[j] - exact.Contributions[j]));
        }
        return largest;
    }
}
