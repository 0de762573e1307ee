using Audit.Data;
using Audit.Models;
using Audit.Policy;

namespace Audit.Tests.Cli;

/// <summary>
/// tables/people.csv (issue 18, item 10): not written by default; written with <c>--people</c> or the plan's
/// <c>exports.people</c>; refused for real subjects without <c>--people-real</c> (exit 2, a message, no folder); its
/// rank and tie columns equal a hand-computed top-k; <see cref="ScoreOrder.RankAll"/> equals the per-row
/// <see cref="ScoreOrder.RankOf"/> (an independent route: one pass per row) on a table with many exact ties.
/// </summary>
public sealed class PeopleExportTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    // Six people; scores 0.9 twice, 0.5 twice: a budget of 3 flags the two 0.9s (rows 1, 3) and the 0.7 (row 6).
    private const string Csv = "pid,score,sex\np1,0.9,F\np2,0.5,M\np3,0.9,F\np4,0.2,M\np5,0.5,F\np6,0.7,M\n";

    private string Plan(string subjects, string extra = "") => dir.Write($"plan-{subjects}-{extra.Length}.yaml", $"""
        name: people
        data:
          path: people.csv
        {(subjects.Length == 0 ? "" : "  subjects: " + subjects)}
        roles:
          id: pid
        model: {"{"} score_column: score, adverse: high {"}"}
        policy: {"{"} budget: 3 {"}"}
        protected_attributes: [sex]
        min_cell_size: 1
        {extra}
        """);

    private string PeopleCsv(string output) => Path.Combine(output, "tables", "people.csv");

    [Fact]
    public void NotWrittenByDefault()
    {
        dir.Write("people.csv", Csv);
        var output = dir.File("out-default");
        var outcome = CliRunner.Run("run", Plan("synthetic"), "--out", output, "--quiet");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.True(File.Exists(Path.Combine(output, "report.json")));
        Assert.False(File.Exists(PeopleCsv(output)));
    }

    [Fact]
    public void WrittenWithTheSwitchWithRanksAndTiesOfAHandTopK()
    {
        dir.Write("people.csv", Csv);
        var output = dir.File("out-people");
        var outcome = CliRunner.Run("run", Plan("synthetic"), "--out", output, "--people", "--quiet");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        // By hand: order 0.9 (p1), 0.9 (p3, later row), 0.7, 0.5 (p2), 0.5 (p5), 0.2; the budget of 3 flags ranks 1-3.
        Assert.Equal("""
            id,score,grade,flagged,rank,tied
            p1,0.9,,true,1,true
            p2,0.5,,false,4,true
            p3,0.9,,true,2,true
            p4,0.2,,false,6,false
            p5,0.5,,false,5,true
            p6,0.7,,true,3,false

            """.Replace("\r\n", "\n"), File.ReadAllText(PeopleCsv(output)));
    }

    [Fact]
    public void ThePlanKeyTurnsItOnToo()
    {
        dir.Write("people.csv", Csv);
        var output = dir.File("out-key");
        var outcome = CliRunner.Run("run", Plan("pseudonymised", "exports: { people: true }"), "--out", output, "--quiet");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.True(File.Exists(PeopleCsv(output)));
    }

    [Theory]
    [InlineData("real", "")]
    [InlineData("", "")]
    [InlineData("", "exports: { people: true }")]
    public void RefusedForRealPeopleWithoutTheFlagAndNothingIsWritten(string subjects, string extra)
    {
        dir.Write("people.csv", Csv);
        var output = dir.File("out-real");
        string[] args = ["run", Plan(subjects, extra), "--out", output, "--quiet"];
        var outcome = CliRunner.Run(extra.Length > 0 ? args : [.. args, "--people"]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--people-real", outcome.Error);
        Assert.Contains("data.subjects", outcome.Error);
        Assert.False(Directory.Exists(output), "a refused export left a folder");

        var allowed = CliRunner.Run([.. args, "--people", "--people-real"]);
        Assert.True(allowed.ExitCode == 0, allowed.Error);
        Assert.True(File.Exists(PeopleCsv(output)));
    }

    [Fact]
    public void AGeneratedPopulationCannotBeDeclaredReal()
    {
        var plan = dir.Write("population.yaml", """
            name: p
            data: { population: pop.yaml, rows: 10, subjects: real }
            model: { score_column: s, adverse: high }
            policy: { budget: 1 }
            protected_attributes: [sex]
            """);
        var e = Assert.Throws<AuditInputException>(() => Audit.Plan.AuditPlanLoader.Load(plan));
        Assert.Contains("synthetic", e.Message);
    }

    [Fact]
    public void RankingEveryoneAtOnceAgreesWithRankingEachPersonAlone()
    {
        // A linear spec whose scores tie exactly (0.1 × 7 = 0.7 in decimals, not in doubles) and often.
        var model = LinearModelSpec.Parse("""
            name: ties
            kind: linear
            adverse: high
            features:
              - { name: x, type: numeric, weight: 0.1 }
              - { name: y, type: numeric, weight: 0.7 }
            """, "ties.yaml");
        var random = new Random(5);
        var x = new double[300];
        var y = new double[300];
        for (var i = 0; i < x.Length; i++)
        {
            (x[i], y[i]) = random.Next(3) == 0 ? (7, 0) : (random.Next(4), random.Next(2));
        }
        var table = new Table([new NumericColumn("x", x), new NumericColumn("y", y)]);
        var scores = model.Score(table);
        var order = ScoreOrder.Of(model, table, scores);
        var (ranks, tied) = order.RankAll();
        for (var row = 0; row < x.Length; row++)
        {
            Assert.Equal(ScoreOrder.Of(model, table, scores).RankOf(row), ranks[row]);
            // Tied: another row's inputs give the same exact sum 0.1x + 0.7y (the weights are whole tenths).
            var key = (int)x[row] + 7 * (int)y[row];
            var same = Enumerable.Range(0, x.Length).Any(j => j != row && (int)x[j] + 7 * (int)y[j] == key);
            Assert.Equal(same, tied[row]);
        }
        Assert.Equal(Enumerable.Range(1, x.Length).Select(i => (long)i), ranks.Order());
    }
}
