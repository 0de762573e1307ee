using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;

namespace Audit.Bench;

/// <summary>
/// Group statistics at national scale (the fairness issue's target): 13,800,000 rows, four protected attributes
/// (sex 2 levels + missing, age band 6, nationality 3, disability 2: 108 finest cells), labels 0, 1 or unknown,
/// decisions 0/1 (about 10 % flagged). Audit's way — <see cref="GroupStatistics.AccumulateChunked"/> over the finest
/// crossing, then <see cref="GroupStatistics.Marginal"/> for every attribute and intersection — against a plain
/// single-threaded counting loop (the floor) and DuckDB's GROUP BY over the same columns, loaded once into an
/// in-memory table (not timed). DuckDB runs with <see cref="DuckDbThreads"/> threads: the machine has 2 cores.
/// </summary>
[MemoryDiagnoser]
public class NationalScaleStatisticsBenchmark
{
    public const int Rows = 13_800_000;

    /// <summary>DuckDB's <c>threads</c> setting: the 2 cores of the benchmark machine (docs/benchmarks.md).</summary>
    public const int DuckDbThreads = 2;

    private const int Seed = 20261124;
    private const int Slots = 6; // label (0, 1, unknown) × decision (0, 1), as in GroupStatistics

    /// <summary>The finest crossing: every row's group by every attribute, cell by cell (SQL of the finest GROUP BY).</summary>
    public const string FinestQuery = "SELECT sex, age, nat, dis, label, decision, count(*) FROM t GROUP BY ALL";

    /// <summary>
    /// Every attribute and intersection, and the whole population: the 16 grouping sets of the CUBE, like-for-like with
    /// Audit's 4 single attributes + 11 intersections + overall.
    /// </summary>
    public const string CubeQuery = "SELECT sex, age, nat, dis, label, decision, count(*) FROM t GROUP BY CUBE(sex, age, nat, dis), label, decision";

    private static readonly string[] AttributeColumns = ["sex", "age", "nat", "dis"];

    private GroupAssignment[] groups = [];
    private byte[] decisions = [];
    private byte[] labels = [];
    private IReadOnlyList<int>[] sets = [];
    private GroupStatistics? finest;
    private DuckDBConnection? duckDb;

    /// <summary>The DuckDB library's version, as <c>SELECT version()</c> reports it (set by the DuckDB setup).</summary>
    public string DuckDbVersion { get; private set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        Generate();
        finest = GroupStatistics.AccumulateChunked(groups, decisions, labels, ReadOnlyMemory<double>.Empty);
    }

    [GlobalSetup(Targets = [nameof(DuckDbGroupBy), nameof(DuckDbCube)])]
    public void SetupDuckDb()
    {
        Setup();
        LoadDuckDb();
        Console.WriteLine($"// DuckDB {DuckDbVersion}, threads = {DuckDbThreads}: validated {ValidateAgainstDuckDb()} cells");
    }

    [GlobalCleanup]
    public void Cleanup() => duckDb?.Dispose();

    /// <summary>Audit's statistics: the finest crossing in one chunked parallel pass, then every attribute and intersection, and the overall counts.</summary>
    [Benchmark]
    public GroupStatistics[] AuditStatistics()
    {
        var all = GroupStatistics.AccumulateChunked(groups, decisions, labels, ReadOnlyMemory<double>.Empty);
        _ = all.Overall();
        return Array.ConvertAll(sets, all.Marginal);
    }

    /// <summary>The accumulation of <see cref="AuditStatistics"/> alone.</summary>
    [Benchmark]
    public GroupStatistics AuditAccumulation() =>
        GroupStatistics.AccumulateChunked(groups, decisions, labels, ReadOnlyMemory<double>.Empty);

    /// <summary>The marginals (and overall counts) of <see cref="AuditStatistics"/> alone, from an accumulated finest crossing.</summary>
    [Benchmark]
    public GroupStatistics[] AuditMarginals()
    {
        _ = finest!.Overall();
        return Array.ConvertAll(sets, finest.Marginal);
    }

