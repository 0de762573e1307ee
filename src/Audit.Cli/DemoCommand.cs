using System.CommandLine;
using Audit.Synthetic;

namespace Audit.Cli;

/// <summary><c>audit demo</c>: writes the demo data, model and plan under datasets/demo/ and runs the audit.</summary>
internal static class DemoCommand
{
    public static Command Build(CliContext context)
    {
        var rows = new Option<int>("--rows") { Description = "Number of synthetic households.", DefaultValueFactory = _ => DemoPopulation.DefaultRows };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic population.", DefaultValueFactory = _ => DemoPopulation.DefaultSeed };
        var folder = new Option<string>("--dir") { Description = "Where to write the demo data, model and plan.", DefaultValueFactory = _ => Path.Combine("datasets", "demo") };
        var command = new Command("demo", """
            Generate a small synthetic population of benefit-claiming households (invented figures), an
            illustrative logistic risk model and an audit plan under datasets/demo/, then run the audit
            and write the report to out/demo/ (git ignores out/; the committed
            showcase copy of the demo in reports/demo/ is written by 'audit showcase').

            Example:
              audit demo --rows 20000 --seed 7
            """);
        command.Options.Add(rows);
        command.Options.Add(seed);
        command.Options.Add(folder);
        command.Options.Add(RunCommand.OutOption);
        command.Options.Add(RunCommand.LangOption);
        command.SetAction(parse =>
        {
            var n = parse.GetValue(rows);
            if (n < 1)
            {
                throw new AuditInputException("--rows must be at least 1", found: n.ToString(), hint: "for example --rows 5000");
            }
            var dir = parse.GetValue(folder)!;
            var plan = DemoPopulation.WriteFiles(dir, n, parse.GetValue(seed));
            context.Out.WriteLine($"Wrote {n} synthetic households, the demo model and the plan to {dir}.");
            // out/demo two levels above the data folder (datasets/demo by default): the repository's out/, which git ignores.
            var output = parse.GetValue(RunCommand.OutOption) ?? Path.Combine(dir, "..", "..", RunCommand.DefaultOutputRoot, "demo");
            return RunCommand.Execute(context, plan, output, null, null,
                Reporting.Text.ReportLanguage.Of(parse.GetValue(RunCommand.LangOption)!));
        });
        return command;
    }
}
