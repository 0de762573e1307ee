using Audit.Pipeline;
using Audit.Plan;
using Audit.Policy;
using Audit.Results;

namespace Audit;

public static partial class Auditor
{
    /// <summary>
    /// The per-person table of a decided population (<c>tables/people.csv</c>): id, score, grade, decision, rank by
    /// the exact tie rule (<see cref="ScoreOrder.RankAll"/>) and the tie flag.
    /// </summary>
    public static PeopleExport PeopleOf(AuditPlan plan, DecidedPopulation people)
    {
        var table = people.Table;
        var n = table.RowCount;
        var idColumn = plan.Id is { } id ? table[id.Name] : null;
        var ids = new string[n];
        var flagged = new bool[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = idColumn?.FormatValue(i) ?? table.SourceRowOf(i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            flagged[i] = people.Outcome.Flags[i] != 0;
        }
        var grades = people.Grades is { } g && people.Model.Grades is { } scale ? g.Select(b => (string?)scale.Bands[b].Name).ToArray() : null;
        var (ranks, tied) = ScoreOrder.Of(people.Model, table, people.Scores).RankAll();
        return new PeopleExport(ids, people.Scores, grades, flagged, ranks, tied, plan.Data.Subjects);
    }

    /// <summary>
    /// Refuses the per-person table of real people unless the command line allows it (<c>--people-real</c>): a plan
    /// alone may not export identifiable people's scores (docs/audit-plan.md, "Per-person table").
    /// </summary>
    public static void CheckPeopleExport(AuditPlan plan, bool realAllowed)
    {
        if (plan.Data.Counts)
        {
            throw new AuditInputException("the per-person table (tables/people.csv) needs the people's rows, and the plan's data is a counts table", file: plan.PlanDisplay,
                keyPath: "data.counts", expected: "data: { path: FILE } with one row per person", hint: "leave out --people and 'exports.people' for a counts table");
        }
        if (plan.Data.Subjects == DataSubjects.Real && !realAllowed)
        {
            throw new AuditInputException("the per-person table (tables/people.csv) of real people needs --people-real on the command line",
                file: plan.PlanDisplay, keyPath: "data.subjects", expected: "synthetic or pseudonymised subjects, or --people-real", found: DataSubjects.Real,
                hint: "if the rows are made-up or coded people, say so with 'data: { subjects: synthetic }' or 'pseudonymised'; to export real people's scores, add --people-real");
        }
    }
}
