using Audit.Results;

namespace Audit.Reporting.Tables;

/// <summary>
/// <c>tables/people.csv</c>: one row per person, in data order: id, score, grade (empty without grades), flagged
/// (the decision), rank (1 = the most adverse, by the exact tie rule) and tied (another person has the same score).
/// Written only when asked for (docs/audit-plan.md, "Per-person table").
/// </summary>
public static class PeopleTable
{
    public const string Name = "people";

    public static ReportTable Of(PeopleExport people)
    {
        var table = new ReportTable(Name, "id", "score", "grade", "flagged", "rank", "tied");
        for (var i = 0; i < people.Count; i++)
        {
            table.Add(people.Ids[i], people.Scores[i], people.Grades?[i], people.Flagged[i], people.Ranks[i], people.Tied[i]);
        }
        return table;
    }
}
