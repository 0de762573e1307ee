using System.CommandLine;
using System.Text.Json;
using Audit.Plan;
using Audit.Reporting;
using Audit.Results;

namespace Audit.Cli;

/// <summary><c>audit explain PLAN --person ID</c>: one person's explanation (CRPA R311-3-1-2), as Markdown or JSON.</summary>
internal static class ExplainCommand
{
    public static Command Build(CliContext context)
    {
        var plan = new Argument<string>("PLAN") { Description = "The audit plan (YAML); see docs/audit-plan.md." };
        var person = new Option<string?>("--person") { Description = "The person's ID (a value of the plan's id column, roles.id)." };
        var personFile = new Option<string?>("--person-file") { Description = "A YAML or JSON file of the person's values, keyed by column name." };
        var language = new Option<string>("--lang") { Description = "Language of the page: fr or en.", DefaultValueFactory = _ => "en" };
        var json = new Option<bool>("--json") { Description = "Print the structured record as JSON instead of the Markdown page." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the page (or JSON) to this file instead of the screen." };
        var command = new Command("explain", """
            Explain one person's score and decision: the four items of CRPA art. R311-3-1-2 (the algorithm's
            contribution to the decision, the data and their sources, the weights as applied to the person, the
            operations), a plain-language summary and the reason codes.

            Example:
              audit explain plan.yaml --person 1042 --lang fr
              audit explain plan.yaml --person-file person.yaml --json
            """);
        command.Arguments.Add(plan);
        command.Options.Add(person);
        command.Options.Add(personFile);
        command.Options.Add(language);
        command.Options.Add(json);
        command.Options.Add(output);
        command.Options.Add(RunCommand.DataOption);
        command.Options.Add(RunCommand.SeedOption);
        command.SetAction(parse => Execute(context, parse.GetValue(plan)!, parse.GetValue(person), parse.GetValue(personFile), parse.GetValue(language)!,
            parse.GetValue(json), parse.GetValue(output), parse.GetValue(RunCommand.DataOption), parse.GetValue(RunCommand.SeedOption)));
        return command;
    }

    private static int Execute(CliContext context, string planPath, string? person, string? personFile, string language, bool json, string? output, string? data, long? seed)
    {
        if ((person is null) == (personFile is null))
        {
            throw new AuditInputException("give exactly one of --person ID and --person-file FILE", hint: "audit explain PLAN --person ID, or audit explain PLAN --person-file person.yaml");
        }
        if (!TextCatalog.Languages.Contains(language))
        {
            throw new AuditInputException($"no texts in the language '{language}'", expected: string.Join(" or ", TextCatalog.Languages), found: language, hint: "use --lang fr or --lang en");
        }
        var loaded = AuditPlanLoader.Load(planPath, data);
        if (seed is { } s)
        {
            loaded = loaded with { Seed = s };
        }
        var explanation = Auditor.ExplainPerson(loaded, person, personFile);
        var text = json
            ? JsonSerializer.Serialize(explanation, AuditResultJson.Options) + "\n"
            : PersonExplanationMarkdown.Render(explanation, language);
        if (output is not null)
        {
            File.WriteAllText(output, text);
            context.Out.WriteLine($"Explanation of {explanation.Person}: {output}");
        }
        else
        {
            context.Out.Write(text);
        }
        return ExitCodes.Success;
    }
}
