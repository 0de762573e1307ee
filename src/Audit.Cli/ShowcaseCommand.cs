using System.CommandLine;

namespace Audit.Cli;

/// <summary><c>audit showcase</c>: regenerates reports/ from the bundled demo and the shipped plans.</summary>
internal static class ShowcaseCommand
{
    public static Command Build(CliContext context)
    {
        var root = new Option<string>("--root") { Description = "The repository's root (holding datasets/plans).", DefaultValueFactory = _ => "." };
        var output = new Option<string?>("--out", "-o") { Description = "Where the report folders go (default: reports under the root)." };
        var dataDir = new Option<string[]>("--data-dir") { Description = "A folder searched, by file name, for a plan's data that is not shipped (repeatable).", AllowMultipleArgumentsPerToken = true };
        var compas = new Option<string?>("--compas") { Description = "ProPublica's compas-scores-two-years.csv, for the COMPAS plan." };
        var command = new Command("showcase", """
            Regenerate the showcase reports: the bundled demo and every plan in datasets/plans/ whose data
            can be found (beside the plan, or in a --data-dir). Plans whose data is not shipped are skipped
            with a message. Run it from the repository's root after any change that alters report output.

            Example:
              audit showcase --data-dir ../shared/datasets
              audit showcase --compas compas-scores-two-years.csv
            """);
        command.Options.Add(root);
        command.Options.Add(output);
        command.Options.Add(dataDir);
        command.Options.Add(compas);
        command.SetAction(parse =>
        {
            var rootPath = Path.GetFullPath(parse.GetValue(root)!);
            if (!Directory.Exists(Path.Combine(rootPath, "datasets", "plans")))
            {
                throw new AuditInputException($"no datasets/plans folder under {rootPath}", keyPath: "--root", hint: "run from the repository's root or pass --root");
            }
            var folders = (parse.GetValue(dataDir) ?? []).Select(Path.GetFullPath).ToList();
            if (parse.GetValue(compas) is { } compasFile)
            {
                if (!File.Exists(compasFile))
                {
                    throw new AuditInputException($"the COMPAS data file {compasFile} does not exist", keyPath: "--compas", hint: "download compas-scores-two-years.csv from github.com/propublica/compas-analysis");
                }
                folders.Insert(0, Path.GetDirectoryName(Path.GetFullPath(compasFile))!);
            }
            var scratch = Path.Combine(Path.GetTempPath(), "audit-showcase-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var outcomes = Showcase.Run(rootPath, Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(rootPath, "reports")), folders, scratch, context.Out.WriteLine);
                context.Out.WriteLine($"{outcomes.Count(o => o.Folder is not null)} report(s) written, {outcomes.Count(o => o.Skipped is not null)} skipped.");
            }
            finally
            {
                if (Directory.Exists(scratch))
                {
                    Directory.Delete(scratch, recursive: true);
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
