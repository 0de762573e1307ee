using Audit.Results;
using Audit.Data;
using Audit.Models;
using Audit.Plan;
using Audit.Policy;
using Audit.Pipeline;

namespace Audit;

/// <summary>
/// What opening a plan gives: the model the audit scores, the people with their roles, and, when the spec is only
/// partly published and the plan has the partial-model design, that spec (the model is then its central model).
/// </summary>
/// <param name="PartialSpec">The partially published spec whose central model <paramref name="Model"/> is; null otherwise.</param>
public sealed record OpenedPlan(IScoringModel Model, Table Table, LinearModel? PartialSpec)
{
    /// <summary>What the plan's <c>filter:</c> kept (<see cref="Table"/> holds the kept rows only); null when the plan has no filter.</summary>
    public RowFilterSummary? Filter { get; init; }
}

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
        if (plan.Data.Counts)
        {
            throw new AuditInputException("this needs the people's rows, and the plan's data is a counts table", file: plan.PlanDisplay, keyPath: "data.counts",
                expected: "data: { path: FILE } with one row per person",
                hint: "'audit run' audits a counts table (docs/counts-format.md); explanations, recourse, letters and the per-person table need the rows");
        }
        var model = LoadModel(plan.Model, plan.PlanDisplay);
        progress?.Invoke("read", 0, 1);
        var table = ReadData(plan, model, progress);
        // Derive first, then filter, so that a condition may read a derived column (docs/audit-plan.md, "derive").
        table = Synthetic.DerivedColumns.Add(table, plan.Derive, plan.PlanDisplay, plan.Data.Display);
        (table, var filter) = Filtered(plan, table);
        table = BindRoles(plan, model, table);
        if (plan.Designs is { } designsPlan)
        {
            table = BindDesignRoles(designsPlan, table, plan.PlanDisplay, plan.Data.Display);
            CheckMagnitudes(table, designsPlan.Columns().Select(c => c.Column.Name), plan.Data.Display);
        }
        // A partially published spec cannot score anyone: the audit scores its central model, and the designs sample the rest.
        if (plan.Designs?.PartialModel is { } partialPlan && model is LinearModel { FullyKnown: false } partial)
        {
            return new OpenedPlan(Designs.PartialModelSampler.Central(partial, table, partialPlan), table, partial) { Filter = filter };
        }
        return new OpenedPlan(model, table, null) { Filter = filter };
    }

    /// <summary>
    /// The rows that meet every condition of the plan's <c>filter:</c> (<see cref="RowFilter"/>, the evaluator of
    /// <c>designs.adjusted.rows</c> too), each remembering its row in the file, and the count each condition removed.
    /// </summary>
    private static (Table Table, RowFilterSummary? Filter) Filtered(AuditPlan plan, Table table)
    {
        if (plan.Filter.Count == 0)
        {
            return (table, null);
        }
        foreach (var condition in plan.Filter)
        {
            if (table.Find(condition.Column.Name) is null)
            {
                throw MissingColumn(plan.Data.Display, table, condition.Column.Name, plan.PlanDisplay, condition.Column.Line, condition.Column.KeyPath);
            }
        }
        bool[] keep;
        long[] removed;
        try
        {
            (keep, removed) = RowFilter.Count(table, plan.Filter);
        }
        catch (AuditInputException e)
        {
            throw e.WithFile(plan.PlanDisplay);
        }
        var kept = table.KeepRows(keep);
        if (kept.RowCount == 0)
        {
            throw new AuditInputException($"the filter keeps none of the {table.RowCount:N0} rows", file: plan.PlanDisplay, line: plan.Filter[0].Column.Line, keyPath: "filter",
                expected: "conditions that some rows meet", hint: "check each condition's column and values: a missing value meets no condition");
        }
        var summary = new RowFilterSummary(table.RowCount, kept.RowCount,
            [.. plan.Filter.Select((c, i) => new RowConditionCount(c.Column.Name, c.Min, c.Max, c.In, c.NotIn, removed[i]))]);
        return (kept, summary);
    }

    /// <summary>
    /// The one decided-population step of a plan (issue 17, item 2): <see cref="Open"/> (model, data, roles, the central
    /// model of a partially published spec), <see cref="Decide(AuditPlan, IScoringModel, Table, StageProgress?)"/> (scores, grades, decisions), then the labels, weights,
    /// protected groups and intersections. <c>audit run</c>, <c>explain</c>, <c>recourse</c>, <c>bench</c>, the designs
    /// and the showcase all start here.
    /// </summary>
    public static DecidedPopulation Decided(AuditPlan plan, StageProgress? progress = null)
    {
        var opened = Open(plan, progress);
        var decided = Decide(plan, opened.Model, opened.Table, progress);
        return Grouped(Population(opened, decided), GroupsOf(plan), plan.Limits, plan.Data.Display,
            new GroupSites(plan.PlanDisplay, plan.ProtectedAttributes, plan.IntersectionsLine));
    }

    /// <summary>
    /// The same step for a table and a model built in code (no file): the columns the groups and the model name get
    /// their roles and are checked as a plan's are, then the people are scored, graded, decided by
    /// <paramref name="policy"/> and grouped.
    /// </summary>
    /// <param name="limits">Bounds on groups and crossings; <see cref="InputLimits.Default"/> when null.</param>
    public static DecidedPopulation Decided(Table table, IScoringModel model, DecisionPolicy policy, PopulationGroups groups,
        StageProgress? progress = null, InputLimits? limits = null, string dataName = "the table")
    {
        var bound = BindRoles(table, model, groups, dataName);
        var decided = Decide(model, bound, policy, dataName, "", progress);
        return Grouped(Population(new OpenedPlan(model, bound, null), decided), groups, limits ?? InputLimits.Default, dataName, null);
    }

    private static DecidedPopulation Population(OpenedPlan opened, DecidedPeople decided) => new()
    {
        Table = opened.Table,
        Model = opened.Model,
        Filter = opened.Filter,
        PartialSpec = opened.PartialSpec,
        Scores = decided.Scores,
        Grades = decided.Grades,
        Policy = decided.Policy,
        Outcome = decided.Outcome,
        Attributes = [],
    };

    /// <summary>Scores, grades and decides every row of <paramref name="table"/> by the plan's policy, as <see cref="Decided(AuditPlan, StageProgress?)"/> does.</summary>
    internal static DecidedPeople Decide(AuditPlan plan, IScoringModel model, Table table, StageProgress? progress = null) =>
        Decide(model, table, plan.Policy, plan.Data.Display, plan.PlanDisplay, progress);

    /// <summary>Scores (each score checked finite), grades and decides every row; a grade policy is bound to the model's scale first.</summary>
    private static DecidedPeople Decide(IScoringModel model, Table table, DecisionPolicy planPolicy, string dataName, string planFile, StageProgress? progress)
    {
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
        var policy = planPolicy is GradesPolicy gradesPolicy ? gradesPolicy.Bind(model.Grades, planFile) : planPolicy;
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
        var outcome = policy.Decide(model, table, scores, () => grades);
        return new DecidedPeople(scores, grades, policy, outcome);
    }

    /// <summary>
    /// One person under every model the plan's partial-model design samples (the same draws as <c>audit run</c>: the
    /// plan's seed, the population's spreads), each model's scores decided by <paramref name="policy"/> over
    /// <paramref name="table"/>; null when the plan scores no partially published spec.
    /// </summary>
    /// <param name="table">The people as decided (the population, with a person file's row appended when there is one).</param>
    /// <param name="changed">One row: the person after a change, to check against each sampled model's cut-off; or null.</param>
    internal static PersonUnderSampledModels? UnderSampledModels(AuditPlan plan, OpenedPlan opened, Table table, int row, DecisionPolicy policy, Table? changed = null) =>
        UnderSampledModels(opened.PartialSpec, opened.Table, plan.Designs?.PartialModel, plan.Seed, policy, table, row, changed, plan.Data.Display);

    /// <summary>As above, for the decided population and the stages' context (the same draws as the partial-model design).</summary>
    internal static PersonUnderSampledModels? UnderSampledModels(DecidedPopulation people, StageContext context, Table table, int row, Table? changed = null) =>
        UnderSampledModels(people.PartialSpec, people.Table, context.Designs?.PartialModel, context.Seed, people.Policy, table, row, changed, context.DataName);

    private static PersonUnderSampledModels? UnderSampledModels(LinearModel? spec, Table population, Designs.PartialModelPlan? partialPlan, long seed,
        DecisionPolicy policy, Table table, int row, Table? changed, string dataName)
    {
        if (spec is null || partialPlan is null)
        {
            return null;
        }
        try
        {
            return Designs.PartialModelPersonRanges.Compute(spec, population, partialPlan, seed, table, row,
                (model, scores) => policy.Decide(model, table, scores, () => model.Grade(table, scores)),
                changed, policy is RankingPolicy);
        }
        catch (AuditInputException e)
        {
            throw e.WithFile(dataName);
        }
    }
}
