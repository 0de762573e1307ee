namespace Audit.Results;

/// <summary>
/// One row per person, for <c>tables/people.csv</c> (issue 18, item 10: so that a reviewer can check every person):
/// the id, the score, the grade, the decision, the rank by the exact tie rule (1 = the most adverse) and whether
/// another person has the same score. Written only on request (plan key <c>exports.people</c> or
/// <c>audit run --people</c>), and for real people only with <c>--people-real</c>; never part of report.json.
/// Columns, not a record per row: a national population has millions of rows.
/// </summary>
/// <param name="Ids">The value of the plan's id column, or the 1-based data row when the plan names none.</param>
/// <param name="Scores">The model's score, as audited.</param>
/// <param name="Grades">The grade's name, when the model declares grades; null otherwise.</param>
/// <param name="Flagged">The decision: true when the person is flagged (the adverse outcome).</param>
/// <param name="Ranks">1 + the people before this one in the policies' order (Policy/ScoreOrder.cs).</param>
/// <param name="Tied">True when another person's score equals this one's under the exact tie rule.</param>
/// <param name="Subjects">Who the rows are (<see cref="DataSubjects"/>), written in the table's notes.</param>
public sealed record PeopleExport(string[] Ids, double[] Scores, string?[]? Grades, bool[] Flagged, long[] Ranks, bool[] Tied, string Subjects)
{
    public int Count => Ids.Length;
}
