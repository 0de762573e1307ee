using Audit.Tests.Cli;
using Audit.Data;
using Audit.Designs;
using Audit.Models;
using Audit.Plan;
using Audit.Synthetic;
using Audit.Tests.Models;

namespace Audit.Tests.Designs;

/// <summary>
/// Issue 15, defect 10: <c>audit explain</c> and <c>audit recourse</c> on a partially published spec give one person's
/// ranges over the partial-model design's sampled models. Oracle: the sampled models' coefficients read by hand (a bin's
/// points, a level's weight, weight × value, an interaction that holds) and summed into each person's score, the top
/// 10 % taken by sorting (score, then row order), for 120 random people (2,400 person-model pairs) and random changes; and the design's
/// own ratios in <c>audit run</c> recomputed from the same models, so that explain, recourse and run read one set of models.
/// </summary>
public sealed class Issue15Defect10PersonRangesTests : IDisposable
{
    private const int Samples = 20;
    private const int People = 120;
    private const double Fraction = 0.1;
    private readonly TempDirectory folder = new();
    private readonly AuditPlan plan;

    public Issue15Defect10PersonRangesTests()
    {
        CsvTableWriter.Write(CafLikeHouseholds.Generate(500, seed: 1510), folder.File("households.csv"));
        plan = TrustedPlans.Load(folder.Write("plan.yaml", $"""
            name: caf-signs-only
            root: /
            data: {"{"} path: households.csv {"}"}
            roles: {"{"} id: household_id {"}"}
            model: {"{"} spec: "{NamedPeople.Spec("caf-signs-only.yaml").Replace('\\', '/')}" {"}"}
            policy: {"{"} top_fraction: {Fraction} {"}"}
            protected_attributes:
              - column: parent_isole
            inference: {"{"} bootstrap: 0 {"}"}
            explanations: {"{"} enabled: false, background_rows: 50 {"}"}
            seed: 15
            designs:
              partial_model: {"{"} samples: {Samples} {"}"}
            """), null);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void APersonsRangesAreThoseOfTheDesignsSampledModels()
    {
        var opened = Auditor.Open(plan);
        var table = opened.Table;
        var spec = Assert.IsType<LinearModel>(opened.PartialSpec);
        var models = PartialModelSampler.Sampled(spec, table, plan.Designs!.PartialModel!, plan.Seed).ToArray();
        Assert.Equal(Samples, models.Length);
        var n = table.RowCount;
        var k = (int)Math.Floor(Fraction * n);

        // Brute force: every model's terms by hand, scores, and the top k by (score descending, row).
        var terms = models.Select(m => HandTerms(m, table)).ToArray();
        var scores = terms.Select((t, s) => Enumerable.Range(0, n).Select(i => 1 / (1 + Math.Exp(-(models[s].Intercept + Enumerable.Range(0, t.Length).Sum(j => t[j][i]))))).ToArray()).ToArray();
        var flags = scores.Select(sc => Enumerable.Range(0, n).OrderByDescending(i => sc[i]).ThenBy(i => i).Take(k).ToHashSet()).ToArray();
        var cutoffs = scores.Select((sc, s) => flags[s].Min(i => sc[i])).ToArray();

        // The design's ratios in the audit itself come from the same models.
        var single = BinaryColumn.Read(table, "parent_isole", "", "");
        var ratios = flags.Select(f => Rate(f, single, 1) / Rate(f, single, 0)).ToArray();
        var finding = Auditor.Run(plan, "test").Designs!.PartialModel!.Findings.Single(f => f.Attribute == "parent_isole" && f.Group == "true");
        Assert.Equal(ratios.Min(), finding.RatioMin, 1e-12);
        Assert.Equal(ratios.Max(), finding.RatioMax, 1e-12);

        var random = new Random(1015);
        var policy = plan.Policy;
        var changedChecks = 0;
        for (var c = 0; c < People; c++)
        {
            var row = random.Next(n);
            // Half the cases: a random change of the person's revenu and rent share, checked against every model's cut-off.
            var change = c % 2 == 0 ? Change(table, row, random) : null;
            var got = Auditor.UnderSampledModels(plan, opened, table, row, policy, change?.Table)!;
            var mine = Enumerable.Range(0, Samples).Select(s => scores[s][row]).ToArray();
            Assert.Equal(mine.Min(), got.ScoreMin, 1e-12);
            Assert.Equal(mine.Max(), got.ScoreMax, 1e-12);
            var ranks = Enumerable.Range(0, Samples).Select(s => 1L + scores[s].Count(x => x > scores[s][row])).ToArray();
            Assert.Equal(ranks.Min(), got.RankMin);
            Assert.Equal(ranks.Max(), got.RankMax);
            var percentiles = Enumerable.Range(0, Samples).Select(s => 100.0 * scores[s].Count(x => x < scores[s][row]) / n).ToArray();
            Assert.Equal(percentiles.Min(), got.PercentileMin, 1e-9);
            Assert.Equal(percentiles.Max(), got.PercentileMax, 1e-9);
            var flaggedBy = Enumerable.Range(0, Samples).Where(s => flags[s].Contains(row)).ToArray();
            Assert.Equal(flaggedBy.Length, got.FlaggedIn);
            for (var t = 0; t < got.Terms.Count; t++)
            {
                Assert.Equal(Enumerable.Range(0, Samples).Min(s => terms[s][t][row]), got.Terms[t].Min, 1e-12);
                Assert.Equal(Enumerable.Range(0, Samples).Max(s => terms[s][t][row]), got.Terms[t].Max, 1e-12);
            }
            if (change is { } changed)
            {
                var lifts = flaggedBy.Count(s => HandScore(models[s], changed.Table, 0) < cutoffs[s]);
                Assert.Equal(lifts, got.ChangeLiftsIn);
                changedChecks += flaggedBy.Length;
            }
            else
            {
                Assert.Null(got.ChangeLiftsIn);
            }
        }
        Assert.True(changedChecks > 40, $"only {changedChecks} (person, model) pairs checked a change");

        // audit explain gives the same ranges for a person found by id.
        var someone = random.Next(n);
        var id = table["household_id"].FormatValue(someone)!;
        var explained = Auditor.ExplainPerson(plan, id, null).PartialModel!;
        var expected = Auditor.UnderSampledModels(plan, opened, table, someone, policy)!;
        Assert.Equal((expected.ScoreMin, expected.ScoreMax, expected.RankMin, expected.RankMax, expected.FlaggedIn), (explained.ScoreMin, explained.ScoreMax, explained.RankMin, explained.RankMax, explained.FlaggedIn));
        Assert.Contains("central model", Auditor.ExplainPerson(plan, id, null).Model);
    }

    private static double Rate(HashSet<int> flagged, byte[] group, byte value)
    {
        var inGroup = Enumerable.Range(0, group.Length).Where(i => group[i] == value).ToArray();
        return (double)inGroup.Count(flagged.Contains) / inGroup.Length;
    }

    /// <summary>One row, the person with a random income and rent share (what a change of those two inputs gives).</summary>
    private static (Table Table, int Row)? Change(Table table, int row, Random random) =>
        (new Table(table.Columns.Select(column => (Column)(column switch
        {
            NumericColumn x when x.Name == "revenu" => new NumericColumn(x.Name, [Math.Round(300 + random.NextDouble() * 2500)]),
            NumericColumn x when x.Name == "taux_effort_logement" => new NumericColumn(x.Name, [Math.Round(random.NextDouble() * 60, 1)]),
            NumericColumn x => new NumericColumn(x.Name, [x[row]]),
            BooleanColumn b => new BooleanColumn(b.Name, [b.Values[row]]),
            CategoricalColumn g => new CategoricalColumn(g.Name, [g.Code(row)], [.. g.Levels]),
            _ => throw new InvalidOperationException(),
        }))), 0);

    private static double HandScore(LinearModel model, Table table, int row)
    {
        var terms = HandTerms(model, table);
        return 1 / (1 + Math.Exp(-(model.Intercept + terms.Sum(t => t[row]))));
    }

    /// <summary>Each term's contribution for every row, read off the model's coefficients: the spec has no missing values or unlisted levels to cover.</summary>
    private static double[][] HandTerms(LinearModel model, Table table)
    {
        var n = table.RowCount;
        var result = new List<double[]>();
        foreach (var term in model.Terms)
        {
            var column = table[term.Feature];
            result.Add(Enumerable.Range(0, n).Select(i => column switch
            {
                NumericColumn x when term.Bins is { } bins => bins.Single(b => (b.Min is null || x[i] >= b.Min) && (b.Max is null || x[i] < b.Max)).Points.Value!.Value,
                NumericColumn x => term.Weight.Value!.Value * x[i],
                BooleanColumn b => b.Values[i] == 1 ? term.Weight.Value!.Value : 0,
                CategoricalColumn g => term.LevelWeights[g.Levels[g.Code(i)]].Value!.Value,
                _ => throw new InvalidOperationException(),
            }).ToArray());
        }
        foreach (var interaction in model.Interactions)
        {
            result.Add(Enumerable.Range(0, n).Select(i => interaction.When.All(c => table[c.Feature] switch
            {
                BooleanColumn b => b.Values[i] == (c.Value == "true" ? 1 : 0),
                CategoricalColumn g => g.Levels[g.Code(i)] == c.Value,
                _ => throw new InvalidOperationException(),
            }) ? interaction.Weight.Value!.Value : 0).ToArray());
        }
        return [.. result];
    }
}