    /// <summary>The floor: one thread, one long[] over (finest cell × label × decision), no weights, no chunks.</summary>
    [Benchmark]
    public long[] PlainCountingLoop()
    {
        var sex = groups[0].Codes;
        var age = groups[1].Codes;
        var nat = groups[2].Codes;
        var dis = groups[3].Codes;
        int ageLevels = groups[1].Levels.Length, natLevels = groups[2].Levels.Length, disLevels = groups[3].Levels.Length;
        var counts = new long[groups.Aggregate(1, (n, g) => n * g.Levels.Length) * Slots];
        var decision = decisions;
        var label = labels;
        for (var i = 0; i < decision.Length; i++)
        {
            var cell = ((sex[i] * ageLevels + age[i]) * natLevels + nat[i]) * disLevels + dis[i];
            var l = label[i] > 1 ? ConfusionCounts.UnknownLabel : label[i];
            counts[cell * Slots + l * 2 + decision[i]]++;
        }
        return counts;
    }

    /// <summary>DuckDB's GROUP BY of the finest crossing, the full result read.</summary>
    [Benchmark]
    public long DuckDbGroupBy() => ReadAll(FinestQuery);

    /// <summary>DuckDB's GROUP BY CUBE: every attribute and intersection and the overall counts, the full result read.</summary>
    [Benchmark]
    public long DuckDbCube() => ReadAll(CubeQuery);

    /// <summary>
    /// Checks Audit's counts against DuckDB's: per finest cell × label × decision (the GROUP BY), and per cell of every
    /// attribute and intersection (the CUBE). Throws on the first difference; returns the number of finest cells compared.
    /// </summary>
    public int ValidateAgainstDuckDb()
    {
        var expectedFinest = Flatten(finest!);
        var found = new long[expectedFinest.Length];
        ForEachRow(FinestQuery, (codes, label, decision, count) =>
            found[(Cell(codes, [0, 1, 2, 3]) * Slots) + (label * 2) + decision] += count);
        Compare("finest crossing", expectedFinest, found);

        var marginals = new Dictionary<int, (IReadOnlyList<int> Set, long[] Expected, long[] Found)>();
        foreach (var set in sets.Append([]))
        {
            var expected = set.Count == 0 ? Flatten(finest!.Overall()) : Flatten(finest!.Marginal(set));
            marginals[Mask(set)] = (set, expected, new long[expected.Length]);
        }
        ForEachRow(CubeQuery, (codes, label, decision, count) =>
        {
            var set = Enumerable.Range(0, codes.Length).Where(a => codes[a] >= 0).ToArray();
            var m = marginals[Mask(set)];
            m.Found[(Cell(codes, set) * Slots) + (label * 2) + decision] += count;
        });
        foreach (var (set, expected, actual) in marginals.Values)
        {
            Compare("CUBE set (" + string.Join(", ", set.Select(a => AttributeColumns[a])) + ")", expected, actual);
        }
        return finest!.CellCount;
    }

    /// <summary>Generates the columns and validates against DuckDB, for <c>--validate</c> (Program.cs): returns the finest cell count.</summary>
    public static int Validate(out string duckDbVersion)
    {
        var benchmark = new NationalScaleStatisticsBenchmark();
        benchmark.Setup();
        benchmark.LoadDuckDb();
        try
        {
            duckDbVersion = benchmark.DuckDbVersion;
            return benchmark.ValidateAgainstDuckDb();
        }
        finally
        {
            benchmark.Cleanup();
        }
    }

    private void Generate()
    {
        var random = new Random(Seed);
        var sex = new int[Rows];
        var age = new int[Rows];
        var nat = new int[Rows];
        var dis = new int[Rows];
        decisions = new byte[Rows];
        labels = new byte[Rows];
        for (var i = 0; i < Rows; i++)
        {
            // 2 % of rows have no recorded sex: the explicit "(missing)" group, code 2.
            var u = random.NextDouble();
            sex[i] = u < 0.49 ? 0 : u < 0.98 ? 1 : 2;
            age[i] = random.Next(6);
            var v = random.NextDouble();
            nat[i] = v < 0.8 ? 0 : v < 0.95 ? 1 : 2;
            dis[i] = random.NextDouble() < 0.1 ? 1 : 0;
            decisions[i] = random.NextDouble() < 0.1 ? (byte)1 : (byte)0;
            // About 70 % of rows were never investigated, so their label is unknown.
            var w = random.NextDouble();
            labels[i] = w < 0.7 ? BooleanColumn.Missing : w < 0.9 ? (byte)0 : (byte)1;
        }
        groups =
        [
            new GroupAssignment("sex", sex, ["female", "male", GroupAssignment.MissingLabel]),
            new GroupAssignment("age", age, ["<18", "18-24", "25-34", "35-49", "50-64", "65+"]),
            new GroupAssignment("nationality", nat, ["national", "EU", "other"]),
            new GroupAssignment("disability", dis, ["false", "true"]),
        ];
        sets = [.. Enumerable.Range(0, groups.Length).Select(a => (IReadOnlyList<int>)[a]), .. FairnessOptions.AllCombinations(groups.Length)];
    }

