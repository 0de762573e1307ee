using Audit.Data;
using Audit.Models;
using Audit.Plan;
using Audit.Policy;

namespace Audit.Tests.Policy;

/// <summary>
/// A grade band includes its lower bound, and a score exactly at the bound in exact arithmetic is in the band above it
/// whatever its double: the threshold rule (issue 15, defect 2) applied to grade bands. Found by issue 19's platform
/// audit: drivers whose average is exactly 4.6 stars were graded "deactivation risk" when the double sum came out as
/// 4.599999999999999. The oracle is the decimal text arithmetic of <see cref="ExactScoreOracle"/>, not the model.
/// </summary>
public sealed class GradeBoundExactTests
{
    private const string Spec = """
        name: bound
        kind: linear
        adverse: low
        status: illustrative
        intercept: 0
        features:
          - { name: a, type: numeric, weight: 1, actionability: free, source: "test" }
          - { name: b, type: numeric, weight: 1, actionability: free, source: "test" }
        grades:
          - { name: low, consequence: "flagged", source: "test" }
          - { name: high, from: 0.8, consequence: "kept", source: "test" }
        """;

    [Fact]
    public void AScoreExactlyAtABandsLowerBoundIsInThatBandWhateverItsDouble()
    {
        var model = LinearModelSpec.Parse(Spec, "bound.yaml");
        // 0.1 + 0.7 is 0.8 exactly, but its double is 0.7999999999999999 (below the double 0.8); 0.1 + 0.69 is below.
        double[] a = [0.1, 0.1, 0.4, 0.3];
        double[] b = [0.7, 0.69, 0.4, 0.6];
        var table = new Table([new NumericColumn("a", a), new NumericColumn("b", b)]);
        var scores = model.Score(table);
        Assert.True(scores[0] < 0.8, "the case must put the double below the bound, or it tests nothing");

        var expected = new int[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            var sum = DecimalText.Of(a[i]) + DecimalText.Of(b[i]);
            expected[i] = sum.CompareTo(DecimalText.Parse("0.8")) >= 0 ? 1 : 0;
        }
        Assert.Equal([1, 0, 1, 1], expected);
        Assert.Equal(expected, model.Grade(table, scores));

        // The grades policy from scores alone follows the same rule.
        var policy = new GradesPolicy(["low"], 1, "policy.grades") { Scale = model.Grades };
        var outcome = policy.Decide(ScoreOrder.Of(model, table, scores));
        Assert.Equal(expected.Select(g => g == 0 ? (byte)1 : (byte)0), outcome.Flags);
    }
}
