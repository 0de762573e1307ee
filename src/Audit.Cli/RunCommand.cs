using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Audit.Plan;
using Audit.Reporting;
using Audit.Results;

namespace Audit.Cli;

/// <summary><c>audit run PLAN</c>: the whole audit a plan describes.</summary>
internal static class RunCommand
{
    public static readonly Option<string?> OutOption = new("--out", "-o")
    {
        Description = "Output folder (default: the plan's 'output', else out/<plan name>). Replaced only when the run succeeds.",
    };

    public static readonly Option<string?> DataOption = new("--data")
    {
        Description = "Data file to use instead of the plan's data.path (CSV or Parquet).",
    };

    public static readonly Option<long?> SeedOption = new("--seed")
    {
        Description = "Seed for every random step (overrides the plan's seed).",
    };

    public static readonly Option<string> LangOption = new("--lang")
    {
        Description = "Language of report.html: en or fr.",
        DefaultValueFactory = _ => "en",
    };

    public static readonly Option<string[]> LimitOption = new("--limit")
    {
        Description = "Raise (or lower) an input limit, as KEY=N: " + string.Join(", ", Audit.Data.InputLimits.Keys) +
                      ". A plan's 'limits' may only lower them; raising is the auditor's call (docs/robustness.md).",
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string?> RootOption = new("--root")
    {
        Description = "Let the plan's paths reach this folder (relative to here), when the plan asks for more than its own folder " +
                      "with its 'root' key: a plan cannot widen its own reach (docs/robustness.md). For the shipped plans: --root .",
    };

    public static readonly Option<bool> PeopleOption = new("--people")
    {
        Description = "Also write tables/people.csv: one row per person (id, score, grade, flagged, rank, tied). Off by default; " +
                      "the plan's 'exports: { people: true }' turns it on too. Refused for real people without --people-real.",
    };

    public static readonly Option<bool> PeopleRealOption = new("--people-real")
    {
        Description = "Allow tables/people.csv when the plan's data.subjects is real (the default): the auditor's call, never the plan's.",
    };

    public static readonly Option<bool> AllowQueryOption = new("--allow-query")
    {
        Description = "Let the plan's data be a free SQL query (data.query) run on the database it names: the auditor's call, " +
                      "never the plan's, since a plan may come from someone else (docs/databases.md).",
    };

    /// <summary>Adds the options by which the auditor, not the plan, grants reach and raises limits.</summary>
    internal static void AddGrantOptions(Command command)
    {
        command.Options.Add(RootOption);
        command.Options.Add(LimitOption);
        command.Options.Add(AllowQueryOption);
    }

    /// <summary>Reads the grant options into the context before a plan is loaded.</summary>
    internal static void ReadGrants(ParseResult parse, CliContext context)
    {
        context.GrantedRoot = parse.GetValue(RootOption);
        context.GrantedLimits = Audit.Data.InputLimits.FromCommandLine(parse.GetValue(LimitOption) ?? []) with { AllowQuery = parse.GetValue(AllowQueryOption) };
    }

    public static Command Build(CliContext context)
    {
        var plan = new Argument<string>("PLAN") { Description = "The audit plan (YAML); see docs/audit-plan.md." };
        var command = new Command("run", """
            Run the audit a plan describes: read the data, score it with the model, apply the policy,
            measure flag rates by protected group, and write report.html, report.json, report.md,
            tables/*.csv and run.log.

            Example:
              audit run datasets/demo/plan.yaml --out out/my-audit
            """);
        command.Arguments.Add(plan);
        command.Options.Add(OutOption);
        command.Options.Add(DataOption);
        command.Options.Add(SeedOption);
        command.Options.Add(LangOption);
        command.Options.Add(PeopleOption);
        command.Options.Add(PeopleRealOption);
        AddGrantOptions(command);
        command.SetAction(parse =>
        {
            ReadGrants(parse, context);
            return Execute(context, parse.GetValue(plan)!, parse.GetValue(OutOption), parse.GetValue(DataOption), parse.GetValue(SeedOption),
                Reporting.Text.ReportLanguage.Of(parse.GetValue(LangOption)!), new PeopleSwitch(parse.GetValue(PeopleOption), parse.GetValue(PeopleRealOption)));
        });
        return command;
    }

    /// <summary>
    /// Where a run without --out or a plan 'output' writes: out/ (ignored by git), never reports/, which holds only the
    /// committed showcase that `audit showcase` writes whole in both languages and a test compares byte for byte.
    /// </summary>
    public const string DefaultOutputRoot = "out";

    /// <summary>The command line's word on the per-person table: asked for (<c>--people</c>), and allowed for real people (<c>--people-real</c>).</summary>
    public sealed record PeopleSwitch(bool Asked, bool RealAllowed);

    public static int Execute(CliContext context, string planPath, string? output, string? data, long? seed, Reporting.Text.ReportLanguage? language = null,
        PeopleSwitch? peopleSwitch = null)
    {
        var clock = Stopwatch.StartNew();
        // The report's serializer and plots get ready while the data are read (issue 21: about 0.3 s of a 1 M-row run).
        _ = ReportWriter.Prepare();
        var plan = context.AuditContext.ReadPlan(planPath, data, context.GrantedLimits, context.GrantedRoot);
        if (seed is { } s)
        {
            plan = plan with { Seed = s };
        }
        var exportPeople = plan.ExportPeople || peopleSwitch?.Asked == true;
        if (exportPeople)
        {
            // Before any work, like the output folder: a refused export is an exit 2 with nothing written.
            Auditor.CheckPeopleExport(plan, peopleSwitch?.RealAllowed == true);
        }
        var folder = output is not null ? Path.GetFullPath(output) : plan.Output ?? Path.GetFullPath(Path.Combine(DefaultOutputRoot, plan.Name));
        // Before any work: a folder Audit may not replace is an exit 2 now, not after a long run.
        ReportFolder.CheckReplaceable(folder, plan.InputFiles(), file: output is null ? plan.PlanDisplay : null,
            keyPath: output is not null ? "--out" : plan.Output is not null ? "output" : "name");
        var timings = new List<string>();
        PeopleExport? people = null;
        var result = context.WithProgress(progress =>
        {
            var timed = Timed(timings, progress);
            // A database table is counted in its engine when the plan's decisions can be written in SQL (docs/databases.md).
            var counting = plan.Data.Database is null ? plan : Audit.Sql.EngineCounts.CountInEngine(plan, exportPeople, (stage, done, total) => timed(stage, done, total));
            if (counting.Data.Counts)
            {
                var counted = Auditor.RunCounts(counting, context.CommandLine, timed);
                timed("", 0, 0);
                return counted;
            }
            var decided = Auditor.Decided(plan, timed);
            people = exportPeople ? Auditor.PeopleOf(plan, decided) : null;
            var audited = Auditor.Run(plan, decided, context.CommandLine, timed);
            timed("", 0, 0);
            return audited;
        });
        timings.Add($"total: {clock.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s");
        var log = $"""
            command: {context.CommandLine}
            finished: {DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}
            toolkit: {Auditor.ToolkitVersion}
            rows: {result.Data.Rows}
            {Auditor.QueryLog(plan, result)}{string.Join("\n", timings)}

            """;
        ReportWriter.Write(result, folder, log, language, plan.InputFiles(), people);
        PrintSummary(context, result, folder);
        return ExitCodes.Success;
    }

    /// <summary>A progress callback that also times each stage into <paramref name="timings"/>; an empty stage name closes the last one.</summary>
    private static Audit.Pipeline.StageProgress Timed(List<string> timings, Audit.Pipeline.StageProgress? progress)
    {
        var stageClock = Stopwatch.StartNew();
        string? lastStage = null;
        return (stage, done, total) =>
        {
            if (stage != lastStage)
            {
                if (lastStage is not null)
                {
                    timings.Add($"{lastStage}: {stageClock.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s");
                }
                lastStage = stage;
                stageClock.Restart();
            }
            if (stage.Length > 0)
            {
                progress?.Invoke(stage, done, total);
            }
        };
    }

    internal static void PrintSummary(CliContext context, AuditResult result, string folder)
    {
        var o = context.Out;
        o.WriteLine($"Audited {result.Data.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows with {result.Model.Name}: " +
                    $"{result.Policy.Flagged.ToString("N0", CultureInfo.InvariantCulture)} flagged. Policy: {Reporting.Text.PolicyText.Rule(result.Policy, result.Model.Grades, Reporting.Text.ReportLanguage.English)}.");
        if (result.Fairness.Findings.Count == 0)
        {
            o.WriteLine("No group can be compared with its reference group: no verdict.");
        }
        else
        {
            o.WriteLine("Headline findings:");
            foreach (var finding in result.Fairness.Findings)
            {
                o.WriteLine("  - " + Audit.Reporting.Text.FindingText.Plain(finding, Audit.Reporting.Text.ReportLanguage.English));
            }
        }
        if (result.Recourse is { NoRecourse.Value: { } none } recourse)
        {
            o.WriteLine($"Recourse: {(none * 100).ToString("0.0", CultureInfo.InvariantCulture)} % of the {recourse.Flagged.ToString("N0", CultureInfo.InvariantCulture)} flagged have no change within the plan's stated rules that would lift the flag (see the report's \"Appeal paths\").");
        }
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), folder);
        o.WriteLine($"Report: {Path.Combine(relative, ReportWriter.HtmlFile)}, {Path.Combine(relative, ReportWriter.MarkdownFile)} and {Path.Combine(relative, ReportWriter.JsonFile)}");
    }
}
