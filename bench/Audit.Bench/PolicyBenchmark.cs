using Audit.Models;
using Audit.Policy;
using BenchmarkDotNet.Attributes;

namespace Audit.Bench;

/// <summary>
/// <see cref="TopFractionPolicy"/> flagging the top 10 % of 1,000,000 scores. With <see cref="Ties"/> the scores
/// are rounded to 2 decimals (at most 101 distinct values, as published scores often are), so the cut-off splits a
/// large tie; without, they are continuous.
/// </summary>
[MemoryDiagnoser]
public class PolicyBenchmark
{
    public const int Rows = 1_000_000;

    private const int Seed = 20261124;

    private readonly TopFractionPolicy policy = new(0.10);
    private double[] scores = [];

    [Params(true, false)]
    public bool Ties { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(Seed);
        scores = new double[Rows];
        for (var i = 0; i < Rows; i++)
        {
            // Skewed towards low risk, like a fraud score: the product of two uniforms.
            var score = random.NextDouble() * random.NextDouble();
            scores[i] = Ties ? Math.Round(score, 2) : score;
        }
    }

    [Benchmark]
    public PolicyOutcome Decide() => policy.Decide(scores, AdverseTail.High);

    /// <summary>The full sort <see cref="Decide"/> used before the O(n) selection (still its fallback for NaN scores).</summary>
    [Benchmark]
    public double Sort() => RankingPolicy.SortAndFlag(scores, AdverseTail.High, (int)policy.CountToFlag(Rows), new byte[Rows]);
}
