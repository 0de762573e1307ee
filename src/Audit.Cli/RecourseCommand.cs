using System.CommandLine;
using System.Text;
using System.Text.Json;
using Audit.Results;
using Audit.Plan;
using Audit.Recourse;
using Audit.Reporting;
using Audit.Reporting.Text;

namespace Audit.Cli;

/// <summary><c>audit recourse PLAN [--person ID]</c>: one person's cheapest changes and routes to contest, or the population summary.</summary>
internal static class RecourseCommand
{
    public static readonly Option<string?> PersonOption = new("--person")
    {
        Description = "The id (the plan's roles.id column) of one person: their cheapest change and the routes to contest; several as a,b,c.",
    };

    public static readonly Option<string?> PersonsOption = new("--persons")
    {
        Description = "A text file of ids, one a line: one document per person (see --json and --out).",
    };

    public static readonly Option<bool> JsonOption = new("--json")
    {
        Description = "Print the structured record as JSON instead of Markdown (several people: a JSON array; no --person: the population's recourse section).",
    };

    public static readonly Option<string?> OutOption = new("--out", "-o")
    {
        Description = "Write the page (or JSON) to this file instead of the screen; for several people's Markdown pages, a folder of ID.md files.",
    };

    public static readonly Option<string> LanguageOption = new("--lang")
    {
        Description = "Language of the --person page: en or fr.",
        DefaultValueFactory = _ => "en",
    };

    public static Command Build(CliContext context)
    {
        var plan = new Argument<string>("PLAN") { Description = "The audit plan (YAML); its 'recourse' key sets the actionability rules and the jurisdiction (docs/recourse.md)." };
        var command = new Command("recourse", """
            What flagged people could change to stop being flagged, and where to contest.
            With --person: one person's cheapest change (or the proof that none exists) and the routes.
            Without: the recourse audit of every flagged person, by protected group (printed as Markdown).

            Example:
              audit recourse plan.yaml --person 1042
              audit recourse plan.yaml --person 1042 --lang fr
              audit recourse plan.yaml
              audit recourse plan.yaml --person 1042,1043,1044 --json
              audit recourse plan.yaml --persons ids.txt --out pages/
            """);
        command.Arguments.Add(plan);
        command.Options.Add(PersonOption);
        command.Options.Add(PersonsOption);
        command.Options.Add(LanguageOption);
        command.Options.Add(JsonOption);
        command.Options.Add(OutOption);
        command.Options.Add(RunCommand.DataOption);
        command.Options.Add(RunCommand.SeedOption);
        RunCommand.AddGrantOptions(command);
        command.SetAction(parse =>
        {
            RunCommand.ReadGrants(parse, context);
            return Execute(context, parse.GetValue(plan)!, PersonIds.Of(parse.GetValue(PersonOption), parse.GetValue(PersonsOption)),
                parse.GetValue(RunCommand.DataOption), parse.GetValue(RunCommand.SeedOption), parse.GetValue(LanguageOption)!,
                new Output(parse.GetValue(JsonOption), parse.GetValue(OutOption)));
        });
        return command;
    }

    /// <summary>How the documents are written: JSON or Markdown; to the screen, a file, or (several Markdown pages) a folder.</summary>
    public sealed record Output(bool Json, string? Path);

    public static int Execute(CliContext context, string planPath, IReadOnlyList<string> ids, string? data, long? seed, string language = "en", Output? output = null)
    {
        output ??= new Output(false, null);
        // An unknown language is refused before the audit runs.
        var lang = ReportLanguage.Of(language);
        if (ids.Count > 1 && !output.Json && output.Path is null)
        {
            throw new AuditInputException($"{ids.Count} people's pages go to a folder, one file each", expected: "--out FOLDER (or --json for one JSON array)",
                hint: "audit recourse PLAN --persons ids.txt --out pages/");
        }
        var plan = context.AuditContext.ReadPlan(planPath, data, context.GrantedLimits, context.GrantedRoot);
        plan = plan with { Seed = seed ?? plan.Seed, Recourse = plan.Recourse ?? new RecourseOptions() };
        if (ids.Count == 0)
        {
            var result = context.WithProgress(progress => Auditor.Run(plan, context.CommandLine, progress));
            var md = new StringBuilder();
            RecourseMarkdown.Append(md, result.Recourse!);
            ExplainCommand.Emit(context, output.Json ? JsonSerializer.Serialize(result.Recourse, AuditResultJson.Options) + "\n" : md.ToString(), output.Path, "Recourse");
            return ExitCodes.Success;
        }
        var reports = ids.Count == 1 ? [Auditor.RecourseForPerson(plan, ids[0])] : Auditor.RecourseForPeople(plan, ids);
        if (ids.Zip(reports).FirstOrDefault(p => p.Second is null).First is { } missing)
        {
            context.Error.WriteLine($"error: no person with id '{missing}' in {plan.Data.Display}");
            context.Error.WriteLine($"hint: ids are read from the column '{plan.Id?.Name}' (the plan's roles.id)");
            return ExitCodes.BadInput;
        }
        string Page(PersonReport report) => PersonRecoursePage.Render(report, lang, DataErrorSensitivity.DefaultBand);
        if (output.Json)
        {
            var json = ids.Count == 1 ? JsonSerializer.Serialize(reports[0], AuditResultJson.Options) : JsonSerializer.Serialize(reports, AuditResultJson.Options);
            ExplainCommand.Emit(context, json + "\n", output.Path, ids.Count == 1 ? $"Recourse of {ids[0]}" : $"Recourse of {ids.Count} people");
        }
        else if (ids.Count == 1)
        {
            ExplainCommand.Emit(context, Page(reports[0]!), output.Path, $"Recourse of {ids[0]}");
        }
        else
        {
            Directory.CreateDirectory(output.Path!);
            foreach (var (id, report) in ids.Zip(reports))
            {
                File.WriteAllText(PersonIds.FileIn(output.Path!, id, ".md"), Page(report!));
            }
            context.Out.WriteLine($"Recourse of {ids.Count} people: {output.Path}");
        }
        return ExitCodes.Success;
    }
}
