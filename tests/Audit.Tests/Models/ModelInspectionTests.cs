using Audit.Models;

namespace Audit.Tests.Models;

/// <summary>What <c>audit model inspect</c> says about a spec's variables.</summary>
public sealed class ModelInspectionTests
{
    /// <summary>
    /// A scaled score is offset − factor × η (η: log-odds of the adverse outcome), so a negative weight on η raises
    /// the score people see and, with a low adverse tail, is favourable.
    /// </summary>
    [Fact]
    public void AScaledScoreReportsDirectionsOnTheScoreNotOnTheLogOdds()
    {
        const string yaml = """
            name: scaled
            kind: logistic
            adverse: low
            intercept: 0
            features:
              - name: repaid_on_time
                type: numeric
                weight: -0.5
              - name: missed_payments
                type: numeric
                weight: 0.8
            scaling: { base_score: 600, base_odds: 20, points_to_double_odds: 40 }
            """;
        var rows = ModelInspection.Inspect(LinearModelSpec.Parse(yaml, "m.yaml")).Variables;
        Assert.Equal("raises the score (favourable)", rows[0].Direction);
        Assert.Equal("lowers the score (adverse)", rows[1].Direction);
    }

    [Fact]
    public void AnUnscaledLogisticScoreReportsTheSignOfItsWeights()
    {
        const string yaml = """
            name: plain
            kind: logistic
            adverse: high
            features:
              - name: missed_payments
                type: numeric
                weight: 0.8
            """;
        Assert.Equal("raises the score (adverse)", ModelInspection.Inspect(LinearModelSpec.Parse(yaml, "m.yaml")).Variables[0].Direction);
    }
}
