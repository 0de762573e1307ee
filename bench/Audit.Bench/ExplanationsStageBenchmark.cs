using System.Diagnostics;
using System.Globalization;
using Audit.Data;
using Audit.Explain;
using Audit.Fairness.Cells;
using Audit.Models;
using Audit.Policy;
using BenchmarkDotNet.Attributes;

namespace Audit.Bench;

/// <summary>
/// The explanations stage as <c>audit bench --rows 1000000</c> runs it (issue 21): the CAF population
/// (datasets/populations/caf-france.yaml, seed 1) scored with <c>models/caf-reconstructed.yaml</c>, the plan's top
/// 1.2029 % flagged, the plan's seven protected attributes with their references, default options (a seeded sample of
/// 100,000 rows explained, 200 decomposition replicates). <see cref="Stage"/> is the whole stage, <see cref="Decomposition"/>
/// and <see cref="Proxies"/> its two largest parts (docs/benchmarks.md, "Issue 21: explanations stage").
/// <c>dotnet run -c Release --project bench/Audit.Bench -- --filter '*ExplanationsStage*'</c>;
/// <c>-- --explanations-stage [rows] [repeats]</c> instead prints each step's wall and CPU time (CPU time is what
/// can be compared on a loaded machine).
/// </summary>
[MemoryDiagnoser]
public class ExplanationsStageBenchmark
{
    public const int Rows = 1_000_000;
    private const double FlaggedShare = 0.0120289855;

    private Table table = null!;
    private LinearModel model = null!;
    private byte[] flags = null!;
    private ExplanationStage.AttributeGroups[] attributes = null!;
    private readonly ExplanationOptions options = new();
    private AttributionSet set = null!;
    private int[] sample = null!;
    private LocalExplainer explainer = null!;

    [GlobalSetup]
    public void Setup() => Prepare(Rows);

    private void Prepare(int rows)
    {
        var root = FindRoot();
        table = Audit.Synthetic.PopulationGenerator.GenerateTable(
            Audit.Synthetic.PopulationSpecLoader.Load(Path.Combine(root, "datasets", "populations", "caf-france.yaml"), "caf-france.yaml"), rows, seed: 1);
        model = LinearModelSpec.Load(Path.Combine(root, "models", "caf-reconstructed.yaml"), "caf-reconstructed.yaml");
        flags = new TopFractionPolicy(FlaggedShare).Decide(model, table, model.Score(table)).Flags;
        // The plan's protected attributes and references (datasets/plans/caf-reconstructed.yaml; age in its bands, 35-49 the largest).
        (string Column, double[]? Bands, string Reference)[] plan =
        [
            ("sexe", null, "M"), ("age", [25, 35, 50, 65], "35-49"), ("nationalite", null, "FR"), ("aah", null, "false"),
            ("parent_isole", null, "false"), ("qpv", null, "false"), ("tranche_niveau_de_vie", null, "D6_D9"),
        ];
        attributes = plan.Select(a => new ExplanationStage.AttributeGroups(GroupAssignment.FromColumn(table[a.Column], a.Bands), a.Reference)).ToArray();
        explainer = LocalExplainer.For(model, table, options);
        sample = SeededSample.Draw(table.RowCount, options.MaxRows, options.Seed + 1);
        set = explainer.Explain(sample);
    }

    /// <summary>The whole stage; returns the number of decompositions.</summary>
    [Benchmark]
    public int Stage() => ExplanationStage.Run(model, table, flags, attributes, [], options).Decompositions.Count;

    /// <summary>The disparity decomposition of every attribute, 200 replicates each; returns the groups decomposed.</summary>
    [Benchmark]
    public int Decomposition() => attributes.Sum(a => DisparityDecomposition.Decompose(set, sample, a.Groups, a.Reference, [],
        ExplanationStage.MaxDecompositionReplicates, options.Confidence, options.MinCellSize, options.Seed, a.Hidden).Count);

    /// <summary>Proxy strength of every input for every attribute.</summary>
    [Benchmark]
    public int Proxies() => ProxyAnalysis.Analyze(explainer.Rows, sample, attributes.Select(a => a.Groups).ToArray(), attributes.Select(a => a.Hidden).ToArray()).Count;

    /// <summary><c>--explanations-stage [rows] [repeats]</c>: each step's wall and CPU time, after a warm-up run.</summary>
    public static void Measure(int rows, int repeats)
    {
        var bench = new ExplanationsStageBenchmark();
        bench.Prepare(rows);
        string[] steps = ["attributions", "importance and dependence", "proxies", "decomposition"];
        for (var run = 0; run <= repeats; run++)
        {
            var wall = Stopwatch.StartNew();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var (lastWall, lastCpu) = (0.0, 0.0);
            var line = new List<string>();
            ExplanationStage.Run(bench.model, bench.table, bench.flags, bench.attributes, [], bench.options, (done, _) =>
            {
                process.Refresh();
                var (w, c) = (wall.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
                if (done > 0)
                {
                    line.Add(string.Create(CultureInfo.InvariantCulture, $"{steps[done - 1]} {w - lastWall:F3} s wall / {c - lastCpu:F3} s CPU"));
                }
                (lastWall, lastCpu) = (w, c);
            });
            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(run == 0 ? "warm-up" : "run " + run)}: stage {wall.Elapsed.TotalSeconds:F3} s wall / {(process.TotalProcessorTime - cpu).TotalSeconds:F3} s CPU; {string.Join("; ", line)}"));
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Audit.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run from inside the repository (Audit.sln not found above the binaries).");
    }
}
