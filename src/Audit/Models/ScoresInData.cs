using Audit.Data;

namespace Audit.Models;

/// <summary>
/// The audited system's scores are already in the data (ProPublica's COMPAS audit had only the scores):
/// the "model" reads one numeric column.
/// </summary>
public sealed class ScoresInData : IScoringModel
{
    public ScoresInData(string column, AdverseTail adverse)
    {
        Column = column;
        Adverse = adverse;
        Features = [new FeatureSpec(column, ColumnType.Numeric)];
    }

    public string Column { get; }

    public string Name => $"scores in column '{Column}'";

    public string Kind => "scores-in-data";

    public AdverseTail Adverse { get; }

    public IReadOnlyList<FeatureSpec> Features { get; }

    public double[] Score(Table table, Action<long, long>? progress = null)
    {
        if (table.Find(Column) is not NumericColumn scores)
        {
            throw new AuditInputException(table.Find(Column) is null ? "the score column is not in the data" : "the score column is not numeric",
                column: Column, expected: "a numeric column of scores", hint: "check 'model.score_column' in the plan");
        }
        var values = scores.Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                throw new AuditInputException("missing score", row: i + 1, column: Column, expected: "a score for every row",
                    hint: "remove rows without a score before the audit, or say in the audit why they are missing");
            }
        }
        progress?.Invoke(values.Length, values.Length);
        return values.ToArray();
    }
}
