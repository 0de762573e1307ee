using System.Diagnostics;
using Audit.Results;
using Audit.Models;
using Audit.Policy;
using Audit.Recourse;
using Audit.Tests.Recourse;

namespace Audit.Bench;

/// <summary>
/// The appeal-paths issue's benchmark, one timed pass (BenchmarkDotNet's repetitions would take hours at this
/// size): recourse for every flagged household of a CAF-like population (<see cref="CafLikeHouseholds"/>, seed
/// 20261124) scored by models/caf-reconstructed.yaml, the top 10 % flagged, with the actionability rules of the
/// tests' CAF plan. Times the exact population run (deduplicated, dynamic programme, every answer re-scored), CP-SAT
/// on a sample of distinct flagged people, and the black-box search on a sample.
/// <c>dotnet run -c Release --project bench/Audit.Bench -- --recourse 1000000</c>
/// </summary>
public static class RecourseMeasurement
{
    private const int Seed = 20261124;

    public static void Run(int rows, int cpSatSample = 2000, int searchSample = 200)
    {
        var clock = Stopwatch.StartNew();
        var table = CafLikeHouseholds.Generate(rows, Seed);
        var spec = Path.Combine(FindRoot(), "models", "caf-reconstructed.yaml");
        var model = LinearModelSpec.Load(spec, "caf-reconstructed.yaml");
        var scores = model.Score(table);
        var outcome = new TopFractionPolicy(0.1).Decide(scores, model.Adverse);
        Console.WriteLine($"rows {rows:N0}, flagged {outcome.Flagged:N0}; generate + score + decide {clock.Elapsed.TotalSeconds:0.00} s");
        var options = new RecourseOptions
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
        var target = new DecisionTarget(outcome.Cutoff!.Value, model.Adverse, Ranked: true);
        clock.Restart();
        var engine = RecourseEngine.Create(model, table, options, target);
        var setup = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var run = RecourseAudit.Run(engine, table, scores, outcome.Flags, [], [], 10, 0.95, Seed, null);
        var exact = clock.Elapsed.TotalSeconds;
        var s = run.Section;
        Console.WriteLine($"engine setup (percentiles, grids) {setup:0.00} s");
        Console.WriteLine($"exact population run (DP, re-scoring, data errors, who they are, plausibility): {exact:0.00} s for {s.Flagged:N0} flagged ({s.DistinctInputs:N0} distinct inputs): "
            + $"{exact / s.Flagged * 1e6:0} µs per flagged person, {exact / s.DistinctInputs * 1e6:0} µs per distinct input");
        Console.WriteLine($"no recourse {s.NoRecourse.Value:P2}; flagged for who they are {s.ForWhoTheyAre!.Value:P2}; mean cost {s.MeanCost.Value:0.000}; median {s.MedianCost.Value:0.000}");

        var flagged = Enumerable.Range(0, rows).Where(i => outcome.Flags[i] == 1).ToArray();
        var allDistinct = flagged.Select(i => (Row: i, Values: Read(engine, i))).DistinctBy(p => string.Join(",", p.Values)).ToArray();
        clock.Restart();
        var errors = new DataErrorSensitivity(engine.Actions, engine.Score, engine.Target).Run([.. allDistinct.Select(p => p.Values)]);
        var errorTime = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"of which data-error sensitivity (timed again alone): {errorTime:0.00} s for {allDistinct.Length:N0} distinct inputs, {errorTime / allDistinct.Length * 1e6:0} µs each; "
            + $"flag hinges on one plausible error for {s.DataErrors!.Share.Value:P2}");
        var withRecourse = allDistinct.Where(p => run.People[p.Row]!.Status == RecourseStatus.Found)
            .Select(p => (p.Row, p.Values, Changed: Apply(p.Values, run.People[p.Row]!))).ToList();
        clock.Restart();
        Plausibility.Measure(engine.Actions, table, withRecourse);
        Console.WriteLine($"of which plausibility (timed again alone): {clock.Elapsed.TotalSeconds:0.00} s");
        Console.WriteLine($"changes move {s.Quality!.Changes.Value:0.00} inputs on average; nearest real household at {s.Quality.NearestDistance:0.000} (as they are: {s.Quality.NearestDistanceAsTheyAre:0.000})");
        var distinct = allDistinct.Take(cpSatSample).ToArray();
        clock.Restart();
        var disagreements = 0;
        foreach (var (row, values) in distinct)
        {
            var cp = engine.Solve(values, scores[row], row, useCpSat: true);
            var dp = run.People[row]!;
            if (cp.Status != dp.Status || Math.Abs(cp.Cost - dp.Cost) > 1e-3 && cp.Status == RecourseStatus.Found)
            {
                disagreements++;
            }
        }
        var cpSat = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"CP-SAT on {distinct.Length:N0} distinct flagged people: {cpSat:0.00} s, {cpSat / distinct.Length * 1e3:0.00} ms per person; disagreements with the DP: {disagreements}");

        var searchEngine = RecourseEngine.Create(model, table, options with { Method = "search" }, target);
        clock.Restart();
        int found = 0, worse = 0;
        foreach (var (row, values) in distinct.Take(searchSample))
        {
            var hit = searchEngine.Solve(values, scores[row], row);
            if (hit.Status == RecourseStatus.Found)
            {
                found++;
                worse += hit.Cost > run.People[row]!.Cost + 1e-9 ? 1 : 0;
            }
        }
        var search = clock.Elapsed.TotalSeconds;
        var exactFound = distinct.Take(searchSample).Count(p => run.People[p.Row]!.Status == RecourseStatus.Found);
        Console.WriteLine($"search on {Math.Min(searchSample, distinct.Length)} people: {search:0.00} s, {search / Math.Min(searchSample, distinct.Length) * 1e3:0.0} ms per person; "
            + $"found {found} (exact: {exactFound}), dearer than the exact optimum: {worse}");
    }

    private static double[] Apply(double[] values, PersonRecourse recourse)
    {
        var changed = (double[])values.Clone();
        foreach (var change in recourse.Changes)
        {
            changed[change.Feature] = change.To;
        }
        return changed;
    }

    private static double[] Read(RecourseEngine engine, int row)
    {
        var values = new double[engine.Actions.Codec.Count];
        engine.Actions.Codec.Read(row, values);
        return values;
    }

    internal static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Audit.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Audit.sln not found above the benchmark binaries.");
    }
}
