using Audit.Data;
using Audit.Models;
using Audit.Plan;
using Audit.Policy;

namespace Audit;

/// <summary>
/// What opening a plan gives: the model the audit scores, the people with their roles, and, when the spec is only
/// partly published and the plan has the partial-model design, that spec (the model is then its central model).
/// </summary>
/// <param name="PartialSpec">The partially published spec whose central model <paramref name="Model"/> is; null otherwise.</param>
public sealed record OpenedPlan(IScoringModel Model, Table Table, LinearModel? PartialSpec);

/// <summary>The people scored, graded and decided by the plan's policy (the grade policy bound to the model's scale).</summary>
public sealed record DecidedPeople(double[] Scores, int[]? Grades, DecisionPolicy Policy, PolicyOutcome Outcome);

public static partial class Auditor
{
    /// <summary>
    /// The opening steps of every verb that audits a plan (<c>audit run</c>, <c>explain</c>, <c>recourse</c>): load the
    /// model, read the data, give the columns their roles (the designs' too), and put the central model in place of a
    /// partially published spec when the plan samples it (<see cref="Designs.PartialModelSampler.Central"/>).
    /// </summary>
    internal static OpenedPlan Open(AuditPlan plan, StageProgress? progress = null)
    {
        var model = LoadModel(plan.Model, plan.PlanDisplay);
        progress?.Invoke("read", 0, 1);
        var table = ReadData(plan, model, progress);
        table = BindRoles(plan, model, table);
        if (plan.Designs is { } designsPlan)
        {
            table = Designs.DesignsStage.BindRoles(designsPlan, table, plan.PlanDisplay, plan.Data.Display);
            CheckMagnitudes(table, designsPlan.Columns().Select(c => c.Column.Name), plan.Data.Display);
        }
        // A partially published spec cannot score anyone: the audit scores its central model, and the designs sample the rest.
        if (plan.Designs?.PartialModel is { } partialPlan && model is LinearModel { FullyKnown: false } partial)
        {
            return new OpenedPlan(Designs.PartialModelSampler.Central(partial, table, partialPlan), table, partial);
        }
        return new OpenedPlan(model, table, null);
    }

    /// <summary>Scores, grades and decides every row of <paramref name="table"/> as <see cref="Run"/> does.</summary>
    internal static DecidedPeople Decide(AuditPlan plan, IScoringModel model, Table table, StageProgress? progress = null)
    {
        var dataName = plan.Data.Display;
        double[] scores;
        progress?.Invoke("score", 0, table.RowCount);
        try
        {
            scores = model.Score(table, progress is null ? null : (done, total) => progress("score", done, total));
            CheckScores(model, scores);
        }
        catch (AuditInputException e)
        {
            throw table.Locate(e, dataName);
        }
        var policy = plan.Policy is GradesPolicy gradesPolicy ? gradesPolicy.Bind(model.Grades, plan.PlanDisplay) : plan.Policy;
        int[]? grades;
        try
        {
            grades = model.Grade(table, scores);
        }
        catch (AuditInputException e)
        {
            throw table.Locate(e, dataName);
        }
        progress?.Invoke("decide", 0, 1);
        var outcome = policy is GradesPolicy bound && grades is not null ? bound.DecideGrades(grades) : policy.Decide(model, table, scores);
        return new DecidedPeople(scores, grades, policy, outcome);
    }

    /// <summary>
    /// One person under every model the plan's partial-model design samples (the same draws as <c>audit run</c>: the
    /// plan's seed, the population's spreads), each model's scores decided by <paramref name="policy"/> over
    /// <paramref name="table"/>; null when the plan scores no partially published spec.
    /// </summary>
    /// <param name="table">The people as decided (the population, with a person file's row appended when there is one).</param>
    /// <param name="changed">One row: the person after a change, to check against each sampled model's cut-off; or null.</param>
    internal static Designs.PersonUnderSampledModels? UnderSampledModels(AuditPlan plan, OpenedPlan opened, Table table, int row, DecisionPolicy policy, Table? changed = null)
    {
        if (opened.PartialSpec is not { } spec || plan.Designs?.PartialModel is not { } partialPlan)
        {
            return null;
        }
        try
        {
            return Designs.PersonUnderSampledModels.Compute(spec, opened.Table, partialPlan, plan.Seed, table, row,
                (model, scores) => policy is GradesPolicy bound && model.Grade(table, scores) is { } grades ? bound.DecideGrades(grades) : policy.Decide(model, table, scores),
                changed, policy is RankingPolicy);
        }
        catch (AuditInputException e)
        {
            throw e.WithFile(plan.Data.Display);
        }
    }
}
