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
        : this(column, null)
    {
    }

    /// <summary>Decisions coded as <paramref name="coding"/> says (an outcome, codes other than 0/1); null: 1 = flagged.</summary>
    public DecisionsInData(string column, OutcomeCoding? coding)
    {
        Column = column;
        Coding = coding;
        // Coded values are read as the data write them (1/2, ">50K"): only a 0/1 column is declared true/false.
        Features = [new FeatureSpec(column, coding is { HasValues: true } ? ColumnType.Categorical : ColumnType.Boolean)];
    }

    /// <summary>How the column codes its outcome; null: 1 = flagged.</summary>
    public OutcomeCoding? Coding { get; }

    /// <summary>True when the column is the observed outcome (the label) taken as the decision: a label-only audit.</summary>
    public bool FromLabel { get; init; }

    public string Column { get; }

    public string Name => FromLabel ? $"observed outcome in column '{Column}'" : $"decisions in column '{Column}'";

    /// <summary><c>decisions-in-data</c>, or <c>observed-outcome</c> for a label-only audit.</summary>
    public string Kind => FromLabel ? ObservedOutcomeKind : "decisions-in-data";

    /// <summary>The kind of a label-only audit's "model": the observed outcome taken as the decision.</summary>
    public const string ObservedOutcomeKind = "observed-outcome";

    public AdverseTail Adverse => AdverseTail.High;

    public IReadOnlyList<FeatureSpec> Features { get; }

    public double[] Score(Table table, Action<long, long>? progress = null)
    {
        var flags = Coding is null
            ? BinaryColumn.Read(table, Column, "decision", "check 'model.decision_column' in the plan")
            : Coding.Read(table, Column, FromLabel ? "label" : "decision", FromLabel ? "check 'roles.label' in the plan" : "check 'model.decision_column' in the plan");
        var scores = new double[flags.Length];
        for (var i = 0; i < flags.Length; i++)
        {
            if (flags[i] == BooleanColumn.Missing)
            {
                throw FromLabel
                    ? new AuditInputException("missing label: a label-only audit takes the observed outcome as the decision", row: i + 1, column: Column,
                        expected: "a known outcome on every row", hint: "leave out rows whose outcome is unknown, or audit a model with the label as 'roles.label'")
                    : new AuditInputException("missing decision", row: i + 1, column: Column, expected: "0 or 1 for every row");
            }
            scores[i] = flags[i];
        }
        progress?.Invoke(scores.Length, scores.Length);
        return scores;
    }
}
