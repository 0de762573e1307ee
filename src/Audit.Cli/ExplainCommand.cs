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
        var personFile = new Option<string?>("--person-file") { Description = "A YAML or JSON file of the person's values, keyed by column name; the person is named by the id column's value in it (the file name without one)." };
        var language = new Option<string>("--lang") { Description = "Language of the page: fr or en.", DefaultValueFactory = _ => "en" };
        var json = new Option<bool>("--json") { Description = "Print the structured record as JSON instead of the Markdown page." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the page (or JSON) to this file instead of the screen." };
        var html = new Option<string?>("--html") { Description = "Write the person's letter as a self-contained HTML page: to this file, or, when it names a folder (existing, or ending with /), to FOLDER/letters/<id>.html." };
        var command = new Command("explain", """
            Explain one person's score and decision: the four items of CRPA art. R311-3-1-2 (the algorithm's
            contribution to the decision, the data and their sources, the weights as applied to the person, the
            operations), a plain-language summary and the reason codes.

            Example:
              audit explain plan.yaml --person 1042 --lang fr
              audit explain plan.yaml --person-file person.yaml --json
              audit explain plan.yaml --person 1042 --lang fr --html out/
            """);
        command.Arguments.Add(plan);
        command.Options.Add(person);
        command.Options.Add(personFile);
        command.Options.Add(language);
        command.Options.Add(json);
        command.Options.Add(output);
        command.Options.Add(html);
        command.Options.Add(RunCommand.DataOption);
        command.Options.Add(RunCommand.SeedOption);
        RunCommand.AddGrantOptions(command);
        command.SetAction(parse => ExecuteGranted(parse, context) ?? Execute(context, parse.GetValue(plan)!, parse.GetValue(person), parse.GetValue(personFile), parse.GetValue(language)!,
            parse.GetValue(json), parse.GetValue(output), parse.GetValue(RunCommand.DataOption), parse.GetValue(RunCommand.SeedOption), parse.GetValue(html)));
        return command;
    }

    /// <summary>Reads the grant options; null so that the action goes on.</summary>
    private static int? ExecuteGranted(ParseResult parse, CliContext context)
    {
        RunCommand.ReadGrants(parse, context);
        return null;
    }

    private static int Execute(CliContext context, string planPath, string? person, string? personFile, string language, bool json, string? output, string? data, long? seed, string? html)
    {
        if ((person is null) == (personFile is null))
        {
            throw new AuditInputException("give exactly one of --person ID and --person-file FILE", hint: "audit explain PLAN --person ID, or audit explain PLAN --person-file person.yaml");
        }
        if (!TextCatalog.Languages.Contains(language))
        {
            throw new AuditInputException($"no texts in the language '{language}'", expected: string.Join(" or ", TextCatalog.Languages), found: language, hint: "use --lang fr or --lang en");
        }
        var loaded = context.AuditContext.ReadPlan(planPath, data, context.GrantedLimits, context.GrantedRoot);
        if (seed is { } s)
        {
            loaded = loaded with { Seed = s };
        }
        var explanation = Auditor.ExplainPerson(loaded, person, personFile);
        if (html is not null)
        {
            return WriteLetter(context, loaded, explanation, person, language, html);
        }
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

    /// <summary>
    /// The person's letter (Reporting/Letters): the explanation, and, when the plan has <c>recourse:</c> and the person
    /// is given by id, the cheapest change, the data to check first and the routes to contest.
    /// </summary>
    private static int WriteLetter(CliContext context, AuditPlan plan, Audit.Results.PersonExplanation explanation, string? person, string language, string html)
    {
        var lang = Audit.Reporting.Text.ReportLanguage.Of(language);
        var recourse = plan.Recourse is not null && person is not null ? Auditor.RecourseForPerson(plan, person) : null;
        var letter = Audit.Reporting.Letters.PersonLetterBuilder.Build(explanation, recourse, lang);
        var page = Audit.Reporting.Letters.HtmlLetter.Render(letter, Auditor.ProvenanceOf(plan, context.CommandLine), lang);
        var isFolder = Directory.Exists(html) || html.EndsWith('/') || html.EndsWith(Path.DirectorySeparatorChar);
        var path = isFolder
            ? Path.Combine(html, Audit.Reporting.Letters.HtmlLetter.Folder, Audit.Reporting.Letters.HtmlLetter.SafeName(explanation.Person) + ".html")
            : html;
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        File.WriteAllText(path, page);
        context.Out.WriteLine($"Letter of {explanation.Person}: {path}");
        return ExitCodes.Success;
    }
}
