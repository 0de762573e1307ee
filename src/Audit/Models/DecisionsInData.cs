using Audit.Data;

namespace Audit.Models;

/// <summary>
/// Only the decisions are known: a 0/1 (or true/false) column where 1 means flagged. The "score" is the
/// decision itself, adverse high; the plan names no policy and the decisions are used as given
/// (<see cref="Policy.DecisionsAsGiven"/>).
/// </summary>
public sealed class DecisionsInData : IScoringModel
{
    public DecisionsInData(string column)
    {
        Column = column;
        Features = [new FeatureSpec(column, ColumnType.Boolean)];
    }

    public string Column { get; }

    public string Name => $"decisions in column '{Column}'";

    public string Kind => "decisions-in-data";

    public AdverseTail Adverse => AdverseTail.High;

    public IReadOnlyList<FeatureSpec> Features { get; }

    public double[] Score(Table table, Action<long, long>? progress = null)
    {
        var flags = BinaryColumn.Read(table, Column, "decision", "check 'model.decision_column' in the plan");
        var scores = new double[flags.Length];
        for (var i = 0; i < flags.Length; i++)
        {
            if (flags[i] == BooleanColumn.Missing)
            {
                throw new AuditInputException("missing decision", row: i + 1, column: Column, expected: "0 or 1 for every row");
            }
            scores[i] = flags[i];
        }
        progress?.Invoke(scores.Length, scores.Length);
        return scores;
    }
}
