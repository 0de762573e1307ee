using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Audit.Explain;
using Audit.Plan;
using Audit.Reporting;
using Audit.Pipeline;

namespace Audit.Cli;

/// <summary>
/// <c>audit bench</c>: the reconstructed CAF audit (datasets/plans/caf-reconstructed.yaml) on N synthetic households
/// generated on the fly, timed stage by stage through the audit's own progress events: wall time, rows/s, managed
/// allocation and peak memory. Timings never enter report.json; they go to the console and to <c>--json FILE</c>.
/// </summary>
internal static class BenchCommand
{
    /// <summary>CNAF scores 13.8 million households every month (Dec 2023).</summary>
    public const int DefaultRows = 13_800_000;

    /// <summary>The stages reported, in pipeline order, with the audit's progress names.</summary>
    public static readonly (string Key, string Title)[] Stages =
    [
        ("read", "generation"),
        ("score", "scoring"),
        ("decide", "decision (cut-off)"),
        ("statistics", "group statistics"),
        ("bootstrap", "bootstrap"),
        ("explanations", "explanations stage"),
        ("attributions", "attributions, every flagged"),
        ("recourse", "recourse, every flagged"),
        ("report", "report writing"),
    ];

    private static readonly string PlanRelative = Path.Combine("datasets", "plans", "caf-reconstructed.yaml");

    public static Command Build(CliContext context)
    {
        var rows = new Option<int>("--rows") { Description = "Households to generate (default 13,800,000).", DefaultValueFactory = _ => DefaultRows };
        var planOption = new Option<string?>("--plan") { Description = "The plan to run (default: datasets/plans/caf-reconstructed.yaml, found from the current folder up)." };
        var json = new Option<string?>("--json") { Description = "Also write the figures as JSON to this file." };
        var outOption = new Option<string?>("--out", "-o") { Description = "Keep the report in this folder (default: written to a temporary folder, then deleted)." };
        var command = new Command("bench", """
            Run the reconstructed CAF audit on N synthetic households generated on the fly, and print each
            stage's wall time, rows per second and memory: generation, scoring, decision, group statistics
            (every protected attribute and the plan's intersections), bootstrap, explanations, exact
            attributions and recourse for every flagged household, report writing.

            Example:
              audit bench --rows 1000000 --json bench.json
            """);
        command.Options.Add(rows);
        command.Options.Add(RunCommand.SeedOption);
        command.Options.Add(planOption);
        command.Options.Add(json);
        command.Options.Add(outOption);
        RunCommand.AddGrantOptions(command);
        command.SetAction(parse =>
        {
            RunCommand.ReadGrants(parse, context);
            return Execute(context, parse.GetValue(rows), parse.GetValue(RunCommand.SeedOption), parse.GetValue(planOption),
                parse.GetValue(json), parse.GetValue(outOption));
        });
        return command;
    }

