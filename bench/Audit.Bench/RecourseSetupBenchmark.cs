using Audit.Models;
using Audit.Policy;
using Audit.Recourse;
using Audit.Results;
using Audit.Tests.Recourse;
using BenchmarkDotNet.Attributes;

namespace Audit.Bench;

/// <summary>
/// Issue 21, recourse stage: the engine's set-up over a CAF-like population (<see cref="CafLikeHouseholds"/>, seed
/// 20261124, 1,000,000 households) with the rules of <see cref="RecourseMeasurement"/>, against what the set-up did
/// before (every numeric and boolean input read and sorted); and the exact recourse of every flagged household of
/// 100,000 (top 10 %), solving, data errors, typical values, plausibility and summaries.
/// <c>dotnet run -c Release --project bench/Audit.Bench -- --filter '*RecourseSetup*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class RecourseSetupBenchmark
{
    public const int Rows = 1_000_000;

    public const int SolvedRows = 100_000;

    private const int Seed = 20261124;

    private IScoringModel model = null!;
    private Data.Table population = null!;
    private FeatureCodec codec = null!;
    private RecourseOptions options = null!;
    private Data.Table small = null!;
    private double[] smallScores = [];
    private byte[] smallFlags = [];
    private RecourseEngine smallEngine = null!;

    [GlobalSetup]
    public void Setup()
    {
        population = CafLikeHouseholds.Generate(Rows, Seed);
        model = LinearModelSpec.Load(Path.Combine(RecourseMeasurement.FindRoot(), "models", "caf-reconstructed.yaml"), "caf-reconstructed.yaml");
        codec = new FeatureCodec(population, model.Features);
        options = new RecourseOptions
        {
            Features =
            [
                new FeatureRuleOverride("revenu", 0, "revenu") { Actionability = Actionability.IncreaseOnly, MaxChange = 300 },
                new FeatureRuleOverride("taux_effort_logement", 0, "taux_effort_logement") { Actionability = Actionability.DecreaseOnly, MaxChange = 10 },
                new FeatureRuleOverride("activite", 0, "activite") { Levels = ["emploi_stable", "emploi_precaire", "chomage"], ChangeCost = 1 },
                new FeatureRuleOverride("quartier_defavorise", 0, "quartier_defavorise") { ChangeCost = 0.5 },
                new FeatureRuleOverride("situation_familiale", 0, "situation_familiale") { Actionability = Actionability.Immutable, LegalEvent = true },
            ],
        };
        small = CafLikeHouseholds.Generate(SolvedRows, Seed);
        smallScores = model.Score(small);
        var outcome = new TopFractionPolicy(0.1).Decide(smallScores, model.Adverse);
        smallFlags = outcome.Flags;
        smallEngine = RecourseEngine.Create(model, small, options, new DecisionTarget(outcome.Cutoff!.Value, model.Adverse, Ranked: true));
    }

    /// <summary>Before issue 21: each numeric or boolean input read and sorted over the population (the rest of the set-up is small).</summary>
    [Benchmark(Baseline = true)]
    public int SortEveryInput()
    {
        var total = 0;
        for (var f = 0; f < codec.Count; f++)
        {
            if (codec.TypeOf(f) != Data.ColumnType.Categorical)
            {
                var values = codec.ReadColumn(f);
                Array.Sort(values);
                total += values.Length;
            }
        }
        return total;
    }

    /// <summary>The whole set-up now: rules, ranges, grids, each input's distribution counted.</summary>
    [Benchmark]
    public ActionabilityModel BuildActionability() => ActionabilityModel.Build(model, population, options);

    /// <summary>The recourse audit of the 10,000 flagged of 100,000 households (the engine built once, in the set-up).</summary>
    [Benchmark]
    public RecourseSection SolveFlagged() =>
        RecourseAudit.Run(smallEngine, small, smallScores, smallFlags, [], [], 10, 0.95, Seed, null).Section;
}
