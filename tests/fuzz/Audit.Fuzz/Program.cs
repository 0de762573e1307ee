using System.Text;
using Audit;
using Audit.Data;
using Audit.Models;
using Audit.Plan;
using Audit.Synthetic;
using SharpFuzz;

namespace Audit.Fuzz;

/// <summary>
/// AFL++ harnesses (persistent mode, through SharpFuzz) for the parsers that read files Audit did not make. A harness
/// accepts every input that ends in an <see cref="AuditInputException"/> (a clear error for the user); any other
/// exception, a hang or a crash is a finding. Run with tests/fuzz/run.sh; findings become regression tests in
/// tests/Audit.Tests/Robustness/FuzzRegressionTests.cs.
/// </summary>
public static class Program
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> Harnesses = new Dictionary<string, Action<byte[]>>
    {
        ["csv"] = Csv,
        ["plan"] = Plan,
        ["model-spec"] = ModelSpec,
        ["population-spec"] = PopulationSpec,
        ["formula"] = FormulaInSpec,
        ["plan-run"] = PlanRun,
    };

    public static int Main(string[] args)
    {
        if (args.Length < 1 || !Harnesses.TryGetValue(args[0], out var harness))
        {
            Console.Error.WriteLine($"usage: Audit.Fuzz {string.Join("|", Harnesses.Keys)} [FILE to replay once]");
            return 2;
        }
        if (args.Length == 2)
        {
            harness(File.ReadAllBytes(args[1])); // replay one input outside AFL (a finding, or a corpus file)
            return 0;
        }
        Fuzzer.Run(stream =>
        {
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            harness(memory.ToArray());
        });
        return 0;
    }

    /// <summary>A scratch folder on tmpfs when there is one: the readers take paths.</summary>
    private static readonly string Scratch = Directory.CreateDirectory(Path.Combine(
        Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"audit-fuzz-{Environment.ProcessId}")).FullName;

    private static void Expecting(Action parse)
    {
        try
        {
            parse();
        }
        catch (AuditInputException)
        {
            // A clear error for the user: the expected outcome for bad input.
        }
    }

    public static void Csv(byte[] input)
    {
        var path = Path.Combine(Scratch, "data.csv");
        File.WriteAllBytes(path, input);
        Expecting(() =>
        {
            var table = CsvTableReader.Read(path, new CsvReadOptions { InferenceRows = 50 });
            DataInspection.Inspect(table);
        });
        Expecting(() => CsvTableReader.Read(path, new CsvReadOptions { Delimiter = ';', DecimalComma = true, Encoding = TextEncodings.FromName("windows-1252") }));
    }

    public static void Plan(byte[] input)
    {
        var path = Path.Combine(Scratch, "plan.yaml");
        File.WriteAllBytes(path, input);
        Expecting(() => AuditPlanLoader.Load(path));
    }

    public static void ModelSpec(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        Expecting(() =>
        {
            var model = LinearModelSpec.Parse(text, "model.yaml");
            ModelInspection.Inspect(model);
        });
    }

    public static void PopulationSpec(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        Expecting(() =>
        {
            var spec = PopulationSpecLoader.Parse(text, "population.yaml");
            // A few rows exercise the formulas and distributions the spec declares (parallelism 1: one process per input).
            PopulationGenerator.GenerateTable(spec, rows: 50, seed: 1, parallelism: 1);
        });
    }

    /// <summary>
    /// The formula grammar of population specs, alone: the input is one derived variable's formula over a numeric, a
    /// categorical and a boolean variable, evaluated on 20 rows. Issue 16: a 10,000-level formula overflowed the stack,
    /// which the whole-spec harness never reached (it mutates YAML, rarely a formula's nesting).
    /// </summary>
    public static void FormulaInSpec(byte[] input)
    {
        var formula = new StringBuilder();
        foreach (var c in Encoding.UTF8.GetString(input))
        {
            formula.Append(c switch { '"' => "\\\"", '\\' => "\\\\", _ when char.IsControl(c) => " ", _ => c.ToString() });
        }
        var text = $$"""
            spec_version: 1
            name: formula
            unit: person
            id: id
            variables:
              - { name: a, type: numeric, distribution: uniform, low: 0, high: 10, source: "illustrative" }
              - { name: b, type: categorical, levels: [x, y], probabilities: { x: 0.5, y: 0.5 }, source: "illustrative" }
              - { name: c, type: boolean, p_true: 0.3, source: "illustrative" }
              - { name: f, type: numeric, formula: "{{formula}}" }
            """;
        Expecting(() =>
        {
            var spec = PopulationSpecLoader.Parse(text, "population.yaml");
            PopulationGenerator.GenerateTable(spec, rows: 20, seed: 1, parallelism: 1);
        });
    }

    /// <summary>The small data and model every fuzzed plan of <see cref="PlanRun"/> may name (data.csv, model.yaml).</summary>
    private static readonly string RunFolder = WriteRunFolder();

    private static string WriteRunFolder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Scratch, "run")).FullName;
        var csv = new StringBuilder("id,sexe,age,revenu,aah,s,y\n");
        for (var i = 0; i < 40; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},{(i % 3 == 0 ? "F" : "M")},{18 + i * 7 % 60},{800 + i * 37 % 2000},{(i % 5 == 0 ? "true" : "false")},{i * 0.023:0.000},{i % 2}\n");
        }
        File.WriteAllText(Path.Combine(folder, "data.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(folder, "model.yaml"), """
            spec_version: 1
            name: fuzz
            kind: logistic
            adverse: high
            intercept: -1
            features:
              - { name: revenu, type: numeric, weight: -0.001 }
              - { name: aah, type: boolean, weight: 0.8 }
              - { name: sexe, type: categorical, weights: { F: 0.2, M: 0 } }
            """);
        return folder;
    }

    /// <summary>
    /// Plans through the whole audit (read, score, decide, statistics, explanations, recourse, designs) on a small fixed
    /// data file and model, not just the loader: issue 16's limits and exit codes live past the loader. The bootstrap is
    /// capped at 20 replicates so that an execution stays in milliseconds.
    /// </summary>
    public static void PlanRun(byte[] input)
    {
        var path = Path.Combine(RunFolder, "plan.yaml");
        File.WriteAllBytes(path, input);
        Expecting(() =>
        {
            var plan = AuditPlanLoader.Load(path);
            Auditor.Run(plan with { BootstrapReplicates = Math.Min(plan.BootstrapReplicates, 20) }, "audit run plan.yaml");
        });
    }
}
