using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Tests.Cli;

namespace Audit.Tests.Api;

/// <summary>
/// The checks of a counts table (docs/counts-format.md, "Checks"): each bad file stops <c>audit run</c> with exit code 2,
/// a message naming the file, the row and the column, and no report folder; the library raises the same error with
/// its row and column as properties.
/// </summary>
public sealed class CountsFileChecksTests
{
    private const string Header = "sexe,age,label,decision,n";

    private static readonly string[] Good =
    [
        "F,<25,0,0,40",
        "F,25-34,1,1,12",
        "M,35+,0,1,30",
        "M,<25,,0,25",
        "F,,0,0,11",
    ];

    private static string Plan(string extra = "") => $"""
        name: checks
        data: {"{"} counts: counts.csv{extra} {"}"}
        roles: {"{"} label: fraud {"}"}
        model: {"{"} decision_column: flagged {"}"}
        protected_attributes:
          - column: sexe
            reference: M
          - column: age
            bands: [25, 35]
        """;

    /// <summary>A case: the CSV (header and rows), the plan's extra data keys, and what the message must name.</summary>
    public static TheoryData<string, string, string, string[]> Cases() => new()
    {
        { "missing column", "sexe,age,decision,n\nF,<25,0,40\nM,<25,1,3", "", ["counts.csv", "no column 'label'"] },
        { "extra column", Header + ",region\n" + string.Join("\n", Good.Select(r => r + ",north")), "", ["counts.csv", "column 'region'", "does not count by"] },
        { "unknown level", Header + "\n" + string.Join("\n", Good) + "\nF,25-35,0,0,4", "", ["counts.csv", "row 6", "age", "25-35", "cannot produce"] },
        { "negative count", Header + "\nF,<25,0,0,-3\n" + string.Join("\n", Good[1..]), "", ["counts.csv", "row 1", "'n'", "-3", "negative count"] },
        { "count not whole", Header + "\n" + string.Join("\n", Good[..2]) + "\nM,35+,0,1,2.5\n" + Good[3], "", ["row 3", "'n'", "2.5", "not a count"] },
        { "empty count", Header + "\n" + Good[0] + "\nF,25-34,1,1,\n" + string.Join("\n", Good[2..]), "", ["row 2", "'n'", "not a count"] },
        { "label not 0/1", Header + "\n" + Good[0] + "\nF,25-34,2,1,12\n" + string.Join("\n", Good[2..]), "", ["row 2", "'label'", "not a label"] },
        { "decision not 0/1", Header + "\n" + string.Join("\n", Good[..3]) + "\nM,<25,,3,25", "", ["row 4", "'decision'", "not a decision"] },
        { "repeated cell", Header + "\n" + string.Join("\n", Good) + "\nF,25-34,1,1,12", "", ["row 6", "the cell of row 2 again"] },
        { "reference absent", Header + "\n" + string.Join("\n", Good.Where(r => !r.StartsWith('M'))), "", ["counts.csv", "'sexe'", "reference group 'M'"] },
        { "total differs", Header + "\n" + string.Join("\n", Good), ", total: 120", ["counts.csv", "118 rows, not the 120"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ABadCountsFileEndsWithExitTwoNamingRowAndColumn(string name, string csv, string extra, string[] named)
    {
        using var folder = new TempDirectory();
        folder.Write("counts.csv", csv + "\n");
        var plan = folder.Write("plan.yaml", Plan(extra));
        var output = folder.File("out");

        var run = CliRunner.Run("run", plan, "--out", output);

        Assert.True(run.ExitCode == 2, $"{name}: exit {run.ExitCode}, {run.Error}");
        foreach (var part in named)
        {
            Assert.True(run.Error.Contains(part, StringComparison.Ordinal), $"{name}: '{part}' not in: {run.Error}");
        }
        Assert.False(Directory.Exists(output), $"{name}: the report folder was written");
    }

    [Fact]
    public void TheGoodFileOfTheseCasesRuns()
    {
        using var folder = new TempDirectory();
        folder.Write("counts.csv", Header + "\n" + string.Join("\n", Good) + "\n");
        var plan = folder.Write("plan.yaml", Plan(", total: 118"));
        var run = CliRunner.Run("run", plan, "--out", folder.File("out"));
        Assert.True(run.ExitCode == 0, run.Error);
    }

    /// <summary>Partial counts of one cell, told apart by 'part', are added: the same result as the cell counted once.</summary>
    [Fact]
    public void PartialCountsWithPartsAreSummed()
    {
        var layout = new CountsLayout([new ProtectedColumn("sexe", Reference: "M")]) { Label = false };
        var whole = new TableBuilder().Categories("sexe", ["F", "M", "F"]).Numbers("decision", [1, 0, 0]).Numbers("n", [30, 80, 90]).Build();
        var parts = new TableBuilder().Categories("sexe", ["F", "M", "F", "F"]).Numbers("decision", [1, 0, 0, 1]).Numbers("n", [10, 80, 90, 20])
            .Categories("part", ["2024", "2024", "2024", "2025"]).Build();

        var a = CountsTable.Read(whole, layout, "whole.csv").Statistics;
        var b = CountsTable.Read(parts, layout, "parts.csv").Statistics;

        Assert.Equal(a.RawCounts.ToArray(), b.RawCounts.ToArray());
        Assert.Equal(30, b.Cell(0).Count(decision: 1)); // F: 10 + 20 flagged
        var repeated = new TableBuilder().Categories("sexe", ["F", "F"]).Numbers("decision", [1, 1]).Numbers("n", [10, 20]).Build();
        var error = Assert.Throws<AuditInputException>(() => CountsTable.Read(repeated, layout, "repeated.csv"));
        Assert.Equal(2, error.Row);
        Assert.Equal("n", error.Column);
        Assert.Equal("repeated.csv", error.File);
    }

    [Fact]
    public void TheLibraryNamesRowColumnExpectedAndFound()
    {
        var layout = new CountsLayout([new ProtectedColumn("age", Bands: [25, 35])]) { Label = true, Weight = true, FrequencyWeights = true };
        var table = new TableBuilder().Categories("age", ["<25", "35+"]).Numbers("label", [0, 1]).Numbers("decision", [0, 1]).Numbers("n", [4, 5])
            .Numbers("weight", [4, 7.5]).Build();

        var error = Assert.Throws<AuditInputException>(() => CountsTable.Read(table, layout, "c.parquet"));

        Assert.Equal(("c.parquet", 2L, "weight", "7.5"), (error.File, error.Row!.Value, error.Column, error.Found));
        Assert.Contains("whole number", error.Expected, StringComparison.Ordinal);

        var unknown = new TableBuilder().Categories("age", ["<25", "25-35"]).Numbers("label", [0, 1]).Numbers("decision", [0, 1]).Numbers("n", [4, 5])
            .Numbers("weight", [4, 5]).Build();
        var level = Assert.Throws<AuditInputException>(() => CountsTable.Read(unknown, layout, "c.parquet"));
        Assert.Equal((2L, "age", "25-35"), (level.Row!.Value, level.Column, level.Found));
        Assert.Contains("25-34", level.Expected, StringComparison.Ordinal);
    }

    /// <summary>A merged attribute takes only its groups' names, an ordered one only the groups of its order; the missing group always.</summary>
    [Fact]
    public void MergedAndOrderedAttributesTakeOnlyTheirGroups()
    {
        var merged = new CountsLayout([new ProtectedColumn("nationalite") { Groups = [new LevelGroup("FR", ["FR"]), new LevelGroup("etranger", ["*"])] }]);
        var ordered = new CountsLayout([new ProtectedColumn("decile") { Order = ["D1", "D2", "D10"] }]);
        Table Of(string column, params string?[] levels) => new TableBuilder().Categories(column, levels)
            .Numbers("decision", [.. levels.Select(_ => 1)]).Numbers("n", [.. levels.Select(_ => 5)]).Build();

        var read = CountsTable.Read(Of("nationalite", "etranger", null, "FR"), merged, "m.csv");
        Assert.Equal(["FR", "etranger", "(missing)"], read.Attributes[0].Groups.Levels);
        var error = Assert.Throws<AuditInputException>(() => CountsTable.Read(Of("nationalite", "FR", "UE"), merged, "m.csv"));
        Assert.Equal((2L, "nationalite", "UE"), (error.Row!.Value, error.Column, error.Found));

        Assert.Equal(["D1", "D2", "D10"], CountsTable.Read(Of("decile", "D10", "D1", "D2"), ordered, "o.csv").Attributes[0].Groups.Levels);
        var unordered = Assert.Throws<AuditInputException>(() => CountsTable.Read(Of("decile", "D1", "D3"), ordered, "o.csv"));
        Assert.Equal((2L, "decile", "D3"), (unordered.Row!.Value, unordered.Column, unordered.Found));
    }

    /// <summary>Score histograms (score_bin) are summed over: the statistics equal those of the table without them, and the summary says they were there.</summary>
    [Fact]
    public void ScoreBinsAreSummedOver()
    {
        var layout = new CountsLayout([new ProtectedColumn("sexe")]);
        var binned = new TableBuilder().Categories("sexe", ["F", "F", "F", "M"]).Numbers("decision", [1, 1, 0, 0]).Numbers("score_bin", [7, 8, 2, 2])
            .Numbers("n", [3, 4, 10, 12]).Build();
        var plain = new TableBuilder().Categories("sexe", ["F", "F", "M"]).Numbers("decision", [1, 0, 0]).Numbers("n", [7, 10, 12]).Build();

        var withBins = CountsTable.Read(binned, layout, "b.csv");
        Assert.True(withBins.ScoreBins);
        Assert.Equal(CountsTable.Read(plain, layout, "p.csv").Statistics.RawCounts.ToArray(), withBins.Statistics.RawCounts.ToArray());
        var negative = new TableBuilder().Categories("sexe", ["F"]).Numbers("decision", [1]).Numbers("score_bin", [-1]).Numbers("n", [3]).Build();
        Assert.Equal("score_bin", Assert.Throws<AuditInputException>(() => CountsTable.Read(negative, layout, "b.csv")).Column);
    }

    [Theory]
    [InlineData("counts: c.csv, path: p.csv", "'counts' and 'path'")]
    [InlineData("counts: c.csv, population: p.yaml, rows: 10", "'counts' and 'population'")]
    [InlineData("path: p.csv, total: 10", "applies only to 'data.counts'")]
    [InlineData("counts: c.csv, total: -1", "out of range")]
    public void ThePlanRefusesCountsWithOtherData(string data, string problem)
    {
        using var folder = new TempDirectory();
        var plan = folder.Write("plan.yaml", Plan().Replace("counts: counts.csv", data, StringComparison.Ordinal));
        var error = Assert.Throws<AuditInputException>(() => Audit.Plan.AuditPlanLoader.Load(plan));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("plan.yaml", error.Message, StringComparison.Ordinal);
    }
}
