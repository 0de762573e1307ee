using System.Globalization;
using Audit.Data;
using Audit.Tests.Cli;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 5: duplicate ids passed without a word, and <c>audit explain --person</c> explained whichever row came
/// first. When the plan declares an id column (<c>roles.id</c>), no two rows may share an id: the first row that repeats
/// an earlier id is an input error naming both rows. The oracle is a set of the ids seen, row by row.
/// </summary>
public sealed class Issue16Class5DuplicateIdTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void TheFirstRowRepeatingAnIdIsReportedForTextAndNumericIds()
    {
        var random = new Random(16_52);
        for (var n = 0; n < 300; n++)
        {
            var rows = random.Next(1, 60);
            var pool = random.Next(rows, rows * 40 + 1); // sometimes every id distinct, sometimes repeats
            var ids = Enumerable.Range(0, rows).Select(_ => random.Next(12) == 0 ? null : (int?)random.Next(pool)).ToArray();
            int? expectedRow = null, firstRow = null;
            var seen = new Dictionary<int, int>();
            for (var i = 0; i < ids.Length && expectedRow is null; i++)
            {
                if (ids[i] is { } id && !seen.TryAdd(id, i))
                {
                    (firstRow, expectedRow) = (seen[id] + 1, i + 1);
                }
            }
            Column column = n % 2 == 0
                ? new NumericColumn("id", [.. ids.Select(v => v is { } x ? x : double.NaN)])
                : CategoricalColumn.FromValues("id", [.. ids.Select(v => v?.ToString("D5", CultureInfo.InvariantCulture))]);
            var table = new Table([column]);
            if (expectedRow is null)
            {
                Auditor.CheckUniqueIds(table, "id", "people.csv");
                continue;
            }
            var error = Assert.Throws<AuditInputException>(() => Auditor.CheckUniqueIds(table, "id", "people.csv"));
            Assert.Equal(expectedRow, error.Row);
            Assert.Equal("id", error.Column);
            Assert.Contains($"row {firstRow}", error.Problem);
        }
    }

    private string Plan()
    {
        dir.Write("people.csv", "id,sex,s\n1,F,0.9\n2,M,0.1\n3,F,0.7\n2,F,0.3\n5,M,0.8\n");
        return dir.Write("plan.yaml", """
            data: { path: people.csv }
            roles: { id: id }
            model: { score_column: s, adverse: high }
            policy: { top_fraction: 0.4 }
            protected_attributes: [{ column: sex }]
            min_cell_size: 1
            inference: { bootstrap: 0 }
            """);
    }

    [Fact]
    public void RunAndExplainRefuseDuplicateIds()
    {
        var plan = Plan();
        var run = CliRunner.Run("run", plan, "--out", dir.File("out"), "--quiet");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("people.csv, row 4 (line 5), column 'id'", run.Error);
        var explain = CliRunner.Run("explain", plan, "--person", "2");
        Assert.Equal(2, explain.ExitCode);
        Assert.Contains("row 2", explain.Error);
    }
}
