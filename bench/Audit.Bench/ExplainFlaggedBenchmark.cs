using System.Diagnostics;
using System.Globalization;
using Audit.Explain;
using Audit.Models;
using Audit.Policy;
using Audit.Synthetic;

namespace Audit.Bench;

/// <summary>
/// Exact attributions for every flagged person of a national-scale CAF-like audit (the explanations issue's
/// benchmark): 13,800,000 households from <see cref="CafLikeHouseholds"/> (seed 20261124), scored with
/// <c>models/caf-reconstructed.yaml</c>, the 10 % most adverse scores flagged, and each flagged person's closed-form
/// attributions (log-odds, background of 100 households) computed through <see cref="LocalExplainer"/> with the
/// additivity check, plus the four reason codes. A bench command rather than a BenchmarkDotNet class: one operation
/// takes seconds on 1.4 M people, so it is timed with a stopwatch over <see cref="Repeats"/> runs after a warm-up.
/// <c>dotnet run -c Release --project bench/Audit.Bench -- --explain-flagged [rows]</c>
/// </summary>
public static class ExplainFlaggedBenchmark
{
    public const int Rows = 13_800_000;
    public const int Repeats = 3;
    private const int Seed = 20261124;

    public static void Run(int rows)
    {
        var clock = Stopwatch.StartNew();
        var table = CafLikeHouseholds.Generate(rows, Seed);
        Console.WriteLine($"generated {rows:N0} households in {clock.Elapsed.TotalSeconds:F1} s");
        var spec = Path.Combine(FindRoot(), "models", "caf-reconstructed.yaml");
        var model = LinearModelSpec.Load(spec, "caf-reconstructed.yaml");

        clock.Restart();
        var scores = model.Score(table);
        var outcome = new TopFractionPolicy(0.1).Decide(scores, model.Adverse);
        var flagged = Enumerable.Range(0, rows).Where(i => outcome.Flags[i] == 1).ToArray();
        Console.WriteLine($"scored and decided in {clock.Elapsed.TotalSeconds:F2} s: {flagged.Length:N0} flagged");

        var options = new ExplanationOptions { Seed = Seed };
        for (var run = 0; run <= Repeats; run++)
        {
            var total = Stopwatch.StartNew();
            var explainer = LocalExplainer.For(model, table, options);
            var set = explainer.Explain(flagged);
            var explained = total.Elapsed.TotalSeconds;
            var reasons = 0L;
            for (var i = 0; i < set.Count; i++)
            {
                reasons += ReasonCodes.For(set[i], set.Features, model.Adverse, options.ReasonCodes).Count;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(run == 0 ? "warm-up" : "run " + run)}: attributions {explained:F2} s, with reason codes {total.Elapsed.TotalSeconds:F2} s; " +
                $"{set.Count:N0} people, {set.DistinctCount:N0} distinct inputs, additivity error ≤ {set.MaxAdditivityError:E1}, {reasons:N0} reason codes; " +
                $"{set.Count / explained:N0} people/s; managed memory {GC.GetTotalMemory(false) / 1e9:F2} GB"));
        }
        RunStage(table, model, outcome.Flags, options);
    }

    /// <summary>The audit's explanations stage on the whole table (default options: 100,000 rows explained), for the docs.</summary>
    private static void RunStage(Audit.Data.Table table, IScoringModel model, byte[] flags, ExplanationOptions options)
    {
        var attributes = new[] { "sexe", "nationalite", "parent_isole" }
            .Select(name => Audit.Fairness.Cells.GroupAssignment.FromColumn(table[name], null))
            .Select(g => new ExplanationStage.AttributeGroups(g, g.Levels[0]))
            .ToArray();
        var clock = Stopwatch.StartNew();
        var section = ExplanationStage.Run(model, table, flags, attributes, [], options, (done, _) => Console.WriteLine($"  stage step {done}: {clock.Elapsed.TotalSeconds:F2} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"explanations stage (3 attributes, {section.RowsExplained:N0} rows explained, {Math.Min(options.BootstrapReplicates, ExplanationStage.MaxDecompositionReplicates)} bootstrap replicates): {clock.Elapsed.TotalSeconds:F2} s; " +
            $"{section.Decompositions.Count} decompositions, {section.Proxies.Count} proxies, additivity error ≤ {section.AdditivityError:E1}"));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Audit.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run from inside the repository (Audit.sln not found above the binaries).");
    }
}