    /// <summary>
    /// The same columns in an in-memory DuckDB table, through the Appender. Every column is UTINYINT, the narrowest type
    /// that holds the codes (a missing sex is its code 2, as in Audit; an unknown label is 255, as in Audit's input).
    /// </summary>
    private void LoadDuckDb()
    {
        duckDb = new DuckDBConnection("Data Source=:memory:");
        duckDb.Open();
        Execute($"SET threads = {DuckDbThreads}");
        Execute("CREATE TABLE t (sex UTINYINT, age UTINYINT, nat UTINYINT, dis UTINYINT, label UTINYINT, decision UTINYINT)");
        var (sex, age, nat, dis) = (groups[0].Codes, groups[1].Codes, groups[2].Codes, groups[3].Codes);
        using (var appender = duckDb.CreateAppender("t"))
        {
            for (var i = 0; i < Rows; i++)
            {
                appender.CreateRow()
                    .AppendValue((byte)sex[i]).AppendValue((byte)age[i]).AppendValue((byte)nat[i]).AppendValue((byte)dis[i])
                    .AppendValue(labels[i]).AppendValue(decisions[i])
                    .EndRow();
            }
        }
        using var command = duckDb.CreateCommand();
        command.CommandText = "SELECT version(), current_setting('threads'), count(*) FROM t";
        using var reader = command.ExecuteReader();
        reader.Read();
        DuckDbVersion = reader.GetString(0);
        var threads = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        var rows = reader.GetInt64(2);
        if (threads != DuckDbThreads || rows != Rows)
        {
            throw new InvalidOperationException($"DuckDB has threads = {threads} and {rows} rows; expected {DuckDbThreads} and {Rows}.");
        }
    }

    private void Execute(string sql)
    {
        using var command = duckDb!.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a query and reads every column of every row (NULLs included); returns the sum of the counts.</summary>
    private long ReadAll(string sql)
    {
        using var command = duckDb!.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        long total = 0;
        while (reader.Read())
        {
            for (var c = 0; c < 6; c++)
            {
                total += reader.IsDBNull(c) ? 0 : reader.GetByte(c);
            }
            total += reader.GetInt64(6);
        }
        return total;
    }

    /// <summary>Each result row as attribute codes (-1 where the CUBE rolled the attribute up), label slot (0, 1, 2 = unknown), decision and count.</summary>
    private void ForEachRow(string sql, Action<int[], int, int, long> row)
    {
        using var command = duckDb!.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var codes = new int[AttributeColumns.Length];
            for (var a = 0; a < codes.Length; a++)
            {
                codes[a] = reader.IsDBNull(a) ? -1 : reader.GetByte(a);
            }
            var label = reader.GetByte(4);
            row(codes, label > 1 ? ConfusionCounts.UnknownLabel : label, reader.GetByte(5), reader.GetInt64(6));
        }
    }

    private int Cell(int[] codes, IReadOnlyList<int> set)
    {
        var cell = 0;
        foreach (var a in set)
        {
            cell = (cell * groups[a].Levels.Length) + codes[a];
        }
        return cell;
    }

    private static int Mask(IReadOnlyList<int> set) => set.Aggregate(0, (m, a) => m | (1 << a));

    private static long[] Flatten(GroupStatistics statistics)
    {
        var flat = new long[statistics.CellCount * Slots];
        for (var cell = 0; cell < statistics.CellCount; cell++)
        {
            Flatten(statistics.Cell(cell)).CopyTo(flat, cell * Slots);
        }
        return flat;
    }

    private static long[] Flatten(ConfusionCounts counts)
    {
        var flat = new long[Slots];
        for (var s = 0; s < Slots; s++)
        {
            flat[s] = counts.Count(s / 2, s % 2);
        }
        return flat;
    }

    private static void Compare(string what, long[] expected, long[] found)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] != found[i])
            {
                throw new InvalidOperationException(
                    $"{what}: cell {i / Slots}, label slot {i % Slots / 2}, decision {i % 2}: Audit counts {expected[i]}, DuckDB {found[i]}.");
            }
        }
        if (found.Sum() != Rows)
        {
            throw new InvalidOperationException($"{what}: DuckDB counts {found.Sum()} rows, expected {Rows}.");
        }
    }
}
