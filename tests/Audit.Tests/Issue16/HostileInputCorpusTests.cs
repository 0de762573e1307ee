using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Audit.Data;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, classes 4 and 5: the exit-code contract under hostile input. Each input of the corpus is audited by a real
/// <c>audit</c> process (the CLI dll beside the test binaries) under a 2 GiB managed-heap limit and a 300 s hang guard;
/// every one must end in exit 0 (the input is read as it is) or exit 2 with the file, row or key and a hint: never exit 1
/// (an internal error), never an abort (a stack overflow kills the process with 134), never a library's exception.
/// The inputs are generated in a temporary folder (no committed files); the corpus runs two processes at a time.
/// </summary>
public sealed class HostileInputCorpusTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(300);

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>One hostile input: writes its files into a fresh folder and gives the command line.</summary>
    /// <param name="Exit">The exit code required: 0, 2, or null for "0 or 2".</param>
    /// <param name="Mentions">Text the error must contain on exit 2 (the file, row or key it names).</param>
    public sealed record Case(string Name, Func<string, string[]> Setup, int? Exit, string? Mentions = null);

    private const int Rows = 120;

    /// <summary>A small audit: id, sex, income, kids, a weight, a label; a logistic spec reading income and kids.</summary>
    private static string People(Func<int, string, string>? income = null, Func<int, string>? weight = null, Func<int, string>? sex = null, Func<int, string>? id = null)
    {
        var csv = new StringBuilder("id,sex,income,kids,w,label\n");
        var random = new Random(7);
        for (var i = 1; i <= Rows; i++)
        {
            var value = (1000 + random.Next(3000)).ToString(CultureInfo.InvariantCulture);
            csv.Append(id?.Invoke(i) ?? i.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(sex?.Invoke(i) ?? (i % 2 == 0 ? "F" : "M")).Append(',')
                .Append(income is null ? value : income(i, value)).Append(',')
                .Append(random.Next(4)).Append(',')
                .Append(weight?.Invoke(i) ?? "1").Append(',')
                .Append(random.Next(2)).Append('\n');
        }
        return csv.ToString();
    }

    private const string Model = """
        name: corpus model
        kind: logistic
        adverse: high
        intercept: -1
        features:
          - { name: income, type: numeric, weight: -0.0006 }
          - { name: kids, type: numeric, weight: 0.2 }
        """;

    private static string Plan(string data = "data: { path: people.csv }", string roles = "roles: { id: id, label: label }", string model = "model: { spec: model.yaml }",
        string extra = "") => $$"""
        name: corpus
        {{data}}
        {{roles}}
        {{model}}
        policy: { top_fraction: 0.2 }
        protected_attributes: [{ column: sex }]
        min_cell_size: 5
        inference: { bootstrap: 20 }
        {{extra}}
        """;

    private static string[] Standard(string folder, string? people = null, string? model = null, string? plan = null)
    {
        File.WriteAllText(Path.Combine(folder, "people.csv"), people ?? People());
        File.WriteAllText(Path.Combine(folder, "model.yaml"), model ?? Model);
        File.WriteAllText(Path.Combine(folder, "plan.yaml"), plan ?? Plan());
        return ["run", "plan.yaml", "--out", "report", "--quiet"];
    }

    /// <summary>A population spec whose variable y has the formula given.</summary>
    private static string Population(string formula) => $$"""
        spec_version: 1
        name: corpus population
        unit: person
        variables:
          - name: sex
            type: categorical
            levels: [F, M]
            probabilities: { F: 0.5, M: 0.5 }
            source: "illustrative: a test"
          - name: x
            type: numeric
            distribution: uniform
            low: 0
            high: 1
            source: "illustrative: a test"
          - name: y
            type: numeric
            formula: "{{formula}}"
        """;

    private static string[] PopulationRun(string folder, string formula)
    {
        File.WriteAllText(Path.Combine(folder, "population.yaml"), Population(formula));
        File.WriteAllText(Path.Combine(folder, "plan.yaml"), Plan(data: "data: { population: population.yaml, rows: 200 }", roles: "",
            model: "model: { score_column: y, adverse: high }"));
        return ["run", "plan.yaml", "--out", "report", "--quiet"];
    }

    private static string[] Synth(string folder, string formula)
    {
        File.WriteAllText(Path.Combine(folder, "population.yaml"), Population(formula));
        return ["synth", "generate", "population.yaml", "--rows", "50", "--out", "people.csv"];
    }

    /// <summary>Low incomes on even rows: their group is flagged more often, so the run prints its name among the findings.</summary>
    private static string LowForEven(int i, string value) => i % 2 == 0 ? "300" : value;

    private static string Repeat(string unit, int times) => string.Concat(Enumerable.Repeat(unit, times));

    private static void WriteParquet(string path, double[] income, int rows = Rows)
    {
        var table = new Table([
            new NumericColumn("id", [.. Enumerable.Range(1, rows).Select(i => (double)i)]),
            CategoricalColumn.FromValues("sex", [.. Enumerable.Range(1, rows).Select(i => i % 2 == 0 ? "F" : "M")]),
            new NumericColumn("income", income),
            new NumericColumn("kids", [.. Enumerable.Range(1, rows).Select(i => (double)(i % 4))]),
            new NumericColumn("label", [.. Enumerable.Range(1, rows).Select(i => (double)(i % 3 == 0 ? 1 : 0))]),
        ]);
        ParquetTableWriter.Write(table, path);
    }

    private static double[] Incomes(double special, int at = 5) =>
        [.. Enumerable.Range(1, Rows).Select(i => i == at ? special : 1000.0 + 17 * i)];

    private static string[] ParquetRun(string folder, double[] income)
    {
        WriteParquet(Path.Combine(folder, "people.parquet"), income);
        File.WriteAllText(Path.Combine(folder, "model.yaml"), Model);
        File.WriteAllText(Path.Combine(folder, "plan.yaml"), Plan(data: "data: { path: people.parquet }"));
        return ["run", "plan.yaml", "--out", "report", "--quiet"];
    }

    /// <summary>A CSV file whose second field opens a quote that is never closed, followed by 17 MiB of text.</summary>
    private static void WriteUnclosedQuote(string path, bool inHeader = false)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write(inHeader ? "id,\"sex" : "id,sex,income,kids,w,label\n1,\"F,1000,1,1,0\n");
        var line = Repeat("x", 1023) + "\n";
        for (var i = 0; i < 17 * 1024; i++)
        {
            writer.Write(line);
        }
    }

    public static IEnumerable<Case> Corpus()
    {
        // Class 4: deep formulas (a stack overflow kills the process), through synth generate and through data.population.
        yield return new("formula nested in 10,000 parentheses (synth)", d => Synth(d, Repeat("(", 10_000) + "x" + Repeat(")", 10_000)), 2, "population.yaml");
        yield return new("formula nested in 10,000 parentheses (data.population)", d => PopulationRun(d, Repeat("(", 10_000) + "x" + Repeat(")", 10_000)), 2, "population.yaml");
        yield return new("formula with 10,000 unary minus signs", d => Synth(d, Repeat("- ", 10_000) + "x"), 2, "population.yaml");
        yield return new("formula with 10,000 'not'", d => Synth(d, Repeat("not ", 10_000) + "x"), 2, "population.yaml");
        yield return new("formula with 10,000 nested function calls", d => Synth(d, Repeat("abs(", 10_000) + "x" + Repeat(")", 10_000)), 2, "population.yaml");
        yield return new("formula summing 100,000 terms", d => Synth(d, "x" + Repeat(" + x", 100_000)), 2, "population.yaml");
        yield return new("formula summing 100,000 constants", d => Synth(d, "1" + Repeat("+1", 100_000)), 2, "population.yaml");
        yield return new("formula comparing 20,000 times", d => Synth(d, "x" + Repeat(" < x", 20_000)), null, "population.yaml");
        // Class 4: finite extreme values at every numeric input.
        yield return new("a feature of 1e300", d => Standard(d, People(income: (i, v) => i == 5 ? "1e300" : v)), 2, "people.csv");
        yield return new("a feature of -1.7e308", d => Standard(d, People(income: (i, v) => i == 5 ? "-1.7e308" : v)), 2, "people.csv");
        yield return new("weights of 1e308", d => Standard(d, People(weight: i => i % 3 == 0 ? "1e308" : "1"), plan: Plan(roles: "roles: { id: id, label: label, weight: w }")), 2, "people.csv");
        yield return new("weights all 0", d => Standard(d, People(weight: _ => "0"), plan: Plan(roles: "roles: { id: id, label: label, weight: w }")), 2, "people.csv");
        yield return new("frequency weights of 1e300", d => Standard(d, People(weight: i => i == 3 ? "1e300" : "1"), plan: Plan(roles: "roles: { id: id, label: label, weight: w }", extra: "weights: frequency")), 2, "people.csv");
        yield return new("a coefficient of 1e306", d => Standard(d, model: Model.Replace("weight: -0.0006", "weight: 1e306")), 2, "model.yaml");
        yield return new("an intercept of -1e306", d => Standard(d, model: Model.Replace("intercept: -1", "intercept: -1e306")), 2, "model.yaml");
        yield return new("a category weight of 1e307", d => Standard(d, model: Model + "\n  - { name: sex, type: categorical, weights: { F: 1e307, M: 0 } }\n"), 2, "model.yaml");
        yield return new("a score column of 1e308", d => Standard(d, People(income: (i, v) => i == 5 ? "1e308" : v), plan: Plan(model: "model: { score_column: income, adverse: high }")), null, "people.csv");
        yield return new("a design column of 1e300", d => Standard(d, People(weight: i => i == 9 ? "1e300" : "1"), plan: Plan(extra: "designs: { adjusted: { controls: [w] } }")), 2, "people.csv");
        yield return new("a person file with a feature of 1e300", d =>
        {
            Standard(d);
            File.WriteAllText(Path.Combine(d, "person.yaml"), "id: 999\nsex: F\nincome: 1e300\nkids: 1\nw: 1\nlabel: 0\n");
            return ["explain", "plan.yaml", "--person-file", "person.yaml"];
        }, 2, "person.yaml");
        yield return new("a threshold of 1e308", d => Standard(d, plan: Plan().Replace("top_fraction: 0.2", "threshold: 1e308")), null, "plan.yaml");
        yield return new("+Infinity in a Parquet double", d => ParquetRun(d, Incomes(double.PositiveInfinity)), 2, "people.parquet");
        yield return new("-Infinity in a Parquet double", d => ParquetRun(d, Incomes(double.NegativeInfinity)), 2, "people.parquet");
        yield return new("1e300 in a Parquet double", d => ParquetRun(d, Incomes(1e300)), 2, "people.parquet");
        yield return new("+Infinity in a Parquet score column", d =>
        {
            WriteParquet(Path.Combine(d, "people.parquet"), Incomes(double.PositiveInfinity));
            File.WriteAllText(Path.Combine(d, "plan.yaml"), Plan(data: "data: { path: people.parquet }", model: "model: { score_column: income, adverse: high }"));
            return ["run", "plan.yaml", "--out", "report", "--quiet"];
        }, 2, "people.parquet");
        // Class 4: oversized rows on every path that reads a CSV file.
        yield return new("a CSV row over 16 MiB (run)", d =>
        {
            Standard(d);
            WriteUnclosedQuote(Path.Combine(d, "people.csv"));
            return ["run", "plan.yaml", "--out", "report", "--quiet"];
        }, 2, "people.csv");
        yield return new("a CSV row over 16 MiB (data inspect)", d =>
        {
            WriteUnclosedQuote(Path.Combine(d, "people.csv"));
            return ["data", "inspect", "people.csv"];
        }, 2, "people.csv");
        yield return new("a CSV header over 16 MiB (data inspect)", d =>
        {
            WriteUnclosedQuote(Path.Combine(d, "people.csv"), inHeader: true);
            return ["data", "inspect", "people.csv"];
        }, 2, "people.csv");
        yield return new("a CSV header of 17 MiB without a line break", d =>
        {
            File.WriteAllText(Path.Combine(d, "people.csv"), Repeat("a", 17 << 20));
            return ["data", "inspect", "people.csv"];
        }, 2, "people.csv");
        // Class 4: Parquet framing.
        yield return new("a Parquet footer length of 0x7fffffff", d =>
        {
            var args = ParquetRun(d, Incomes(1000));
            var path = Path.Combine(d, "people.parquet");
            var bytes = File.ReadAllBytes(path);
            BitConverter.GetBytes(0x7fffffff).CopyTo(bytes, bytes.Length - 8);
            File.WriteAllBytes(path, bytes);
            return args;
        }, 2, "people.parquet");
        yield return new("a Parquet footer length larger than the file", d =>
        {
            var args = ParquetRun(d, Incomes(1000));
            var path = Path.Combine(d, "people.parquet");
            var bytes = File.ReadAllBytes(path);
            BitConverter.GetBytes(bytes.Length).CopyTo(bytes, bytes.Length - 8);
            File.WriteAllBytes(path, bytes);
            return args;
        }, 2, "people.parquet");
        yield return new("a zero-row Parquet file (run)", d =>
        {
            var args = ParquetRun(d, Incomes(1000));
            WriteParquet(Path.Combine(d, "people.parquet"), [], rows: 0);
            return args;
        }, 2, "people.parquet");
        yield return new("a zero-row Parquet file (data inspect)", d =>
        {
            WriteParquet(Path.Combine(d, "people.parquet"), [], rows: 0);
            return ["data", "inspect", "people.parquet"];
        }, 2, "people.parquet");
        yield return new("a zero-row CSV file (data inspect)", d =>
        {
            File.WriteAllText(Path.Combine(d, "people.csv"), "id,sex\n");
            return ["data", "inspect", "people.csv"];
        }, 2, "people.csv");
        // Class 4: output and paths.
        yield return new("--out dir/ (trailing slash)", d => [.. Standard(d).Take(2), "--out", "report/", "--quiet"], 0);
        yield return new("--out naming a file", d =>
        {
            File.WriteAllText(Path.Combine(d, "notes.txt"), "mine");
            return [.. Standard(d).Take(2), "--out", "notes.txt", "--quiet"];
        }, 2, "--out");
        yield return new("a NUL in data.path", d => Standard(d, plan: Plan(data: "data: { path: \"peo\\0ple.csv\" }")), 2, "data.path");
        yield return new("a NUL in model.spec", d => Standard(d, plan: Plan(model: "model: { spec: \"mo\\0del.yaml\" }")), 2, "model.spec");
        yield return new("a NUL in output", d => [.. Standard(d, plan: Plan(extra: "output: \"rep\\0ort\"")).Take(2), "--quiet"], 2, "output");
        yield return new("a NUL in data.population", d => Standard(d, plan: Plan(data: "data: { population: \"pop\\0.yaml\", rows: 10 }")), 2, "data.population");
        // Class 5.
        yield return new("terminal escape sequences in group names (run)", d => Standard(d, People(income: LowForEven, sex: i => i % 2 == 0 ? "\u001b[2J\u001b]0;pwned\u0007F" : "M")), 0);
        yield return new("terminal escape sequences in values (data inspect)", d =>
        {
            File.WriteAllText(Path.Combine(d, "people.csv"), People(sex: i => i % 2 == 0 ? "\u001b[31mF\u009b" : "M"));
            return ["data", "inspect", "people.csv"];
        }, 0);
        yield return new("a latin-1 plan", d =>
        {
            Standard(d);
            File.WriteAllBytes(Path.Combine(d, "plan.yaml"), Encoding.Latin1.GetBytes(Plan().Replace("name: corpus", "name: corpus\ndescription: Audit des allocataires, été 2024")));
            return ["run", "plan.yaml", "--out", "report", "--quiet"];
        }, 2, "plan.yaml");
        yield return new("a latin-1 model spec", d =>
        {
            Standard(d);
            File.WriteAllBytes(Path.Combine(d, "model.yaml"), Encoding.Latin1.GetBytes(Model.Replace("name: corpus model", "name: modèle")));
            return ["run", "plan.yaml", "--out", "report", "--quiet"];
        }, 2, "model.yaml");
        yield return new("a NUL byte in a group name", d => Standard(d, People(sex: i => i % 2 == 0 ? "F\0" : "M")), 2, "people.csv");
        yield return new("a NUL byte after a number", d => Standard(d, People(income: (i, v) => i == 5 ? v + "\0" : v)), 2, "people.csv");
        yield return new("'-0' beside '0' in a group column", d => Standard(d, People(sex: i => i % 3 == 0 ? "-0" : i % 3 == 1 ? "0" : "M")), 0);
        yield return new("duplicate ids with roles.id", d => Standard(d, People(id: i => i == 7 ? "3" : i.ToString(CultureInfo.InvariantCulture))), 2, "people.csv");
        yield return new("explain --person of a duplicate id", d =>
        {
            Standard(d, People(id: i => i == 7 ? "3" : i.ToString(CultureInfo.InvariantCulture)));
            return ["explain", "plan.yaml", "--person", "3"];
        }, 2, "people.csv");
        yield return new("a missing column among columns with 9,000-character names", d =>
        {
            var header = "id,sex," + string.Join(',', Enumerable.Range(0, 40).Select(i => i.ToString(CultureInfo.InvariantCulture) + Repeat("n", 9_000)));
            File.WriteAllText(Path.Combine(d, "people.csv"), header + "\n" + string.Join('\n', Enumerable.Range(1, 20).Select(i => $"{i},{(i % 2 == 0 ? "F" : "M")}," + string.Join(',', Enumerable.Repeat("1", 40)))) + "\n");
            File.WriteAllText(Path.Combine(d, "model.yaml"), Model);
            File.WriteAllText(Path.Combine(d, "plan.yaml"), Plan(roles: "roles: { id: id }"));
            return ["run", "plan.yaml", "--out", "report", "--quiet"];
        }, 2, "model.yaml");
        yield return new("duplicate interaction names", d => Standard(d, model: Model + """

              - { name: sex, type: categorical, weights: { F: 0.1, M: 0 } }
              - { name: many, type: boolean, weight: 0 }
            interactions:
              - { name: twice, when: { sex: F, many: true }, weight: 0.1 }
              - { name: twice, when: { sex: M, many: true }, weight: 0.2 }
            """), 2, "twice");
        yield return new("a cell like ';=1+1' in a group name", d => Standard(d, People(sex: i => i % 2 == 0 ? "\";=1+1\"" : "M")), 0);
        yield return new("bidirectional overrides in a group name", d => Standard(d, People(income: LowForEven, sex: i => i % 2 == 0 ? "\u202Eevil\u202C\u2066x\u2069" : "M")), 0);
        // The AFL++ findings (tests/Audit.Tests/Robustness/FuzzRegressionTests.cs), as whole runs.
        yield return new("fuzz: an alias before its anchor as a plan", d =>
        {
            File.WriteAllBytes(Path.Combine(d, "plan.yaml"), [0x6e, 0x61, 0x6e, 0x7f, 0x61, 0x6e, 0x63, 0x68, 0x6f, 0x20, 0x42, 0xae, 0x71, 0x3a, 0x3f, 0xf5, 0x72,
                0x3a, 0x72, 0x73, 0x62, 0x61, 0x6e, 0x64, 0x73, 0x3a, 0x20, 0x0a, 0x2a, 0x62, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x20, 0x26, 0x62, 0x00]);
            return ["run", "plan.yaml", "--quiet"];
        }, 2, "plan.yaml");
        yield return new("fuzz: an alias inside its own anchor in a model spec", d =>
        {
            File.WriteAllText(Path.Combine(d, "model.yaml"), "a: &b {k: [*b]}\n");
            return ["model", "inspect", "model.yaml"];
        }, 2, "model.yaml");
        yield return new("fuzz: malformed tags in a plan", d =>
        {
            File.WriteAllText(Path.Combine(d, "plan.yaml"), "[!!!!!!!!!!!!!!!!!!!!![");
            return ["run", "plan.yaml", "--quiet"];
        }, 2, "plan.yaml");
        yield return new("fuzz: clamp with bounds the wrong way round", d => Synth(d, "clamp(x, 60, 0.95)"), 2, "population.yaml");
    }

    private sealed record Outcome(int ExitCode, string Out, string Error, TimeSpan Elapsed);

    private static Outcome RunCli(string folder, string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "Audit.Cli.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x80000000";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(HangGuard))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new Outcome(-1, stdout.Result, "hang guard: killed after " + HangGuard.TotalSeconds + " s\n" + stderr.Result, clock.Elapsed);
        }
        process.WaitForExit();
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }

    /// <summary>Why an outcome breaks the contract, or null when it keeps it.</summary>
    private static string? Breach(Case c, Outcome o)
    {
        if (o.ExitCode is not (0 or 2))
        {
            return $"exit {o.ExitCode}";
        }
        if (c.Exit is { } wanted && o.ExitCode != wanted)
        {
            return $"exit {o.ExitCode}, expected {wanted}";
        }
        if (o.ExitCode == 2)
        {
            var error = o.Error.Split('\n').FirstOrDefault(l => l.StartsWith("error: ", StringComparison.Ordinal));
            if (error is null || !o.Error.Contains("hint: ", StringComparison.Ordinal))
            {
                return "exit 2 without an 'error:' line and a 'hint:' line";
            }
            if (c.Mentions is { } place && !error.Contains(place, StringComparison.Ordinal))
            {
                return $"the error does not name '{place}'";
            }
            if (o.Error.Contains("   at ", StringComparison.Ordinal))
            {
                return "a stack trace was printed without --verbose";
            }
            if (o.Error.Length > 2_000)
            {
                return $"the error is {o.Error.Length:N0} characters long";
            }
        }
        var printed = o.Out + o.Error;
        if (printed.Any(ch => ch is '\u001b' or '\u009b' or '\0' or '\u0007' || ch is >= '\u202a' and <= '\u202e' || ch is >= '\u2066' and <= '\u2069'))
        {
            return "a control, escape or bidirectional character from the data reached the terminal";
        }
        return null;
    }

    [Fact]
    public void EveryHostileInputEndsInExit0Or2WithThePlaceAndAHint()
    {
        var cases = Corpus().ToList();
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
        var failures = new ConcurrentBag<string>();
        var timings = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(cases.Select((c, i) => (c, i)), new ParallelOptions { MaxDegreeOfParallelism = 2 }, item =>
        {
            var folder = Path.Combine(dir.Path, item.i.ToString("D2", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            var args = item.c.Setup(folder);
            var outcome = RunCli(folder, args);
            timings.Add($"{outcome.Elapsed.TotalSeconds,6:0.0} s  exit {outcome.ExitCode}  {item.c.Name}");
            if (Breach(item.c, outcome) is { } breach)
            {
                failures.Add($"{item.c.Name}: {breach}\n    stderr: {Clip(outcome.Error)}\n    stdout: {Clip(outcome.Out)}");
            }
        });
        TestContext.Current.SendDiagnosticMessage($"corpus of {cases.Count} inputs in {clock.Elapsed.TotalSeconds:0.0} s:\n" + string.Join("\n", timings.Order()));
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} inputs broke the exit-code contract:\n" + string.Join("\n", failures.Order()));
    }

    private static string Clip(string text)
    {
        var flat = text.Replace("\n", " | ");
        return flat.Length <= 600 ? flat : flat[..600] + "…";
    }
}
