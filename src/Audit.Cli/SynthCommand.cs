using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Audit.Data;
using Audit.Synthetic;

namespace Audit.Cli;

/// <summary><c>audit synth generate SPEC</c> and <c>audit synth check SPEC</c>: synthetic populations (docs/population-spec.md).</summary>
internal static class SynthCommand
{
    /// <summary>Rows of the calibration check unless told otherwise: one million, as in issue 4's acceptance.</summary>
    public const int DefaultCheckRows = 1_000_000;

    public const long DefaultSeed = 1;

    public static Command Build(CliContext context)
    {
        var synth = new Command("synth", """
            Synthetic populations: generate the people a population spec describes, or check them against the
            published figures the spec cites.

            Example:
              audit synth generate datasets/populations/caf-france.yaml --rows 1000000 --seed 1 --out caf.parquet
              audit synth check datasets/populations/caf-france.yaml
            """);
        synth.Subcommands.Add(Generate(context));
        synth.Subcommands.Add(Check(context));
        return synth;
    }

    private static Argument<string> SpecArgument() => new("SPEC") { Description = "The population spec (YAML); see docs/population-spec.md." };

    private static Option<long> SeedOption() => new("--seed")
    {
        Description = "Seed: the same spec, seed and rows give the same population.",
        DefaultValueFactory = _ => DefaultSeed,
    };

    private static Command Generate(CliContext context)
    {
        var spec = SpecArgument();
        var rows = new Option<int>("--rows", "-n") { Description = "Rows to generate.", Required = true };
        var seed = SeedOption();
        var output = new Option<string>("--out", "-o") { Description = "The file to write: .parquet or .csv.", Required = true };
        var command = new Command("generate", """
            Generate a synthetic population and write it to a Parquet or CSV file.

            Example:
              audit synth generate datasets/populations/caf-france.yaml --rows 13800000 --seed 1 --out caf.parquet
            """);
        command.Arguments.Add(spec);
        command.Options.Add(rows);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.SetAction(parse => ExecuteGenerate(context, parse.GetValue(spec)!, parse.GetValue(rows), parse.GetValue(seed), parse.GetValue(output)!));
        return command;
    }

    private static Command Check(CliContext context)
    {
        var spec = SpecArgument();
        var rows = new Option<int>("--rows", "-n")
        {
            Description = $"Rows of the sample checked (default {DefaultCheckRows.ToString("N0", CultureInfo.InvariantCulture)}).",
            DefaultValueFactory = _ => DefaultCheckRows,
        };
        var seed = SeedOption();
        var command = new Command("check", """
            Generate a sample and compare every figure the spec cites with the sample: target, generated,
            difference and the difference allowed, max(3 standard errors, the spec's tolerance). Exits with
            code 2 when a difference is larger than allowed.

            Example:
              audit synth check datasets/populations/caf-france.yaml --rows 1000000
            """);
        command.Arguments.Add(spec);
        command.Options.Add(rows);
        command.Options.Add(seed);
        command.SetAction(parse => ExecuteCheck(context, parse.GetValue(spec)!, parse.GetValue(rows), parse.GetValue(seed)));
        return command;
    }

