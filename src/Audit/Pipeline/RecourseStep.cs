using Audit.Recourse;
using Audit.Data;
using Audit.Policy;
using Audit.Models;
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

    /// <summary>The engine for the decided population's model, people and the target in force (<see cref="TargetFor"/>).</summary>
    public static RecourseEngine EngineFor(DecidedPopulation people, StageContext context)
    {
        var options = context.Recourse ?? new RecourseOptions();
        var target = TargetFor(people, context);
        var engine = RecourseEngine.Create(people.Model, people.Table, options, target, context.PlanFile);
        if (target.Grade is not null)
        {
            CheckOverrides(people.Model, engine, context);
        }
        return engine;
    }

    /// <summary>
    /// Refuses, before any person is read, a decided population recourse cannot serve (<see cref="TargetFor"/>):
    /// scores or decisions in the data without the model, decisions that no cut-off on the model's scores separates,
    /// flagged grades that are not the worst ones.
    /// </summary>
    public static void CheckPolicy(DecidedPopulation people, StageContext context) => TargetFor(people, context);

    /// <summary>
    /// What a flagged person must reach. A threshold, top-fraction or budget policy: the cut-off in force. A grade
    /// policy: the first grade up that is not flagged (<see cref="DecisionTarget.ForGrade"/>), the flagged grades
    /// being the worst ones. Decisions in the data scored by a model (a population decided in code): the cut-off the
    /// decisions imply, when one exists (<see cref="ImpliedTarget"/>). A bare decision or score column: refused.
    /// </summary>
    internal static DecisionTarget TargetFor(DecidedPopulation people, StageContext context)
    {
        if (people.Model is DecisionsInData decisions)
        {
            throw new AuditInputException($"recourse needs the model that made the decisions: the column '{decisions.Column}' says who was flagged, not what a person could change",
                file: context.PlanFile, keyPath: "recourse",
                hint: "give the model spec or model file with the policy it applies, or, from C#, a decided population whose model scores the people; or remove 'recourse'");
        }
        if (people.Model.Features.Count == 0)
        {
            throw new AuditInputException("recourse needs the model itself: scores in the data say nothing about what a person could change",
                file: context.PlanFile, keyPath: "recourse", hint: "give the model spec or model file, or remove 'recourse'");
        }
        return people.Policy switch
        {
            GradesPolicy grades => GradeTarget(grades, context),
            DecisionsAsGiven => ImpliedTarget(people, context),
            _ => people.Outcome.Cutoff is { } cutoff
                ? new DecisionTarget(cutoff, people.Model.Adverse, people.Policy is RankingPolicy)
                : throw new AuditInputException("nobody is flagged, so there is no cut-off to escape", file: context.PlanFile, keyPath: "recourse"),
        };
    }

    /// <summary>
    /// A grade policy's target: the first grade up that is not flagged, the same for every flagged person because the
    /// flagged grades must be the worst ones (C and D of AAA to D); the score it starts at on the adverse side.
    /// </summary>
    private static DecisionTarget GradeTarget(GradesPolicy policy, StageContext context)
    {
        var scale = policy.Scale ?? throw new InvalidOperationException("The grades policy is not bound to the model's grades.");
        var worstFirst = scale.FavourableToAdverse.Reverse().ToArray();
        var flagged = policy.Flagged.Distinct().Count();
        if (!worstFirst.Take(flagged).All(policy.Flagged.Contains))
        {
            throw new AuditInputException($"recourse for grades needs the flagged grades to be the worst ones, {string.Join(", ", worstFirst.Take(flagged))}: with {string.Join(", ", policy.Flagged)} flagged, a person's way out would depend on their grade",
                file: context.PlanFile, keyPath: "recourse", hint: "flag the worst grades (policy: { grades: [C, D] }), or remove 'recourse'");
        }
        if (flagged >= worstFirst.Length)
        {
            throw new AuditInputException("every grade is flagged: there is no grade to reach", file: context.PlanFile, keyPath: "recourse");
        }
        return DecisionTarget.ForGrade(scale, worstFirst[flagged], policy.Flagged);
    }

    /// <summary>
    /// Decisions in the data, with a model that scores the people: the cut-off they imply is the least adverse score
    /// among the flagged, when every person not flagged scores strictly on the favourable side of it (the decisions
    /// are then a threshold on the model's scores, flagged at the cut-off); otherwise no cut-off separates them, and
    /// recourse is refused rather than aimed at a line the decisions do not follow.
    /// </summary>
    private static DecisionTarget ImpliedTarget(DecidedPopulation people, StageContext context)
    {
        var (scores, flags, high) = (people.Scores, people.Outcome.Flags, people.Model.Adverse == AdverseTail.High);
        double? cutoff = null;
        for (var i = 0; i < scores.Length; i++)
        {
            if (flags[i] == 1 && (cutoff is not { } c || (high ? scores[i] < c : scores[i] > c)))
            {
                cutoff = scores[i];
            }
        }
        if (cutoff is not { } implied)
        {
            throw new AuditInputException("nobody is flagged, so there is no cut-off to escape", file: context.PlanFile, keyPath: "recourse");
        }
        var crossing = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            crossing += flags[i] != 1 && (high ? scores[i] >= implied : scores[i] <= implied) ? 1 : 0;
        }
        if (crossing > 0)
        {
            throw new AuditInputException($"the decisions in the data follow no cut-off on the model's scores: {crossing} people not flagged score at or beyond the least adverse flagged score, {implied.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}, so no score would surely lift a flag",
                file: context.PlanFile, keyPath: "recourse", hint: "audit the model with the policy it applies (threshold, top_fraction, budget, grades), or remove 'recourse'");
        }
        return new DecisionTarget(implied, people.Model.Adverse, false) { Implied = true };
    }

    /// <summary>
    /// The override rules of a grade model must read only what a person cannot change: recourse takes a rule that holds
    /// on a person as fixing their grade (<see cref="RecourseEngine.FixedByOverride"/>), which a lever in its condition would undo.
    /// </summary>
    private static void CheckOverrides(IScoringModel model, RecourseEngine engine, StageContext context)
    {
        if (model is not LinearModel { Overrides: { Count: > 0 } overrides })
        {
            return;
        }
        foreach (var condition in overrides.SelectMany(o => o.When))
        {
            var f = engine.Actions.Codec.InputOf(condition.Feature);
            if (f < 0 || engine.Actions.Rules[f].IsActionable)
            {
                throw new AuditInputException($"an override rule of the grades reads '{condition.Feature}', which recourse {(f < 0 ? "does not see as an input" : "may change")}: recourse over override rules needs their conditions fixed",
                    file: context.PlanFile, keyPath: "recourse.features", hint: $"declare '{condition.Feature}' immutable under recourse.features, or remove 'recourse'");
            }
        }
    }

    /// <summary>
    /// One person's recourse, the row <paramref name="row"/> of the decided population: their flag and score as the
    /// audit decided them and, when flagged, the cheapest change that unflags them.
    /// </summary>
    /// <returns>The report, and the person after the change (one row) when a change was found, for checks against other models.</returns>
    public static (PersonReport Report, Table? Changed) ForPerson(DecidedPopulation people, StageContext context, int row, string id)
    {
        var (model, scores, outcome) = (people.Model, people.Scores, people.Outcome);
        var grade = people.Grades is { } grades && model.Grades is { } scale ? scale.Bands[grades[row]].Name : null;
        if (outcome.Flags[row] != 1)
        {
            return (new PersonReport(id, false, scores[row], outcome.Cutoff, null, context.Routes) { Model = model.Name, Grade = grade, Adverse = AdverseOf(model) }, null);
        }
        var engine = EngineFor(people, context);
        var person = new double[engine.Actions.Codec.Count];
        engine.Actions.Codec.Read(row, person);
        var sensitive = new DataErrorSensitivity(engine.Actions, engine.Score, engine.Target).Run([person])[0];
        var recourse = WithGrade(engine, person, engine.Solve(person, scores[row], context.Seed + row)) with
        {
            SensitiveInputs = [.. sensitive.Select(f => engine.Actions.Codec.Features[f].Name)],
            ForWhoTheyAre = new ImmutableCounterfactual(engine.Actions, engine.Score, engine.Target).Run([person])[0],
        };
        Table? changed = recourse.Status == RecourseStatus.Found ? engine.Actions.Codec.Build([Changed(person, recourse)]) : null;
        var report = new PersonReport(id, true, scores[row], engine.Target.Cutoff, recourse, context.Routes)
        {
            FixedInputs = [.. engine.Actions.Rules.Where(rule => !rule.IsActionable).Select(rule => new FixedInput(rule.Feature, rule.LegalEvent))],
            Ranked = engine.Target.Ranked,
            Model = model.Name,
            Grade = grade,
            Adverse = AdverseOf(model),
            TargetGrade = engine.Target.Grade?.Name,
            NextGrade = grade is null ? null : NextGrade(engine, person, scores[row], people.Grades![row], context.Seed + row),
            ImpliedCutoff = engine.Target.Implied,
        };
        return (report, changed);
    }

    private static string AdverseOf(IScoringModel model) => model.Adverse.ToString().ToLowerInvariant();

    /// <summary>The person's row after a change.</summary>
    private static double[] Changed(double[] person, PersonRecourse recourse)
    {
        var after = (double[])person.Clone();
        foreach (var change in recourse.Changes)
        {
            after[change.Feature] = change.To;
        }
        return after;
    }

    /// <summary>A change with the grade the model assigns the changed row, for a grade target.</summary>
    private static PersonRecourse WithGrade(RecourseEngine engine, double[] person, PersonRecourse recourse) =>
        engine.Target.Grade is { } goal && recourse.Status == RecourseStatus.Found && engine.GradeOf(Changed(person, recourse)) is { } band
            ? recourse with { GradeAfter = goal.Scale.Bands[band].Name }
            : recourse;

    /// <summary>
    /// The cheapest change to the grade one better than the person's, when that grade is still flagged (a D two grades
    /// below the first unflagged one); null when one grade up is already the grade to reach.
    /// </summary>
    private static NextGradeRecourse? NextGrade(RecourseEngine engine, double[] person, double score, int band, long seed)
    {
        if (engine.Target.Grade is not { } goal)
        {
            return null;
        }
        var scale = goal.Scale;
        var rank = scale.AdversityRank(band);
        var next = Enumerable.Range(0, scale.Bands.Count).FirstOrDefault(b => scale.AdversityRank(b) == rank - 1, -1);
        if (next < 0 || scale.Bands[next].Name == goal.Name || goal.Reached[next])
        {
            return null;
        }
        var step = engine.WithTarget(DecisionTarget.ForGrade(scale, scale.Bands[next].Name, []));
        return new NextGradeRecourse(scale.Bands[next].Name, step.Target.Cutoff, WithGrade(step, person, step.Solve(person, score, seed)));
    }
}
