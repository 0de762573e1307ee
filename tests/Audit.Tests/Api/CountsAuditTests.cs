using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Audit.Data;
using Audit.Explain;
using Audit.Fairness.Cells;
using Audit.Plan;
using Audit.Results;
using Audit.Synthetic;
using Audit.Tests.Cli;

namespace Audit.Tests.Api;

/// <summary>
/// A plan run on a counts table (<c>data: { counts: FILE }</c>, docs/counts-format.md) against the same plan run on the
/// rows: the counts are made by plain code written here (a GROUP BY in LINQ over the raw columns, with its own age
/// bands, independent of GroupStatistics and GroupAssignment), written as CSV and as Parquet, and the fairness section
/// of report.json must equal the in-memory audit's byte for byte.
/// </summary>
public sealed class CountsAuditTests
{
    private const int CafRows = 20_000;

    /// <summary>The shipped CAF plan on 20,000 generated households, with a merge (groups:), bands, every pair crossed.</summary>
    private static AuditPlan CafRowsPlan(int bootstrap)
    {
        var plan = TrustedPlans.Load(Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "caf-reconstructed.yaml"));
        var merged = plan.ProtectedAttributes.Select(a => a.Column.Name == "nationalite"
            ? a with { Groups = [new LevelGroup("FR", ["FR"]), new LevelGroup("etranger", ["*"])] }
            : a).ToArray();
        return plan with
        {
            Data = plan.Data with { Population = new PopulationSource(CafRows, PopulationPlanData.DrawOf(plan).Seed) },
            ProtectedAttributes = merged,
            Recourse = null,
            Explanations = new ExplanationOptions { Enabled = false },
            BootstrapReplicates = bootstrap,
        };
    }

    private const string CafProtected = """
        protected_attributes:
          - column: sexe
            reference: M
          - column: age
            bands: [25, 35, 50, 65]
          - column: nationalite
            reference: FR
            groups: { FR: [FR], etranger: "*" }
          - column: aah
            reference: "false"
          - column: parent_isole
            reference: "false"
          - column: qpv
            reference: "false"
          - column: tranche_niveau_de_vie
            reference: D6_D9
        """;

    /// <summary>The age bands of the plan, written here by hand.</summary>
    private static string? AgeBand(double age) => double.IsNaN(age) ? null
        : age < 25 ? "<25" : age < 35 ? "25-34" : age < 50 ? "35-49" : age < 65 ? "50-64" : "65+";

    private static string? Text(Column column, int row) => column.FormatValue(row);

    /// <summary>
    /// The counts of a table by plain LINQ: the attributes' groups (age banded, nationality merged by hand), the label
    /// read from the raw column, the decision given; one row per non-empty cell, in reverse order (an engine's order is any).
    /// </summary>
    private static List<(string?[] Levels, string? Label, int Decision, long N, double? Weight)> GroupBy(Table table, byte[] flags, string label, double[]? weights = null)
    {
        var sexe = table["sexe"];
        var age = (NumericColumn)table["age"];
        var nationalite = table["nationalite"];
        var others = new[] { "aah", "parent_isole", "qpv", "tranche_niveau_de_vie" }.Select(c => table[c]).ToArray();
        var labels = table[label];
        return [.. Enumerable.Range(0, table.RowCount)
            .GroupBy(i => string.Join('|', new[]
            {
                Text(sexe, i), AgeBand(age.Values[i]), Text(nationalite, i) is { } n ? (n == "FR" ? "FR" : "etranger") : null,
            }.Concat(others.Select(c => Text(c, i))).Select(v => v ?? "\u0000")) + "|" + (Text(labels, i) ?? "") + "|" + flags[i])
            .Select(g =>
            {
                var parts = g.Key.Split('|');
                return (Levels: parts[..7].Select(p => p == "\u0000" ? null : p).ToArray(), Label: parts[7].Length == 0 ? null : parts[7],
                    Decision: int.Parse(parts[8], CultureInfo.InvariantCulture), N: (long)g.Count(), Weight: weights is null ? (double?)null : g.Sum(i => weights[i]));
            })
            .Reverse()];
    }

    private static readonly string[] CafColumns = ["sexe", "age", "nationalite", "aah", "parent_isole", "qpv", "tranche_niveau_de_vie"];

    private static string Csv(IEnumerable<(string?[] Levels, string? Label, int Decision, long N, double? Weight)> rows, IReadOnlyList<string> columns, bool label = true)
    {
        var text = new StringBuilder(string.Join(',', columns) + (label ? ",label" : "") + ",decision,n" + (rows.FirstOrDefault().Weight is null ? "" : ",weight") + "\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(',', row.Levels.Select(l => l ?? ""))).Append(label ? "," + row.Label : "").Append(',').Append(row.Decision).Append(',').Append(row.N);
            if (row.Weight is { } w)
            {
                text.Append(',').Append(w.ToString("R", CultureInfo.InvariantCulture));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static void WriteParquet(IReadOnlyList<(string?[] Levels, string? Label, int Decision, long N, double? Weight)> rows, IReadOnlyList<string> columns, string path)
    {
        var builder = new TableBuilder();
        for (var a = 0; a < columns.Count; a++)
        {
            builder.Categories(columns[a], [.. rows.Select(r => r.Levels[a])]);
        }
        builder.Numbers("label", [.. rows.Select(r => r.Label switch { null => double.NaN, "true" => 1, "false" => 0, var l => double.Parse(l, CultureInfo.InvariantCulture) })])
            .Numbers("decision", [.. rows.Select(r => r.Decision)])
            .Numbers("n", [.. rows.Select(r => (double)r.N)]);
        ParquetTableWriter.Write(builder.Build(), path);
    }

    /// <summary>The fairness section as report.json writes it, without the members that need each row's score.</summary>
    private static string FairnessJson(AuditResult result, bool dropScores)
    {
        var node = JsonSerializer.SerializeToNode(result.Fairness, AuditResultJson.Options)!;
        if (dropScores)
        {
            var dropped = 0;
            foreach (var set in new[] { "attributes", "intersections" })
            {
                foreach (var attribute in node[set]!.AsArray())
                {
                    foreach (var group in attribute!["groups"]!.AsArray())
                    {
                        dropped += group!.AsObject().Remove("scores") ? 1 : 0;
                        group.AsObject().Remove("grades");
                    }
                }
            }
            Assert.True(dropped > 0, "the run over rows had score summaries to leave out (a guard on the test)");
        }
        return node.ToJsonString(AuditResultJson.Options);
    }

    [Fact]
    public void CafCountsFromCsvAndParquetGiveTheFairnessSectionOfTheRows()
    {
        var rowsPlan = CafRowsPlan(bootstrap: 200);
        var people = Auditor.Decided(rowsPlan);
        var fromRows = Auditor.Run(rowsPlan, people, "audit run caf");
        var groupBy = GroupBy(people.Table, people.Outcome.Flags, "indu_synthetique");

        using var folder = new TempDirectory();
        folder.Write("counts.csv", Csv(groupBy, CafColumns));
        WriteParquet(groupBy, CafColumns, folder.File("counts.parquet"));
        var model = Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml");
        foreach (var file in new[] { "counts.csv", "counts.parquet" })
        {
            var plan = folder.Write("plan.yaml", $"""
                name: caf-counts
                root: /
                data:
                  counts: {file}
                  total: {CafRows}
                roles:
                  label: indu_synthetique
                model:
                  spec: {model}
                policy:
                  top_fraction: 0.0120289855
                {CafProtected}
                inference:
                  bootstrap: 200
                seed: 1
                """);
            var fromCounts = Auditor.Run(TrustedPlans.Load(plan), "audit run caf-counts");

            Assert.Equal(FairnessJson(fromRows, dropScores: true), FairnessJson(fromCounts, dropScores: false));
            Assert.Equal(CafRows, fromCounts.Data.Rows);
            Assert.Equal(fromRows.Policy.Flagged, fromCounts.Policy.Flagged);
            var absent = fromCounts.Data.Counts!.Absent.Select(a => a.Section + ":" + a.Reason).ToArray();
            Assert.Equal(["explanations:needs_rows", "scores:needs_scores", "cutoff:not_in_counts"], absent);
            Assert.Equal(groupBy.Count, fromCounts.Data.Counts.TableRows);
            Assert.Equal(groupBy.Count, fromCounts.Data.Counts.Cells); // one row per non-empty cell
            Assert.True(fromCounts.Fairness.Disclosure!.Primary > 0, "suppression is exercised"); // a guard on the test
            Assert.Equal(200, fromCounts.Fairness.Inference.BootstrapReplicates);
        }
    }

    /// <summary>
    /// Frequency weights and a decision column (no score: the whole fairness section, byte for byte), unweighted too,
    /// through the library's entry for a counts table that comes from no file (<see cref="AuditPlanBuilder.Counts"/>).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CountsTableInMemoryGivesTheWholeFairnessSectionOfTheRows(bool frequencyWeights)
    {
        var people = ApiPeople.Table();
        var months = ((NumericColumn)people["months_on_benefit"]).Values.ToArray();
        var age = ((NumericColumn)people["age"]).Values.ToArray();
        var decisions = months.Select(m => m >= 40 ? 1 : 0).ToArray();
        var weights = Enumerable.Range(0, ApiPeople.Rows).Select(i => (double)(1 + i % 3)).ToArray();
        var table = new TableBuilder();
        foreach (var column in people.Columns)
        {
            table.Add(column);
        }
        table.Numbers("decision", decisions).Numbers("w", weights);

        AuditPlanBuilder Plan(AuditContext audit)
        {
            var builder = audit.Plan("counts").Decisions("decision").Label("fraud").Protect("sex", reference: "M").Protect("region")
                .Protect("age", bands: [30, 50]).AllIntersections().Bootstrap(300).MinCellSize(frequencyWeights ? 60 : 12);
            return frequencyWeights ? builder.Weights("w", WeightKind.Frequency) : builder;
        }
        var audit = new AuditContext(seed: 5);
        var fromRows = audit.Run(Plan(audit).Data(table.Build()).Build());

        // The GROUP BY by hand: sex, region, age band, fraud, decision → count and sum of w.
        var sex = (CategoricalColumn)people["sex"];
        var region = (CategoricalColumn)people["region"];
        var fraud = ((NumericColumn)people["fraud"]).Values.ToArray();
        var cells = Enumerable.Range(0, ApiPeople.Rows)
            .GroupBy(i => (Sex: sex[i]!, Region: region[i]!, Age: age[i] < 30 ? "<30" : age[i] < 50 ? "30-49" : "50+", Label: (int)fraud[i], Decision: decisions[i]))
            .OrderByDescending(g => g.Key.Region).ToArray();
        var counts = new TableBuilder()
            .Categories("region", [.. cells.Select(g => g.Key.Region)]) // columns in another order than the plan's: names matter
            .Categories("sex", [.. cells.Select(g => g.Key.Sex)])
            .Categories("age", [.. cells.Select(g => g.Key.Age)])
            .Numbers("label", [.. cells.Select(g => g.Key.Label)])
            .Numbers("decision", [.. cells.Select(g => g.Key.Decision)])
            .Numbers("n", [.. cells.Select(g => g.Count())]);
        if (frequencyWeights)
        {
            counts.Numbers("weight", [.. cells.Select(g => g.Sum(i => weights[i]))]);
        }
        var fromCounts = audit.Run(Plan(audit).Counts(counts.Build(), total: ApiPeople.Rows).Build());

        Assert.Equal(FairnessJson(fromRows, dropScores: false), FairnessJson(fromCounts, dropScores: false));
        Assert.Contains(fromCounts.Fairness.Attributes.SelectMany(a => a.Groups).Concat(fromCounts.Fairness.Intersections.SelectMany(a => a.Groups)),
            g => g.Count.Suppressed == true); // suppression is exercised
        Assert.Equal(fromRows.Outcome is null, fromCounts.Outcome is null);
        Assert.Empty(fromCounts.Data.Counts!.Absent);
        Assert.Equal(fromRows.Data.TotalWeight, fromCounts.Data.TotalWeight);
    }

    /// <summary>With sampling weights the bootstrap needs each row's weight: the run on counts skips it and says so; the weighted rates are the rows'.</summary>
    [Fact]
    public void SamplingWeightedCountsSayTheBootstrapNeedsRows()
    {
        var people = ApiPeople.Table();
        var months = ((NumericColumn)people["months_on_benefit"]).Values.ToArray();
        var decisions = months.Select(m => m >= 40 ? 1 : 0).ToArray();
        var weights = Enumerable.Range(0, ApiPeople.Rows).Select(i => 0.5 + i % 7 * 0.25).ToArray();
        var table = new TableBuilder();
        foreach (var column in people.Columns)
        {
            table.Add(column);
        }
        table.Numbers("decision", decisions).Numbers("w", weights);
        var audit = new AuditContext(seed: 5);
        AuditPlanBuilder Plan() => audit.Plan("sampling").Decisions("decision").Label("fraud").Protect("sex", reference: "M").Weights("w").Bootstrap(200);
        var fromRows = audit.Run(Plan().Data(table.Build()).Build());

        var sex = (CategoricalColumn)people["sex"];
        var fraud = ((NumericColumn)people["fraud"]).Values.ToArray();
        var cells = Enumerable.Range(0, ApiPeople.Rows).GroupBy(i => (Sex: sex[i]!, Label: (int)fraud[i], Decision: decisions[i])).ToArray();
        var counts = new TableBuilder()
            .Categories("sex", [.. cells.Select(g => g.Key.Sex)])
            .Numbers("label", [.. cells.Select(g => g.Key.Label)])
            .Numbers("decision", [.. cells.Select(g => g.Key.Decision)])
            .Numbers("n", [.. cells.Select(g => g.Count())])
            .Numbers("weight", [.. cells.Select(g => g.Sum(i => weights[i]))]);
        var fromCounts = audit.Run(Plan().Counts(counts.Build()).Build());

        Assert.Equal([new AbsentSection("bootstrap", "needs_row_weights")], fromCounts.Data.Counts!.Absent);
        Assert.Equal(0, fromCounts.Fairness.Inference.BootstrapReplicates);
        Assert.Equal(200, fromRows.Fairness.Inference.BootstrapReplicates);
        Assert.Contains(fromCounts.Caveats, c => c.Code == Caveat.SamplingWeights);
        foreach (var (rows, counted) in fromRows.Fairness.Attributes[0].Groups.Zip(fromCounts.Fairness.Attributes[0].Groups))
        {
            foreach (var (key, metric) in rows.Rates)
            {
                Assert.Equal(metric.Value ?? double.NaN, counted.Rates[key].Value ?? double.NaN, 12);
            }
        }
    }

    [Fact]
    public void CountsRunOnTheCommandLineWritesTheReportAndSaysWhatNeedsRows()
    {
        using var folder = new TempDirectory();
        folder.Write("counts.csv", """
            sexe,label,decision,n
            F,0,0,400
            F,1,1,30
            F,,1,25
            F,1,0,50
            M,0,0,500
            M,1,1,20
            M,0,1,10
            ,0,0,12
            """);
        var plan = folder.Write("plan.yaml", """
            name: counts-cli
            data: { counts: counts.csv, total: 1047 }
            roles: { id: person, label: fraud }
            model: { score_column: risk, adverse: high }
            policy: { top_fraction: 0.06 }
            protected_attributes:
              - column: sexe
                reference: M
            inference: { bootstrap: 100 }
            """);
        var output = folder.File("out");
        var run = CliRunner.Run("run", plan, "--out", output);

        Assert.True(run.ExitCode == 0, run.Error);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "report.json")))!;
        Assert.Equal(1047, json["data"]!["rows"]!.GetValue<long>());
        Assert.Equal(12, json["data"]!["columns"]![0]!["missing"]!.GetValue<long>());
        var absent = json["data"]!["counts"]!["absent"]!.AsArray().Select(a => a!["section"]!.GetValue<string>() + ":" + a["reason"]!.GetValue<string>()).ToArray();
        Assert.Equal(["id:needs_rows", "scores:needs_scores", "cutoff:not_in_counts"], absent);
        var women = json["fairness"]!["attributes"]![0]!["groups"]!.AsArray().Single(g => g!["group"]!["sexe"]!.GetValue<string>() == "F")!;
        Assert.Equal(55.0 / 505, women["rates"]!["selectionRate"]!["value"]!.GetValue<double>(), 12);
        var markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("Computed from counts", markdown, StringComparison.Ordinal);
        Assert.Contains("score metrics per group (mean, AUC, calibration, distance) (needs each row's score)", markdown, StringComparison.Ordinal);
        Assert.Contains("Computed from counts", File.ReadAllText(Path.Combine(output, "report.html")), StringComparison.Ordinal);

        // The per-person table and the verbs that need rows refuse the plan, and write nothing.
        var people = CliRunner.Run("run", plan, "--out", folder.File("people"), "--people");
        Assert.Equal(2, people.ExitCode);
        Assert.Contains("needs the people's rows", people.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("people")));
        var explain = CliRunner.Run("explain", plan, "--person", "1");
        Assert.Equal(2, explain.ExitCode);
        Assert.Contains("counts table", explain.Error, StringComparison.Ordinal);
    }
}
