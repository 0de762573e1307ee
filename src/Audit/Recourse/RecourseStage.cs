using Audit.Data;
using Audit.Fairness;
using Audit.Models;
using Audit.Plan;
using Audit.Policy;
using Audit.Results;

namespace Audit.Recourse;

/// <summary>
/// The appeal-paths stage of an audit: builds the recourse engine from the plan, solves every flagged person, and
/// reads the jurisdiction's routes to contest. Also opens one plan for a single person's recourse (<c>audit recourse
/// PLAN --person ID</c>).
/// </summary>
public static class RecourseStage
{
    /// <summary>The recourse section of an audit whose model, scores and decisions are known.</summary>
    public static RecourseSection Run(AuditPlan plan, IScoringModel model, Table table, double[] scores, PolicyOutcome outcome,
        IReadOnlyList<GroupAssignment> groups, IReadOnlyList<IReadOnlyList<int>> intersections, StageProgress? progress = null, DisclosurePolicy? hiding = null)
    {
        // Reported before the engine is built: its setup (percentiles of every input over the population) is part of the stage.
        progress?.Invoke("recourse", 0, outcome.Flagged);
        var engine = EngineFor(plan, model, table, outcome);
        var routes = RoutesOf(plan);
        var run = RecourseAudit.Run(engine, table, scores, outcome.Flags, groups, intersections, plan.MinCellSize, plan.Confidence, plan.Seed, routes,
            progress is null ? null : (done, total) => progress("recourse", done, total), hiding);
        return run.Section;
    }

    /// <summary>The engine for a plan's model, population and the cut-off in force.</summary>
    public static RecourseEngine EngineFor(AuditPlan plan, IScoringModel model, Table table, PolicyOutcome outcome)
    {
        var options = plan.Recourse ?? new RecourseOptions();
        CheckPolicy(plan);
        if (outcome.Cutoff is not { } cutoff)
        {
            throw new AuditInputException("nobody is flagged, so there is no cut-off to escape", file: plan.PlanDisplay, line: options.Line, keyPath: "recourse");
        }
        if (model.Features.Count == 0)
        {
            throw new AuditInputException("recourse needs the model itself: scores in the data say nothing about what a person could change",
                file: plan.PlanDisplay, line: options.Line, keyPath: "recourse", hint: "give the model spec or model file, or remove 'recourse'");
        }
        var target = new DecisionTarget(cutoff, model.Adverse, plan.Policy is RankingPolicy);
        return RecourseEngine.Create(model, table, options, target, plan.PlanDisplay);
    }

    private static void CheckPolicy(AuditPlan plan)
    {
        if (plan.Policy is GradesPolicy or DecisionsAsGiven)
        {
            throw new AuditInputException("recourse needs a cut-off score to escape: a threshold, top_fraction or budget policy",
                file: plan.PlanDisplay, line: plan.Recourse?.Line, keyPath: "recourse", hint: "grade policies (with override rules) and decisions in the data are not supported by recourse yet");
        }
    }

    /// <summary>The plan's jurisdiction's routes, or null when the plan names none.</summary>
    public static LegalRoutes? RoutesOf(AuditPlan plan) =>
        plan.Recourse is { Jurisdiction: { } path } options
            ? JurisdictionFile.Load(path, options.JurisdictionDisplay!, options.DecisionTypes, plan.PlanDisplay, options.Line)
            : null;

    /// <summary>
    /// One person's recourse: the plan opened, scored and decided as in <see cref="Auditor.Run"/>, the row whose id is
    /// <paramref name="id"/>. For a partially published spec under the partial-model design, the central model's
    /// recourse, with the person's ranges over the sampled models.
    /// </summary>
    /// <returns>Null when no row has that id.</returns>
    public static PersonReport? ForPerson(AuditPlan plan, string id)
    {
        CheckPolicy(plan);
        var opened = Auditor.Open(plan);
        var (model, table, _) = opened;
        var idColumn = plan.Id ?? throw new AuditInputException("the plan names no id column, so a person cannot be found by id",
            file: plan.PlanDisplay, keyPath: "roles.id", hint: "add 'roles: { id: column }' to the plan");
        var ids = table[idColumn.Name];
        var row = Enumerable.Range(0, table.RowCount).FirstOrDefault(i => ids.FormatValue(i) == id, -1);
        if (row < 0)
        {
            return null;
        }
        var (scores, _, policy, outcome) = Auditor.Decide(plan, model, table);
        var routes = RoutesOf(plan);
        if (outcome.Flags[row] != 1)
        {
            return new PersonReport(id, false, scores[row], outcome.Cutoff, null, routes)
            {
                Model = model.Name,
                PartialModel = Auditor.UnderSampledModels(plan, opened, table, row, policy),
            };
        }
        var engine = EngineFor(plan, model, table, outcome);
        var person = new double[engine.Actions.Codec.Count];
        engine.Actions.Codec.Read(row, person);
        var sensitive = new DataErrorSensitivity(engine.Actions, engine.Score, engine.Target).Run([person])[0];
        var recourse = engine.Solve(person, scores[row], plan.Seed + row) with
        {
            SensitiveInputs = [.. sensitive.Select(f => engine.Actions.Codec.Features[f].Name)],
            ForWhoTheyAre = new ImmutableCounterfactual(engine.Actions, engine.Score, engine.Target).Run([person])[0],
        };
        Table? changed = null;
        if (recourse.Status == RecourseStatus.Found)
        {
            var after = (double[])person.Clone();
            foreach (var change in recourse.Changes)
            {
                after[change.Feature] = change.To;
            }
            changed = engine.Actions.Codec.Build([after]);
        }
        return new PersonReport(id, true, scores[row], outcome.Cutoff, recourse, routes)
        {
            Rules = engine.Actions.Rules,
            Ranked = engine.Target.Ranked,
            Model = model.Name,
            PartialModel = Auditor.UnderSampledModels(plan, opened, table, row, policy, changed),
        };
    }
}

/// <summary>One person's flag, cheapest change and routes to contest.</summary>
public sealed record PersonReport(string Id, bool Flagged, double Score, double? Cutoff, PersonRecourse? Recourse, LegalRoutes? Routes)
{
    public IReadOnlyList<FeatureRule> Rules { get; init; } = [];

    public bool Ranked { get; init; }

    /// <summary>The model scored (for a partially published spec, its central model, named as such).</summary>
    public string? Model { get; init; }

    /// <summary>For a partially published spec: the person's ranges over the partial-model design's sampled models.</summary>
    public Designs.PersonUnderSampledModels? PartialModel { get; init; }
}
