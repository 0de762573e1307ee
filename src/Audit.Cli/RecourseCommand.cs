using System.CommandLine;
using System.Text;
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
        Description = "The id (the plan's roles.id column) of one person: their cheapest change and the routes to contest.",
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
            """);
        command.Arguments.Add(plan);
        command.Options.Add(PersonOption);
        command.Options.Add(LanguageOption);
        command.Options.Add(RunCommand.DataOption);
        command.Options.Add(RunCommand.SeedOption);
        RunCommand.AddGrantOptions(command);
        command.SetAction(parse =>
        {
            RunCommand.ReadGrants(parse, context);
            return Execute(context, parse.GetValue(plan)!, parse.GetValue(PersonOption), parse.GetValue(RunCommand.DataOption), parse.GetValue(RunCommand.SeedOption),
                parse.GetValue(LanguageOption)!);
        });
        return command;
    }

    public static int Execute(CliContext context, string planPath, string? person, string? data, long? seed, string language = "en")
    {
        // An unknown language is refused before the audit runs.
        var lang = ReportLanguage.Of(language);
        var plan = context.AuditContext.ReadPlan(planPath, data, context.GrantedLimits, context.GrantedRoot);
        plan = plan with { Seed = seed ?? plan.Seed, Recourse = plan.Recourse ?? new RecourseOptions() };
        if (person is null)
        {
            var result = context.WithProgress(progress => Auditor.Run(plan, context.CommandLine, progress));
            var md = new StringBuilder();
            RecourseMarkdown.Append(md, result.Recourse!);
            context.Out.Write(md.ToString());
            return ExitCodes.Success;
        }
        var report = Auditor.RecourseForPerson(plan, person);
        if (report is null)
        {
            context.Error.WriteLine($"error: no person with id '{person}' in {plan.Data.Display}");
            context.Error.WriteLine($"hint: ids are read from the column '{plan.Id?.Name}' (the plan's roles.id)");
            return ExitCodes.BadInput;
        }
        context.Out.Write(PersonRecoursePage.Render(report, lang, DataErrorSensitivity.DefaultBand));
        return ExitCodes.Success;
    }
}
