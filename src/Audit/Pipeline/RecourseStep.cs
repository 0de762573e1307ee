using Audit.Recourse;
using Audit.Data;
using Audit.Policy;
using Audit.Results;

namespace Audit.Pipeline;

/// <summary>
/// The appeal-paths stage of an audit: builds the recourse engine for the decided population, solves every flagged
/// person, and lists the jurisdiction's routes to contest; and one person's recourse (<c>audit recourse PLAN --person
/// ID</c>) from the same decided population.
/// </summary>
public static class RecourseStep
{
    /// <summary>The recourse section of the decided population.</summary>
    public static RecourseSection Run(DecidedPopulation people, StageContext context)
    {
        // Reported before the engine is built: its setup (percentiles of every input over the population) is part of the stage.
        context.Progress?.Invoke("recourse", 0, people.Outcome.Flagged);
        if (context.Recourse?.RatingWindow is { } window)
        {
            // Part F: past ratings cannot change; the way back is future ratings (RatingDilutionAudit), for any policy.
            return RatingDilutionAudit.Run(people.Table, people.Outcome.Flags, people.Groups, window, context.Fairness.MinCellSize, context.Fairness.Confidence, context.PlanFile) with { Routes = context.Routes };
        }
        var engine = EngineFor(people, context);
        var run = RecourseAudit.Run(engine, people.Table, people.Scores, people.Outcome.Flags, people.Groups, people.Intersections,
            context.Fairness.MinCellSize, context.Fairness.Confidence, context.Seed, context.Routes, context.ProgressOf("recourse"), context.Disclosure);
        return run.Section;
    }

    /// <summary>The engine for the decided population's model, people and the cut-off in force.</summary>
    public static RecourseEngine EngineFor(DecidedPopulation people, StageContext context)
    {
        var options = context.Recourse ?? new RecourseOptions();
        CheckPolicy(people.Policy, context);
        if (people.Outcome.Cutoff is not { } cutoff)
        {
            throw new AuditInputException("nobody is flagged, so there is no cut-off to escape", file: context.PlanFile, keyPath: "recourse");
        }
        if (people.Model.Features.Count == 0)
        {
            throw new AuditInputException("recourse needs the model itself: scores in the data say nothing about what a person could change",
                file: context.PlanFile, keyPath: "recourse", hint: "give the model spec or model file, or remove 'recourse'");
        }
        var target = new DecisionTarget(cutoff, people.Model.Adverse, people.Policy is RankingPolicy);
        return RecourseEngine.Create(people.Model, people.Table, options, target, context.PlanFile);
    }

    /// <summary>Recourse escapes a cut-off score: grade policies and decisions in the data have none.</summary>
    public static void CheckPolicy(DecisionPolicy policy, StageContext context)
    {
        if (policy is GradesPolicy or DecisionsAsGiven)
        {
            throw new AuditInputException("recourse needs a cut-off score to escape: a threshold, top_fraction or budget policy",
                file: context.PlanFile, keyPath: "recourse", hint: "grade policies (with override rules) and decisions in the data are not supported by recourse yet");
        }
    }

    /// <summary>
    /// One person's recourse, the row <paramref name="row"/> of the decided population: their flag and score as the
    /// audit decided them and, when flagged, the cheapest change that unflags them.
    /// </summary>
    /// <returns>The report, and the person after the change (one row) when a change was found, for checks against other models.</returns>
    public static (PersonReport Report, Table? Changed) ForPerson(DecidedPopulation people, StageContext context, int row, string id)
    {
        var (model, table, scores, outcome) = (people.Model, people.Table, people.Scores, people.Outcome);
        if (outcome.Flags[row] != 1)
        {
            return (new PersonReport(id, false, scores[row], outcome.Cutoff, null, context.Routes) { Model = model.Name }, null);
        }
        var engine = EngineFor(people, context);
        var person = new double[engine.Actions.Codec.Count];
        engine.Actions.Codec.Read(row, person);
        var sensitive = new DataErrorSensitivity(engine.Actions, engine.Score, engine.Target).Run([person])[0];
        var recourse = engine.Solve(person, scores[row], context.Seed + row) with
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
        var report = new PersonReport(id, true, scores[row], outcome.Cutoff, recourse, context.Routes)
        {
            FixedInputs = [.. engine.Actions.Rules.Where(rule => !rule.IsActionable).Select(rule => new FixedInput(rule.Feature, rule.LegalEvent))],
            Ranked = engine.Target.Ranked,
            Model = model.Name,
        };
        return (report, changed);
    }
}
