using Audit.Tests.Cli;
using Audit.Data;
using Audit.Models;
using Audit.Plan;
using Audit.Recourse;
using Audit.Reporting;
using Audit.Results;
using Audit.Pipeline;

namespace Audit.Tests.Recourse;

/// <summary>
/// The recourse audit of the reconstructed CAF spec (models/caf-reconstructed.yaml, illustrative weights) over
/// 4,000 synthetic CAF-like households, top 10 % flagged, run through the whole audit from a plan.
/// </summary>
public sealed class CafRecourseAuditTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    private AuditResult RunAudit(int rows = 4000)
    {
        CsvTableWriter.Write(CafLikeHouseholds.Generate(rows, 20261124), folder.File("households.csv"));
        var spec = Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml");
        var jurisdiction = Path.Combine(SharedData.RepositoryRoot, "datasets", "jurisdictions", "fr-caf.yaml");
        var plan = folder.Write("plan.yaml", CafLikeHouseholds.Plan("households.csv", spec, jurisdiction));
        return Auditor.Run(TrustedPlans.Load(plan), "audit run plan.yaml");
    }

    [Fact]
    public void ReportGivesTheShareWithNoRecourseByGroupWithIntervals()
    {
        var result = RunAudit();
        var recourse = result.Recourse!;
        Assert.Equal("exact-additive", recourse.Method);
        Assert.True(recourse.ProvenOptimal);
        Assert.Equal(400, recourse.Flagged);
        Assert.True(recourse.DistinctInputs <= recourse.Flagged);
        var share = recourse.NoRecourse;
        Assert.NotNull(share.Value);
        Assert.True(share.Value > 0 && share.Value < 1, $"share with no recourse {share.Value}");
        Assert.True(share.Ci![0] <= share.Value && share.Value <= share.Ci[1]);
        Assert.True(recourse.CutoffMovesWithCapacity);
        var bySex = recourse.ByGroup.Single(g => g.Attributes.SequenceEqual(["sexe"]));
        Assert.Equal(recourse.Flagged, bySex.Groups.Sum(g => (long)g.Flagged.Value!));
        Assert.All(bySex.Groups, g => Assert.NotNull(g.NoRecourse.Ci));
        // Intersections follow the plan's default (pairs).
        Assert.Contains(recourse.ByGroup, g => g.Attributes.Count == 2);
        // The legal event and the spec's immutable inputs are never levers.
        Assert.DoesNotContain(recourse.Levers, l => l.Feature is "situation_familiale" or "aah" or "parent_isole");
        Assert.Equal("legal_event", recourse.Features.Single(f => f.Name == "situation_familiale").Actionability);
        Assert.Equal("plan", recourse.Features.Single(f => f.Name == "situation_familiale").Origin);
        Assert.Contains(recourse.Levers, l => l.Feature == "revenu" && l.Used > 0);
        // Flagged for who they are: the share of the flagged whose score falls below the cut-off once every input they
        // cannot change takes the population's typical value. Recomputed here with the spec's own scorer.
        var table = CsvTableReader.Read(folder.File("households.csv"));
        var model = LinearModelSpec.Load(Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml"), "caf-reconstructed.yaml");
        var scores = model.Score(table);
        var typical = table;
        foreach (var pair in recourse.TypicalValues.Select(v => v.Split(" = ", 2)))
        {
            Column column = table[pair[0]] switch
            {
                NumericColumn => new NumericColumn(pair[0], Enumerable.Repeat(double.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture), table.RowCount).ToArray()),
                BooleanColumn => new BooleanColumn(pair[0], Enumerable.Repeat((byte)(pair[1] == "true" ? 1 : 0), table.RowCount).ToArray()),
                _ => CategoricalColumn.FromValues(pair[0], Enumerable.Repeat<string?>(pair[1], table.RowCount).ToArray()),
            };
            typical = typical.WithColumn(column);
        }
        var typicalScores = model.Score(typical);
        // The top 10 %, ties at the cut-off broken by row order as the policy does.
        var flagged = Enumerable.Range(0, table.RowCount).OrderByDescending(r => scores[r]).ThenBy(r => r).Take((int)recourse.Flagged).ToArray();
        Assert.All(flagged, r => Assert.True(scores[r] >= recourse.Cutoff!.Value));
        Assert.Equal(flagged.Count(r => typicalScores[r] < recourse.Cutoff!.Value) / (double)flagged.Length, recourse.ForWhoTheyAre!.Value!.Value, 12);
        Assert.Contains("rsa = false", recourse.TypicalValues);
        Assert.All(bySex.Groups, g => Assert.NotNull(g.ForWhoTheyAre.Ci));
        var quality = recourse.Quality!;
        Assert.InRange(quality.Changes.Value!.Value, 1, 4);
        Assert.True(quality.NearestDistance >= 0 && quality.NearestDistanceAsTheyAre >= 0);
        Assert.True(quality.Measured > 0);
        // Data errors: every input counts, the immutable ones too.
        var errors = recourse.DataErrors!;
        Assert.InRange(errors.Share.Value!.Value, 0.01, 0.99);
        Assert.Contains(errors.Inputs, i => i.Feature == "revenu");
        Assert.Contains(errors.Inputs, i => i.Feature is "rsa" or "parent_isole" or "situation_familiale");
        Assert.Empty(recourse.Routes!.MissingRoutes);
        Assert.Contains(recourse.Routes.Routes, r => r.Id == "cra");
        Assert.Contains(recourse.Routes.Routes, r => r.Id == "rsa_rapo");
        Assert.DoesNotContain(recourse.Routes.Routes, r => r.Id == "housing_rapo");
    }

    [Fact]
    public void NoRecourseCountsMatchThePeopleTheEngineSolves()
    {
        // The same population solved person by person with CP-SAT gives the same "no recourse" count and costs.
        var table = CafLikeHouseholds.Generate(1500, 7);
        CsvTableWriter.Write(table, folder.File("households.csv"));
        var spec = Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml");
        var jurisdiction = Path.Combine(SharedData.RepositoryRoot, "datasets", "jurisdictions", "fr-caf.yaml");
        var plan = TrustedPlans.Load(folder.Write("plan.yaml", CafLikeHouseholds.Plan("households.csv", spec, jurisdiction)));
        var model = Audit.Models.LinearModelSpec.Load(spec, "caf-reconstructed.yaml");
        var scores = model.Score(table);
        var outcome = plan.Policy.Decide(scores, model.Adverse);
        var people = new DecidedPopulation { Table = table, Model = model, Scores = scores, Policy = plan.Policy, Outcome = outcome, Attributes = [] };
        var engine = RecourseStep.EngineFor(people, Auditor.ContextOf(plan));
        var run = RecourseAudit.Run(engine, table, scores, outcome.Flags, [], [], 10, 0.95, 1, null);
        var none = 0;
        for (var i = 0; i < table.RowCount; i++)
        {
            if (run.People[i] is not { } dp)
            {
                continue;
            }
            var person = new double[engine.Actions.Codec.Count];
            engine.Actions.Codec.Read(i, person);
            var cp = engine.Solve(person, scores[i], 1, useCpSat: true);
            Assert.Equal(dp.Status, cp.Status);
            if (cp.Status == RecourseStatus.Found)
            {
                Assert.Equal(dp.Cost, cp.Cost, 3);
                Assert.True(engine.Target.IsFavourable(dp.ScoreAfter));
            }
            else
            {
                none++;
            }
        }
        Assert.Equal(none, (int)Math.Round(run.Section.NoRecourse.Value!.Value * run.Section.Flagged));
    }

    [Fact]
    public void ReportJsonAndMarkdownCarryTheRecourseSection()
    {
        var result = RunAudit(1500);
        var json = AuditResultJson.Serialize(result);
        Assert.Contains("\"recourse\"", json);
        Assert.Contains("\"noRecourse\"", json);
        var markdown = MarkdownReport.Render(result);
        Assert.Contains("## Appeal paths", markdown);
        Assert.Contains("Commission de recours amiable", markdown);
        Assert.Contains("R311-3-1-1", markdown);
    }

    [Fact]
    public void TheRecourseSectionIsTheSameOnEveryRun()
    {
        var first = AuditResultJson.Serialize(RunAudit(800));
        var second = AuditResultJson.Serialize(RunAudit(800));
        Assert.Equal(first, second);
    }

    [Fact]
    public void UnknownFeatureInThePlanIsAnErrorWithItsLine()
    {
        CsvTableWriter.Write(CafLikeHouseholds.Generate(200, 1), folder.File("households.csv"));
        var spec = Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml");
        var jurisdiction = Path.Combine(SharedData.RepositoryRoot, "datasets", "jurisdictions", "fr-caf.yaml");
        var text = CafLikeHouseholds.Plan("households.csv", spec, jurisdiction).Replace("quartier_defavorise: {", "quartier_defavorize: {");
        var plan = TrustedPlans.Load(folder.Write("plan.yaml", text));
        var error = Assert.Throws<AuditInputException>(() => Auditor.Run(plan, "audit run"));
        Assert.Contains("did you mean 'quartier_defavorise'", error.Message);
        Assert.NotNull(error.Line);
    }
}
