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
        var person = new Option<string?>("--person") { Description = "The person's ID (a value of the plan's id column, roles.id); several as a,b,c." };
        var persons = new Option<string?>("--persons") { Description = "A text file of IDs, one a line: one document per person (see --json and --out)." };
        var personFile = new Option<string?>("--person-file") { Description = "A YAML or JSON file of the person's values, keyed by column name; the person is named by the id column's value in it (the file name without one)." };
        var language = new Option<string>("--lang") { Description = "Language of the page: fr or en.", DefaultValueFactory = _ => "en" };
        var json = new Option<bool>("--json") { Description = "Print the structured record as JSON instead of the Markdown page (several people: a JSON array)." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the page (or JSON) to this file instead of the screen; for several people's Markdown pages, a folder of ID.md files." };
        var html = new Option<string?>("--html") { Description = "Write the person's letter as a self-contained HTML page: to this file, or, when it names a folder (existing, or ending with /), to FOLDER/letters/<id>.html." };
        var command = new Command("explain", """
            Explain one person's score and decision: the four items of CRPA art. R311-3-1-2 (the algorithm's
            contribution to the decision, the data and their sources, the weights as applied to the person, the
            operations), a plain-language summary and the reason codes.

            Example:
              audit explain plan.yaml --person 1042 --lang fr
              audit explain plan.yaml --person-file person.yaml --json
              audit explain plan.yaml --person 1042 --lang fr --html out/
              audit explain plan.yaml --person 1042,1043,1044 --json
              audit explain plan.yaml --persons ids.txt --out pages/
            """);
        command.Arguments.Add(plan);
        command.Options.Add(person);
        command.Options.Add(persons);
        command.Options.Add(personFile);
        command.Options.Add(language);
        command.Options.Add(json);
        command.Options.Add(output);
        command.Options.Add(html);
        command.Options.Add(RunCommand.DataOption);
        command.Options.Add(RunCommand.SeedOption);
        RunCommand.AddGrantOptions(command);
        command.SetAction(parse => ExecuteGranted(parse, context) ?? Execute(context, parse.GetValue(plan)!, PersonIds.Of(parse.GetValue(person), parse.GetValue(persons)),
            parse.GetValue(personFile), parse.GetValue(language)!,
            parse.GetValue(json), parse.GetValue(output), parse.GetValue(RunCommand.DataOption), parse.GetValue(RunCommand.SeedOption), parse.GetValue(html)));
        return command;
    }

    /// <summary>Reads the grant options; null so that the action goes on.</summary>
    private static int? ExecuteGranted(ParseResult parse, CliContext context)
    {
        RunCommand.ReadGrants(parse, context);
        return null;
    }

    private static int Execute(CliContext context, string planPath, IReadOnlyList<string> ids, string? personFile, string language, bool json, string? output, string? data, long? seed, string? html)
    {
        if ((ids.Count == 0) == (personFile is null))
        {
            throw new AuditInputException("give exactly one of --person ID (or --persons FILE) and --person-file FILE", hint: "audit explain PLAN --person ID, or audit explain PLAN --person-file person.yaml");
        }
        var person = ids.Count == 1 ? ids[0] : null;
        if (!TextCatalog.Languages.Contains(language))
        {
            throw new AuditInputException($"no texts in the language '{language}'", expected: string.Join(" or ", TextCatalog.Languages), found: language, hint: "use --lang fr or --lang en");
        }
        var loaded = context.AuditContext.ReadPlan(planPath, data, context.GrantedLimits, context.GrantedRoot);
        if (seed is { } s)
        {
            loaded = loaded with { Seed = s };
        }
        if (ids.Count > 1)
        {
            return ExecuteMany(context, loaded, ids, language, json, output, html);
        }
        var explanation = Auditor.ExplainPerson(loaded, person, personFile);
        if (html is not null)
        {
            return WriteLetter(context, loaded, explanation, person, language, html);
        }
        var text = json
            ? JsonSerializer.Serialize(explanation, AuditResultJson.Options) + "\n"
            : PersonExplanationMarkdown.Render(explanation, language, loaded.Legal);
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
    /// Several people (docs/explanations.md, "Several people"): with <c>--json</c> one JSON array whose items are the
    /// documents each id gives alone; Markdown pages into the folder <c>--out</c>, one <c>ID.md</c> each; with
    /// <c>--html FOLDER</c>, one letter each under FOLDER/letters/. The population is decided once.
    /// </summary>
    private static int ExecuteMany(CliContext context, AuditPlan plan, IReadOnlyList<string> ids, string language, bool json, string? output, string? html)
    {
        if (html is not null)
        {
            var folder = html.EndsWith('/') || html.EndsWith(Path.DirectorySeparatorChar) || Directory.Exists(html) ? html : html + "/";
            foreach (var (id, one) in ids.Zip(Auditor.ExplainPeople(plan, ids)))
            {
                WriteLetter(context, plan, one, id, language, folder);
            }
            return ExitCodes.Success;
        }
        if (!json && output is null)
        {
            throw new AuditInputException($"{ids.Count} people's pages go to a folder, one file each", expected: "--out FOLDER (or --json for one JSON array)",
                hint: "audit explain PLAN --persons ids.txt --out pages/");
        }
        var explanations = Auditor.ExplainPeople(plan, ids);
        if (json)
        {
            var array = JsonSerializer.Serialize(explanations, AuditResultJson.Options) + "\n";
            Emit(context, array, output, $"Explanations of {ids.Count} people");
            return ExitCodes.Success;
        }
        Directory.CreateDirectory(output!);
        foreach (var explanation in explanations)
        {
            File.WriteAllText(PersonIds.FileIn(output!, explanation.Person, ".md"), PersonExplanationMarkdown.Render(explanation, language, plan.Legal));
        }
        context.Out.WriteLine($"Explanations of {ids.Count} people: {output}");
        return ExitCodes.Success;
    }

    /// <summary>Writes a document to a file (and says where) or to the screen.</summary>
    internal static void Emit(CliContext context, string text, string? output, string what)
    {
        if (output is not null)
        {
            File.WriteAllText(output, text);
            context.Out.WriteLine($"{what}: {output}");
        }
        else
        {
            context.Out.Write(text);
        }
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