    private static string FindPlan()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, PlanRelative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new AuditInputException($"cannot find {PlanRelative} in this folder or above it", hint: "run from the repository, or give the plan with --plan");
    }

    public static int Execute(CliContext context, int rows, long? seed, string? planPath, string? jsonPath, string? output)
    {
        if (rows < 1)
        {
            throw new AuditInputException("--rows must be 1 or more", expected: "a number of households", found: rows.ToString(CultureInfo.InvariantCulture));
        }
        var plan = BenchPlan(context, rows, seed, planPath);
        var clock = new StageClock();
        var total = Stopwatch.StartNew();
        var (result, flagged, distinctAttributions) = AuditAndAttribute(context, plan, clock);

        clock.Enter("report");
        WriteReport(context, result, output);
        clock.Enter(null);
        total.Stop();

        var explained = result.Explanations?.RowsExplained ?? 0;
        long RowsOf(string stage) => stage switch
        {
            "explanations" => explained,
            "attributions" or "recourse" => flagged,
            "report" => 0,
            _ => rows,
        };
        var report = Figures(plan, rows, flagged, distinctAttributions, result, clock, total.Elapsed.TotalSeconds, RowsOf);
        if (!context.Quiet)
        {
            Print(context.Out, report);
        }
        else
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {report.TotalSeconds:0.00} s, peak working set {report.PeakWorkingSetBytes / 1048576.0:0} MiB"));
        }
        if (jsonPath is not null)
        {
            File.WriteAllText(jsonPath, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        }
        return ExitCodes.Success;
    }

    /// <summary>The plan benched: the shipped one (or --plan) with N generated rows, the seed given, and recourse for the flagged.</summary>
    private static AuditPlan BenchPlan(CliContext context, int rows, long? seed, string? planPath)
    {
        // The shipped plan, found by the bench itself, is the repository's own: it may reach the repository. A plan given
        // with --plan reaches outside its folder only as far as --root says.
        var shipped = planPath is null ? FindPlan() : null;
        var root = shipped is not null ? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(shipped)!, "..", "..")) : context.GrantedRoot;
        var plan = context.AuditContext.ReadPlan(planPath ?? shipped!, null, context.GrantedLimits, root);
        if (plan.Data.Population is not { } population)
        {
            throw new AuditInputException("audit bench needs a plan whose data is a population generated on the fly (data.population)", file: plan.PlanDisplay, keyPath: "data");
        }
        return plan with
        {
            Data = plan.Data with { Population = population with { Rows = rows, Seed = seed ?? population.Seed } },
            Seed = seed ?? plan.Seed,
            // The issue's target includes recourse for the flagged: the model spec's actionability rules, default search.
            Recourse = plan.Recourse ?? new Audit.Recourse.RecourseOptions(),
        };
    }

    /// <summary>
    /// The one decided-population step, every stage as <c>audit run</c> runs them, then the attributions of every
    /// flagged household; the people are let go on return, before the report is written.
    /// </summary>
    private static (Audit.Results.AuditResult Result, long Flagged, int DistinctAttributions) AuditAndAttribute(CliContext context, AuditPlan plan, StageClock clock)
    {
        StageProgress progress = (stage, _, _) => clock.Enter(stage);
        var people = Auditor.Decided(plan, progress);
        var result = Auditor.Run(plan, people, context.CommandLine, progress);
        return (result, people.Outcome.Flagged, AttributeEveryFlagged(clock, people, Auditor.OptionsOf(plan)));
    }

    /// <summary>
    /// Exact attributions for every flagged household (the explanations stage explains a seeded sample of at most
    /// max_rows people for its global figures; an auditor answering each flagged person needs all of them).
    /// </summary>
    /// <returns>The number of distinct inputs attributed.</returns>
    private static int AttributeEveryFlagged(StageClock clock, DecidedPopulation people, ExplanationOptions options)
    {
        clock.Enter("attributions");
        var flags = people.Outcome.Flags;
        var flaggedRows = new List<int>((int)people.Outcome.Flagged);
        for (var i = 0; i < flags.Length; i++)
        {
            if (flags[i] == 1)
            {
                flaggedRows.Add(i);
            }
        }
        return LocalExplainer.For(people.Model, people.Table, options).Explain(flaggedRows).EnsureAdditive().DistinctCount;
    }

    private static void WriteReport(CliContext context, Audit.Results.AuditResult result, string? output)
    {
        var folder = output is not null ? Path.GetFullPath(output) : Path.Combine(Path.GetTempPath(), "audit-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            ReportWriter.Write(result, folder, $"command: {context.CommandLine}\nrows: {result.Data.Rows}\n");
        }
        finally
        {
            if (output is null && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static BenchReport Figures(AuditPlan plan, int rows, long flagged, int distinctAttributions, Audit.Results.AuditResult result, StageClock clock,
        double totalSeconds, Func<string, long> rowsOf)
    {
        var figures = Stages.Where(s => clock.Has(s.Key)).Select(s =>
        {
            var (seconds, allocated, peak) = clock.Of(s.Key);
            var n = rowsOf(s.Key);
            return new StageFigure(s.Key, s.Title, seconds, n, n > 0 && seconds > 0 ? n / seconds : null, allocated, peak);
        }).ToList();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var gc = GC.GetGCMemoryInfo();
        return new BenchReport(
            plan.Name, rows, plan.Seed, flagged, distinctAttributions, result.Recourse?.DistinctInputs, plan.Intersections.Count, plan.BootstrapReplicates,
            Environment.ProcessorCount, Environment.Version.ToString(), DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            figures, totalSeconds, process.PeakWorkingSet64, gc.HeapSizeBytes, GC.GetTotalAllocatedBytes(), GC.CollectionCount(2),
            Stages.Where(s => !clock.Has(s.Key)).Select(s => s.Key).ToArray());
    }

    private static void Print(TextWriter o, BenchReport r)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"audit bench: {r.Plan}, {r.Rows:N0} households, seed {r.Seed}, {r.Processors} processors, .NET {r.Runtime}"));
        o.WriteLine(string.Create(c, $"{r.Flagged:N0} flagged; {r.Intersections} intersections; {r.BootstrapReplicates} bootstrap replicates"));
        o.WriteLine($"{"stage",-30} {"wall s",9} {"rows",12} {"rows/s",14} {"allocated MiB",14} {"peak WS MiB",12}");
        foreach (var s in r.Stages)
        {
            o.WriteLine(string.Create(c, $"{s.Title,-30} {s.Seconds,9:0.000} {s.Rows,12:N0} {(s.RowsPerSecond is { } v ? v.ToString("N0", c) : "-"),14} {s.AllocatedBytes / 1048576.0,14:0.0} {s.PeakWorkingSetBytes / 1048576.0,12:0}"));
        }
        o.WriteLine(string.Create(c, $"{"total",-30} {r.TotalSeconds,9:0.000}"));
        o.WriteLine(string.Create(c, $"peak working set {r.PeakWorkingSetBytes / 1048576.0:0} MiB; managed heap at the end {r.HeapSizeBytes / 1048576.0:0} MiB; allocated in all {r.TotalAllocatedBytes / 1048576.0:0} MiB; gen-2 collections {r.Gen2Collections}"));
        o.WriteLine(string.Create(c, $"distinct inputs: attributions {r.DistinctAttributionInputs:N0}, recourse {r.DistinctRecourseInputs:N0}"));
    }

    /// <summary>Wall time, managed allocation and peak working set per stage, from stage changes.</summary>
    private sealed class StageClock
    {
        private readonly Dictionary<string, (double Seconds, long Allocated, long Peak)> stages = new(StringComparer.Ordinal);
        private readonly Stopwatch watch = Stopwatch.StartNew();
        private readonly Process process = Process.GetCurrentProcess();
        private readonly Lock gate = new();
        private string? current;
        private long allocatedAtStart = GC.GetTotalAllocatedBytes();

        public void Enter(string? stage)
        {
            lock (gate)
            {
                if (stage == current)
                {
                    return;
                }
                if (current is not null)
                {
                    process.Refresh();
                    var allocated = GC.GetTotalAllocatedBytes();
                    var previous = stages.GetValueOrDefault(current);
                    stages[current] = (previous.Seconds + watch.Elapsed.TotalSeconds, previous.Allocated + allocated - allocatedAtStart, process.PeakWorkingSet64);
                }
                current = stage;
                allocatedAtStart = GC.GetTotalAllocatedBytes();
                watch.Restart();
            }
        }

        public bool Has(string stage) => stages.ContainsKey(stage);

        public (double Seconds, long Allocated, long Peak) Of(string stage) => stages[stage];
    }
}

/// <summary>One stage's figures: wall seconds, rows handled, rows/s, managed bytes allocated, and the process's peak working set so far.</summary>
internal sealed record StageFigure(string Stage, string Title, double Seconds, long Rows, double? RowsPerSecond, long AllocatedBytes, long PeakWorkingSetBytes);

/// <summary>What <c>audit bench --json</c> writes.</summary>
internal sealed record BenchReport(
    string Plan, int Rows, long Seed, long Flagged, int DistinctAttributionInputs, long? DistinctRecourseInputs, int Intersections, int BootstrapReplicates,
    int Processors, string Runtime, string Finished, IReadOnlyList<StageFigure> Stages, double TotalSeconds, long PeakWorkingSetBytes, long HeapSizeBytes,
    long TotalAllocatedBytes, int Gen2Collections, IReadOnlyList<string> NotRun);
