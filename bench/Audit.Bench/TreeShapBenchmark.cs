using Audit.Explain;
using Audit.Models;
using BenchmarkDotNet.Attributes;

namespace Audit.Bench;

/// <summary>
/// <see cref="InterventionalTreeShap.Contributions"/> for 10,000 rows against a 100-row background, on one core, for
/// an ensemble of 100 complete trees of depth 6 (63 splits, 64 leaves each) over 10 features: split features and
/// thresholds drawn uniformly, values uniform on [0, 1) with 5 % missing, missing-value directions at random.
/// </summary>
[MemoryDiagnoser]
public class TreeShapBenchmark
{
    public const int Rows = 10_000;
    public const int BackgroundRows = 100;
    public const int Trees = 100;
    public const int Depth = 6;
    public const int Features = 10;

    private const double MissingShare = 0.05;

    private const int Seed = 20261124;

    private InterventionalTreeShap shap = null!;
    private double[] rows = null!;
    private double[] contributions = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(Seed);
        var trees = Enumerable.Range(0, Trees).Select(_ => CompleteTree(random)).ToArray();
        var ensemble = new BenchmarkEnsemble([.. Enumerable.Range(0, Features).Select(j => $"x{j}")], trees);
        shap = new InterventionalTreeShap(ensemble, Values(random, BackgroundRows * Features), Features);
        rows = Values(random, Rows * Features);
        contributions = new double[Rows * Features];
    }

    /// <summary>Every row's contributions into one preallocated array; returns the sum of the margins.</summary>
    [Benchmark]
    public double Explain()
    {
        var margins = 0.0;
        for (var r = 0; r < Rows; r++)
        {
            margins += shap.Contributions(rows.AsSpan(r * Features, Features), contributions.AsSpan(r * Features, Features));
        }
        return margins;
    }

    private static double[] Values(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() < MissingShare ? double.NaN : random.NextDouble())];

    /// <summary>A complete tree in breadth-first order: node i's children are 2i+1 and 2i+2, the last level leaves.</summary>
    private static RegressionTree CompleteTree(Random random)
    {
        var splits = (1 << Depth) - 1;
        var left = new int[splits];
        var right = new int[splits];
        for (var i = 0; i < splits; i++)
        {
            left[i] = 2 * i + 1 < splits ? 2 * i + 1 : ~(2 * i + 1 - splits);
            right[i] = 2 * i + 2 < splits ? 2 * i + 2 : ~(2 * i + 2 - splits);
        }
        return new RegressionTree(
            [.. Enumerable.Range(0, splits).Select(_ => random.Next(Features))],
            [.. Enumerable.Range(0, splits).Select(_ => random.NextDouble())],
            left,
            right,
            [.. Enumerable.Range(0, splits).Select(_ => random.Next(2) == 0)],
            [.. Enumerable.Range(0, splits + 1).Select(_ => random.NextDouble() - 0.5)]);
    }

    private sealed record BenchmarkEnsemble(IReadOnlyList<string> TreeFeatures, IReadOnlyList<RegressionTree> Trees) : ITreeEnsemble
    {
        public double Bias => 0;

        public string Link => "logistic";
    }
}
