using Audit.Data;
using Audit.Models;
using Audit.Plan;
using Audit.Policy;
using Audit.Results;
using Audit.Tests.Cli;
using Audit.Tests.Models;
using Audit.Tests.Recourse;
using Audit.Pipeline;

namespace Audit.Tests;

/// <summary>
/// Issue 17, item 2: <c>audit run</c>, <c>audit explain</c> and <c>audit recourse</c> start from one decided-population
/// step, so a person's flag, score and cut-off in <c>explain</c> and <c>recourse</c> are those <c>run</c> decided. Oracle:
/// the top 10 % taken by hand (the spec's scores sorted by score, then row; floor(0.1 × n) people, docs/audit-plan.md)
/// for the published spec; for a partially published spec, the run's own flags, since the central model is the design's.
/// </summary>
public sealed class DecidedPopulationTests : IDisposable
{
    private const double Fraction = 0.1;
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ExplainAndRecourseSeeTheFlagScoreAndCutOffTheRunDecided()
    {
        var table = CafLikeHouseholds.Generate(400, 1717);
        CsvTableWriter.Write(table, folder.File("households.csv"));
        var spec = Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml");
        var jurisdiction = Path.Combine(SharedData.RepositoryRoot, "datasets", "jurisdictions", "fr-caf.yaml");
        var plan = TrustedPlans.Load(folder.Write("plan.yaml", CafLikeHouseholds.Plan("households.csv", spec, jurisdiction)));

        // The oracle: the spec's scores, the top floor(0.1 × n) by (score descending, row), the cut-off the lowest flagged score.
        var scores = LinearModelSpec.Load(spec, "caf-reconstructed.yaml").Score(table);
        var n = scores.Length;
        var flagged = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ThenBy(i => i).Take((int)Math.Floor(Fraction * n)).ToHashSet();
        var cutoff = flagged.Min(i => scores[i]);

        byte[] runFlags = [];
        var result = Auditor.Run(plan, "test", decided: (_, _, _, outcome) => runFlags = outcome.Flags);
        Assert.Equal(Enumerable.Range(0, n).Select(i => flagged.Contains(i) ? (byte)1 : (byte)0), runFlags);
        Assert.Equal(cutoff, result.Policy.Cutoff);

        var ids = table["id"];
        // Five flagged people and five not flagged, so both answers are checked.
        foreach (var row in flagged.Order().Take(5).Concat(Enumerable.Range(0, n).Where(i => !flagged.Contains(i)).Take(5)))
        {
            var id = ids.FormatValue(row)!;
            var explained = Auditor.ExplainPerson(plan, id, null).Contribution;
            Assert.Equal((flagged.Contains(row), scores[row], cutoff), (explained.Flagged, explained.Score, explained.Cutoff));
            var recourse = Auditor.RecourseForPerson(plan, id)!;
            Assert.Equal((flagged.Contains(row), scores[row], cutoff), (recourse.Flagged, recourse.Score, recourse.Cutoff));
        }
    }

    [Fact]
    public void APartiallyPublishedSpecIsExplainedWithTheCentralModelsFlagsOfTheRun()
    {
        CsvTableWriter.Write(Audit.Synthetic.CafLikeHouseholds.Generate(300, seed: 1718), folder.File("households.csv"));
        var plan = TrustedPlans.Load(folder.Write("plan.yaml", $"""
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
            seed: 17
            designs:
              partial_model: {"{"} samples: 8 {"}"}
            """));
        byte[] runFlags = [];
        double[] runScores = [];
        Table? runTable = null;
        var result = Auditor.Run(plan, "test", decided: (_, table, scores, outcome) => (runTable, runScores, runFlags) = (table, scores, outcome.Flags));
        Assert.Equal((long)Math.Floor(Fraction * runFlags.Length), runFlags.Count(f => f == 1));

        var ids = runTable!["household_id"];
        var firstFlagged = Array.IndexOf(runFlags, (byte)1);
        foreach (var row in new[] { firstFlagged, Array.IndexOf(runFlags, (byte)0), Array.LastIndexOf(runFlags, (byte)1) })
        {
            var id = ids.FormatValue(row)!;
            var explanation = Auditor.ExplainPerson(plan, id, null);
            Assert.Contains("central model", explanation.Model);
            Assert.Equal((runFlags[row] == 1, runScores[row], result.Policy.Cutoff),
                (explanation.Contribution.Flagged, explanation.Contribution.Score, explanation.Contribution.Cutoff));
            var recourse = Auditor.RecourseForPerson(plan, id)!;
            Assert.Equal((runFlags[row] == 1, runScores[row], result.Policy.Cutoff), (recourse.Flagged, recourse.Score, recourse.Cutoff));
            Assert.NotNull(recourse.PartialModel);
        }
    }

    [Fact]
    public void APopulationBuiltInCodeGivesThePlansSections()
    {
        var table = CafLikeHouseholds.Generate(400, 1719);
        CsvTableWriter.Write(table, folder.File("households.csv"));
        var spec = Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml");
        var plan = TrustedPlans.Load(folder.Write("plan.yaml", $"""
            name: in-code
            root: /
            data: {"{"} path: households.csv {"}"}
            model: {"{"} spec: "{spec.Replace('\\', '/')}" {"}"}
            policy: {"{"} top_fraction: {Fraction} {"}"}
            protected_attributes:
              - column: sexe
              - column: nationalite
                reference: francaise
            intersections: none
            inference: {"{"} bootstrap: 50 {"}"}
            seed: 5
            """));
        var fromPlan = Auditor.Run(plan, "test");

        // The same audit with no plan: the table in memory, the model object, the policy and the groups in code.
        var model = LinearModelSpec.Load(spec, "caf-reconstructed.yaml");
        var people = Auditor.Decided(table, model, new TopFractionPolicy(Fraction),
            new PopulationGroups([new ProtectedColumn("sexe"), new ProtectedColumn("nationalite", Reference: "francaise")]) { Intersections = [] });
        var context = new StageContext
        {
            Seed = 5,
            Fairness = new Audit.Fairness.FairnessOptions { BootstrapReplicates = 50, Seed = 5 },
            Explanations = new Audit.Explain.ExplanationOptions { BootstrapReplicates = 50, Seed = 5 },
        };
        var inCode = Auditor.Run(people, context, new AuditSubject(fromPlan.Provenance, fromPlan.Data));

        Assert.Equal(AuditResultJson.Serialize(fromPlan), AuditResultJson.Serialize(inCode));
    }
}
