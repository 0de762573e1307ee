using Audit.Data;
using Audit.Designs;
using Audit.Fairness;
using Audit.Models;
using Audit.Policy;

namespace Audit.Tests.Designs;

/// <summary>Builds a <see cref="DesignInput"/> for tests: a model, a policy and protected attributes over a table.</summary>
internal static class DesignInputs
{
    public static DesignInput For(Table table, IScoringModel model, DecisionPolicy policy, params (string Column, IReadOnlyList<double>? Bands, string? Reference)[] attributes)
    {
        var scores = model.Score(table);
        var outcome = policy.Decide(scores, model.Adverse);
        var inputs = attributes.Select(a => new AttributeInput(GroupAssignment.FromColumn(table[a.Column], a.Bands), a.Bands, a.Reference)).ToArray();
        return new DesignInput(table, model, policy, scores, outcome, [], [], inputs, new FairnessOptions { MinCellSize = 1, BootstrapReplicates = 0 }, "plan.yaml");
    }

    /// <summary>No model: a constant score and nobody flagged (for designs that read only the data, such as composition).</summary>
    public static DesignInput DataOnly(Table table, params (string Column, IReadOnlyList<double>? Bands, string? Reference)[] attributes)
    {
        var constant = new NumericColumn("__score", new double[table.RowCount]);
        return For(table.WithColumn(constant), new ScoresInData("__score", AdverseTail.High), new ThresholdPolicy(1), attributes);
    }
}