    private static void RequirePositive(int rows)
    {
        if (rows < 1)
        {
            throw new AuditInputException("out of range", keyPath: "--rows", expected: "a number of rows of at least 1",
                found: rows.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static int ExecuteGenerate(CliContext context, string specPath, int rows, long seed, string output)
    {
        RequirePositive(rows);
        var parquet = output.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
        if (!parquet && !output.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            throw new AuditInputException("unknown output format", keyPath: "--out", expected: "a file name ending in .parquet or .csv", found: output);
        }
        var spec = PopulationSpecLoader.Load(specPath);
        var clock = Stopwatch.StartNew();
        var table = context.WithProgress(progress =>
        {
            var generated = PopulationGenerator.GenerateTable(spec, rows, seed,
                progress: progress is null ? null : (done, total) => progress("Generating rows", done, total));
            progress?.Invoke("Writing " + Path.GetFileName(output), 0, 1);
            if (parquet)
            {
                ParquetTableWriter.Write(generated, output);
            }
            else
            {
                CsvTableWriter.Write(generated, output);
            }
            progress?.Invoke("Writing " + Path.GetFileName(output), 1, 1);
            return generated;
        });
        var o = context.Out;
        o.WriteLine($"Wrote {table.RowCount.ToString("N0", CultureInfo.InvariantCulture)} synthetic rows ({table.Columns.Count} columns) of '{spec.Name}' " +
                    $"to {output} (seed {seed.ToString(CultureInfo.InvariantCulture)}) in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
        if (spec.SyntheticLabel is { } label)
        {
            o.WriteLine($"The column '{label.Name}' is a SYNTHETIC outcome, not observed data: say so wherever it is used.");
        }
        return ExitCodes.Success;
    }

    private static int ExecuteCheck(CliContext context, string specPath, int rows, long seed)
    {
        RequirePositive(rows);
        var spec = PopulationSpecLoader.Load(specPath);
        var columns = context.WithProgress(progress => PopulationGenerator.Generate(spec, rows, seed,
            progress: progress is null ? null : (done, total) => progress("Generating rows", done, total)));
        var report = CalibrationCheck.Run(spec, columns);
        if (report.Lines.Count == 0)
        {
            // Nothing is cited: a spec whose every figure is marked illustrative, with no targets, has nothing to compare.
            context.Out.WriteLine($"{report.Spec}: nothing to check. The spec cites no published figure: every table row's source is marked " +
                                  "'illustrative' (or the figure is not a share or a discrete distribution) and it declares no 'targets'.");
            context.Out.WriteLine("The generated rows follow the illustrative figures only; say so wherever they are used. To check the population " +
                                  "against published statistics, give a table row its real source or add a 'targets:' entry (docs/population-spec.md).");
            return ExitCodes.Success;
        }
        Print(context.Out, report, seed);
        return report.Passed ? ExitCodes.Success : ExitCodes.BadInput;
    }

    internal static void Print(TextWriter o, CalibrationReport report, long seed)
    {
        o.WriteLine($"{report.Spec}: {report.Lines.Count} cited figures checked on {report.Rows.ToString("N0", CultureInfo.InvariantCulture)} generated rows (seed {seed.ToString(CultureInfo.InvariantCulture)}).");
        o.WriteLine("A figure fails when |difference| > allowed = max(3 standard errors, the spec's tolerance). Shares in percent.");
        o.WriteLine();
        var names = report.Lines.Select(l => l.Among is null ? l.Name : $"{l.Name} | {l.Among}").ToList();
        var width = Math.Min(70, Math.Max(6, names.Max(n => n.Length)));
        o.WriteLine($"{"figure".PadRight(width)}  {"line",5}  {"target",9}  {"generated",9}  {"difference",10}  {"allowed",8}  {"rows",11}  result");
        for (var i = 0; i < report.Lines.Count; i++)
        {
            var l = report.Lines[i];
            var name = names[i].Length > width ? string.Concat(names[i].AsSpan(0, width - 3), "...") : names[i];
            var scale = l.Kind == "share" ? 100 : 1;
            o.WriteLine($"{name.PadRight(width)}  {l.Line,5}  {F(l.Target * scale),9}  {F(l.Generated * scale),9}  {F(l.Difference * scale, signed: true),10}  " +
                        $"{F(l.Allowed * scale),8}  {l.Rows.ToString("N0", CultureInfo.InvariantCulture),11}  {(l.Passed ? "ok" : "FAIL")}");
        }
        o.WriteLine();
        var failed = report.Lines.Count(l => !l.Passed);
        o.WriteLine(failed == 0
            ? "Every cited figure is within its allowed difference."
            : $"{failed} figure(s) outside their allowed difference: fix the spec's tables or targets, or give a tolerance with a written reason.");
    }

    private static string F(double x, bool signed = false) =>
        double.IsNaN(x) ? "n/a" : x.ToString(signed ? "+0.000;-0.000;0.000" : "0.000", CultureInfo.InvariantCulture);
}
