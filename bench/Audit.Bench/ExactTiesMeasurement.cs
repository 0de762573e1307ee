using System.Diagnostics;
using Audit.Models;
using Audit.Policy;
using Audit.Synthetic;

namespace Audit.Bench;

/// <summary>
/// <c>--exact-ties [rows]</c>: the cost of settling ties exactly (issue 15, defect 2; <see cref="ScoreOrder"/>). On the
/// CAF population (seed 1) scored by the reconstructed CAF spec, each policy decides once on doubles alone and once
/// with the rows near the cut-off rescored in decimal; the median of 31 runs (in alternation) of each is printed, with the scoring
/// time for scale. Also the same spec read as a linear one (η itself, so the cut-off falls in a run of exact ties).
/// </summary>
public static class ExactTiesMeasurement
{
    public static void Run(int rows, int repeats = 31)
    {
        var spec = PopulationSpecLoader.Load(Find("datasets", "populations", "caf-france.yaml"), "caf-france.yaml");
        var table = PopulationGenerator.GenerateTable(spec, rows, seed: 1);
        var logistic = LinearModelSpec.Load(Find("models", "caf-reconstructed.yaml"), "caf-reconstructed.yaml");
        var linear = new LinearModel("CAF spec read as linear", logistic: false, logistic.Adverse, logistic.Intercept, logistic.Terms,
            interactions: logistic.Interactions, interceptCoefficient: logistic.InterceptCoefficient);
        Console.WriteLine($"{rows:N0} rows, {Environment.ProcessorCount} cores, {repeats} runs each (median)");
        foreach (var model in new[] { logistic, linear })
        {
            var scores = model.Score(table);
            var scoring = Median(repeats, () => model.Score(table));
            Console.WriteLine($"{model.Kind}: scoring {scoring:0.0} ms");
            DecisionPolicy[] policies = [new TopFractionPolicy(0.0120289855), new TopFractionPolicy(0.10), new ThresholdPolicy(model.Logistic ? 0.5 : 0)];
            foreach (var policy in policies)
            {
                var doubles = policy.Decide(scores, model.Adverse);
                var exact = policy.Decide(model, table, scores);
                var (before, after) = Paired(repeats, () => policy.Decide(scores, model.Adverse), () => policy.Decide(model, table, scores));
                var changed = doubles.Flags.Zip(exact.Flags).Count(p => p.First != p.Second);
                var at = exact.Cutoff!.Value;
                var rescored = scores.Count(s => Math.Abs(s - at) <= ScoreOrder.Window * Math.Max(1, Math.Abs(at)));
                Console.WriteLine($"  {policy.Describe(model.Adverse)}: doubles {before:0.00} ms, exact {after:0.00} ms (+{after - before:0.00} ms); " +
                    $"tied at the cut-off {doubles.TiedAtCutoff} -> {exact.TiedAtCutoff} ({doubles.TiedAtCutoffFlagged} -> {exact.TiedAtCutoffFlagged} flagged), {changed} flags changed, {rescored} rows rescored");
            }
        }
    }

    /// <summary>Medians of two actions timed in alternation, so that the machine's load affects both alike.</summary>
    private static (double First, double Second) Paired(int repeats, Action first, Action second)
    {
        first();
        second();
        var a = new double[repeats];
        var b = new double[repeats];
        for (var r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            first();
            a[r] = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            second();
            b[r] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(a);
        Array.Sort(b);
        return (a[repeats / 2], b[repeats / 2]);
    }

    private static double Median(int repeats, Action action)
    {
        action();
        var times = new double[repeats];
        for (var r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[r] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[repeats / 2];
    }

    private static string Find(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine([dir.FullName, .. parts]);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new InvalidOperationException(Path.Combine(parts) + " not found.");
    }
}
