using Audit.Sql;
using Audit.Tests.Cli;

namespace Audit.Tests.Sql;

/// <summary>
/// The query <c>audit sql</c> writes for each shipped plan it can express, per dialect, against a golden file under
/// tests/Audit.Tests/Sql/golden (a change to the translation shows in review as a diff of the queries). Rewrite the
/// files after an intended change: <c>AUDIT_WRITE_SQL_GOLDEN=1 dotnet test --project tests/Audit.Tests -- --filter-class '*SqlGoldenTests'</c>.
/// The plans it cannot express are refused with the reason, checked here too.
/// </summary>
public sealed class SqlGoldenTests
{
    private static readonly string Golden = Path.Combine(SharedData.RepositoryRoot, "tests", "Audit.Tests", "Sql", "golden");

    private static string PlanPath(string name) => Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", name + ".yaml");

    /// <summary>The shipped plans the query expresses, with the ../shared data file each reads (null: generated rows).</summary>
    public static TheoryData<string, string?> Expressible => new()
    {
        { "caf-reconstructed", null },
        { "compas-propublica", "datasets/compas-scores-two-years.csv" },
        { "compas-propublica-adjusted", "datasets/compas-scores-two-years.csv" },
        { "adult", "datasets/adult.csv" },
        { "german-credit", "datasets/german-credit.csv" },
        { "platform-rating-deactivation", null },
        { "platform-rating-deactivation-no-bias", null },
    };

    [Theory]
    [MemberData(nameof(Expressible))]
    public void EachDialectsQueryEqualsItsGoldenFile(string plan, string? data)
    {
        var loaded = TrustedPlans.Load(PlanPath(plan), data is null ? null : SharedData.PathOf(data));
        var query = CountsQuery.Build(loaded, CountsQuery.ColumnTypesOf(loaded));
        var write = Environment.GetEnvironmentVariable("AUDIT_WRITE_SQL_GOLDEN") == "1";
        foreach (var dialect in Enum.GetValues<SqlDialect>())
        {
            var path = Path.Combine(Golden, $"{plan}.{dialect.ToString().ToLowerInvariant()}.sql");
            var sql = query.Render(dialect);
            if (write)
            {
                Directory.CreateDirectory(Golden);
                File.WriteAllText(path, sql);
            }
            Assert.True(File.Exists(path), $"{path} is missing; write it with AUDIT_WRITE_SQL_GOLDEN=1");
            Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), sql.ReplaceLineEndings("\n"));
        }
    }

    /// <summary>Every golden file belongs to an expressible plan and a dialect: none left behind by a rename.</summary>
    [Fact]
    public void NoGoldenFileIsStale()
    {
        var expected = Expressible.Select(row => row.Data.Item1)
            .SelectMany(plan => Enum.GetValues<SqlDialect>().Select(d => $"{plan}.{d.ToString().ToLowerInvariant()}.sql")).ToHashSet();
        var stale = Directory.GetFiles(Golden, "*.sql").Select(Path.GetFileName).Where(f => !expected.Contains(f!)).ToList();
        Assert.True(stale.Count == 0, "golden files of no plan: " + string.Join(", ", stale));
    }

    [Theory]
    [InlineData("ams-austria-2018", "only partly published")]
    [InlineData("caf-signs-only", "only partly published")]
    [InlineData("sesame-style-350-950", "scaled to a published scale")]
    [InlineData("rongcheng-points", "gives some coefficients only by sign, interval or not at all")]
    public void PlansTheQueryCannotExpressAreRefusedWithTheReasonAndWhatToDo(string plan, string reason)
    {
        var loaded = TrustedPlans.Load(PlanPath(plan));
        var error = Assert.Throws<AuditInputException>(() => { CountsQuery.Build(loaded, CountsQuery.ColumnTypesOf(loaded)); });
        Assert.StartsWith("'audit sql' cannot express this plan: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("decision", error.Hint ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void TheCommandPrintsTheQueryWritesItToAFileAndRefusesWithExitCode2()
    {
        var printed = TrustedPlans.Run("sql", PlanPath("caf-reconstructed"), "--dialect", "trino", "--table", "caf.households", "--root", "/");
        Assert.Equal(0, printed.ExitCode);
        Assert.Contains("FROM \"caf\".\"households\"", printed.Out, StringComparison.Ordinal);
        Assert.Contains("ROW_NUMBER() OVER (ORDER BY \"audit_key\" DESC, \"audit_id\" ASC)", printed.Out, StringComparison.Ordinal);

        using var folder = new TempDirectory();
        var file = folder.File("counts.sql");
        var written = TrustedPlans.Run("sql", PlanPath("caf-reconstructed"), "-d", "duckdb", "-o", file, "--root", "/");
        Assert.Equal(0, written.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(Golden, "caf-reconstructed.duckdb.sql")), File.ReadAllText(file));

        var refused = TrustedPlans.Run("sql", PlanPath("ams-austria-2018"), "-d", "duckdb", "--root", "/");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("cannot express this plan", refused.Error, StringComparison.Ordinal);
        Assert.Contains("hint:", refused.Error, StringComparison.Ordinal);

        var badDialect = TrustedPlans.Run("sql", PlanPath("caf-reconstructed"), "-d", "oracle", "--root", "/");
        Assert.Equal(2, badDialect.ExitCode);
        Assert.Contains("unknown SQL dialect 'oracle'", badDialect.Error, StringComparison.Ordinal);
        Assert.Empty(badDialect.Out);
    }
}
