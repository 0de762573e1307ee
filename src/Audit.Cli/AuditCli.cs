using System.CommandLine;
using System.CommandLine.Parsing;
using Audit.Models;

namespace Audit.Cli;

/// <summary>
/// The <c>audit</c> command: parses, shows progress, calls the library, prints where the results went.
/// No audit logic lives here. Exit codes: 0 success, 2 bad input or usage, 1 internal error.
/// </summary>
public static class AuditCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // Text from the data reaches the terminal only with its control characters made visible (issue 16, class 5).
        stdout = new TerminalWriter(stdout);
        stderr = new TerminalWriter(stderr);
        if (args.FirstOrDefault(a => a.Contains('\0', StringComparison.Ordinal)) is { } nul)
        {
            // No file name holds a NUL, and .NET refuses a path with one with an exception that was an internal error.
            stderr.WriteLine($"error: the command line holds a NUL character in '{nul.Replace("\0", "\\0", StringComparison.Ordinal)}'");
            stderr.WriteLine("hint: give the path without the \\0");
            return ExitCodes.BadInput;
        }
        var context = new CliContext(stdout, stderr, args);
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        context.Verbose = parse.GetValue(CliContext.VerboseOption);
        context.Quiet = parse.GetValue(CliContext.QuietOption);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors.Take(1))
            {
                stderr.WriteLine("error: " + error.Message);
            }
            var verb = parse.CommandResult.Command;
            stderr.WriteLine($"hint: run '{CommandPath(verb)} --help' for usage and an example");
            return ExitCodes.BadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (AuditInputException e)
        {
            stderr.WriteLine("error: " + e.Message);
            if (e.Hint is not null)
            {
                stderr.WriteLine("hint: " + e.Hint);
            }
            if (context.Verbose)
            {
                stderr.WriteLine(e.ToString());
            }
            return ExitCodes.BadInput;
        }
        catch (OutOfMemoryException e)
        {
            // The input is larger than this process may hold (issue 16, class 4): a limit of the machine, not a bug.
            stderr.WriteLine("error: the audit needs more memory than this process may use");
            stderr.WriteLine("hint: the data may be too large to audit at once here: lower the plan's 'limits' (max_rows, max_file_bytes) to stop early, audit a sample or a part of the file, or run on a machine with more memory");
            if (context.Verbose)
            {
                stderr.WriteLine(e.ToString());
            }
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            stderr.WriteLine(context.Verbose ? e.ToString() : "This is a bug in Audit. Run again with --verbose for details, and please report it.");
            return ExitCodes.InternalError;
        }
    }

    internal static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("""
            Audit: take a risk-scoring system apart. Reads people (CSV, Parquet), scores them with the model,
            applies the decision policy and measures who is flagged, by protected group.

            Example:
              audit demo                              generate the demo data and audit it
              audit run datasets/demo/plan.yaml       run the audit a plan describes
              audit data inspect households.csv       look at a data file first
              audit model inspect model.yaml          look at a model: variables, weights, capabilities
              audit showcase                          regenerate the example reports under reports/
              audit bench --rows 1000000              time the reconstructed CAF audit, stage by stage
              audit synth check population.yaml       check a synthetic population against its sources
              audit serve                             the local web workbench (a page on this computer only)
              audit sql plan.yaml --dialect duckdb    the counts query an engine runs where the data live
            """);
        root.Options.Add(CliContext.VerboseOption);
        root.Options.Add(CliContext.QuietOption);
        root.Subcommands.Add(RunCommand.Build(context));
        root.Subcommands.Add(DemoCommand.Build(context));
        root.Subcommands.Add(DataCommand.Build(context));
        root.Subcommands.Add(ModelCommand.Build(context));
        root.Subcommands.Add(ShowcaseCommand.Build(context));
        root.Subcommands.Add(SynthCommand.Build(context));
        root.Subcommands.Add(ExplainCommand.Build(context));
        root.Subcommands.Add(RecourseCommand.Build(context));
        root.Subcommands.Add(BenchCommand.Build(context));
        root.Subcommands.Add(ServeCommand.Build(context));
        root.Subcommands.Add(SqlCommand.Build(context));
        return root;
    }

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is Command c; s = c.Parents.FirstOrDefault())
        {
            names.Insert(0, c is RootCommand ? "audit" : c.Name);
        }
        return string.Join(' ', names);
    }
}
