using Audit.Tests.Cli;

namespace Audit.Tests.Issue15;

/// <summary>
/// Issue 15, defect 13: errors found after the file was read (a label that is not 0/1, a missing score, a negative
/// weight) name the file line as parse errors do: "row 2 (line 3)". The line is counted independently here, from the
/// CSV text itself, including quoted fields that span lines.
/// </summary>
public sealed class Defect13ErrorPositionTests
{
    private const string Plan = """
        name: positions
        data:
          path: people.csv
        roles:
          id: id
          {ROLE}
        model:
          score_column: score
          adverse: high
        policy:
          threshold: 0.5
        protected_attributes:
          - group
        min_cell_size: 1
        inference:
          bootstrap: 0
        """;

    /// <summary>The 1-based file line on which data row <paramref name="row"/> starts, counted over the raw text.</summary>
    private static int LineOfRow(string csv, int row)
    {
        var line = 1;
        var inQuotes = false;
        var rowsStarted = 0; // the header is row 0
        var atRowStart = true;
        foreach (var ch in csv)
        {
            if (atRowStart)
            {
                if (rowsStarted == row)
                {
                    return line;
                }
                atRowStart = false;
            }
            if (ch == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (ch == '\n')
            {
                line++;
                if (!inQuotes)
                {
                    rowsStarted++;
                    atRowStart = true;
                }
            }
        }
        throw new InvalidOperationException("row not found");
    }

    public static TheoryData<string, string, string> Cases() => new()
    {
        // role line, column with the bad value, bad value
        { "label: outcome", "outcome", "2" },
        { "weight: w", "w", "-1" },
        { "label: outcome", "score", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ErrorsFoundAfterReadingNameTheFileLineOfTheRow(string role, string column, string bad)
    {
        // Row 5 is the bad one; rows 2 and 4 carry a quoted note spanning two and three lines.
        var header = "id,group,note,score,outcome,w";
        var rows = new List<string[]>
        {
            new[] { "1", "a", "plain", "0.2", "0", "1" },
            new[] { "2", "b", "\"two\nlines\"", "0.7", "1", "1" },
            new[] { "3", "a", "plain", "0.4", "0", "1" },
            new[] { "4", "b", "\"three\nshort\nlines\"", "0.9", "1", "1" },
            new[] { "5", "a", "plain", "0.6", "1", "1" },
            new[] { "6", "b", "plain", "0.1", "0", "1" },
        };
        var index = header.Split(',').ToList().IndexOf(column);
        rows[4][index] = bad;
        var csv = header + "\n" + string.Join("\n", rows.Select(r => string.Join(',', r))) + "\n";
        using var dir = new TempDirectory();
        dir.Write("people.csv", csv);
        var plan = dir.Write("plan.yaml", Plan.Replace("{ROLE}", role, StringComparison.Ordinal));

        var outcome = CliRunner.Run("run", plan, "--out", dir.File("out"), "--quiet");

        Assert.Equal(2, outcome.ExitCode);
        var expectedLine = LineOfRow(csv, 5);
        Assert.Equal(9, expectedLine); // header 1, rows 1-4 take lines 2-7 plus 1+2 extra, row 5 starts on line 9
        Assert.Contains($"people.csv, row 5 (line {expectedLine})", outcome.Error);
        Assert.Contains($"'{column}'", outcome.Error);
        Assert.False(Directory.Exists(dir.File("out")), "a failed run writes nothing");
    }

    [Fact]
    public void ALineMapOverManyRowsAgreesWithCountingTheText()
    {
        var random = new Random(15_13);
        for (var trial = 0; trial < 50; trial++)
        {
            var builder = new Audit.Data.FileLines.Builder();
            var line = 2L; // the header is line 1
            var expected = new List<long>();
            for (var row = 1; row <= 200; row++)
            {
                builder.Add(row, line);
                expected.Add(line);
                line += random.Next(4) == 0 ? 1 + random.Next(3) : 1;
            }
            var map = builder.Build();
            for (var row = 1; row <= 200; row++)
            {
                Assert.Equal(expected[row - 1], map.LineOf(row));
            }
        }
    }
}
