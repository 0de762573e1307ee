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
}
