using Audit.Models;
using Audit.Policy;

namespace Audit.Tests.Models;

public sealed class GradeScaleTests
{
    /// <summary>A points scale in the style of Rongcheng's (adverse low: D is worst). Illustrative thresholds.</summary>
    /// <summary>Also the model of the end-to-end grades audit (GradesAuditTests).</summary>
    internal const string Spec = """
        name: points
        kind: linear
        adverse: low
        intercept: 1000
        features:
          - name: deductions
            type: numeric
            weight: -1
        grades:
          - name: D
          - name: C
            from: 600
          - name: B
            from: 850
          - name: A
            from: 960
        """;

    [Fact]
    public void ScoresFallInTheBandWithTheHighestFromAtOrBelowThem()
    {
        var scale = LinearModelSpec.Parse(Spec, "m.yaml").Grades!;
        Assert.Equal(["A", "B", "C", "D"], scale.FavourableToAdverse);
        Assert.Equal("D", scale.Worst);
        Assert.Equal("D", scale.Bands[scale.BandOf(599.99)].Name);
        Assert.Equal("C", scale.Bands[scale.BandOf(600)].Name);
        Assert.Equal("B", scale.Bands[scale.BandOf(959)].Name);
        Assert.Equal("A", scale.Bands[scale.BandOf(1000)].Name);
        Assert.Equal("D: below 600; C: 600 to below 850; B: 850 to below 960; A: 960 or more", scale.Describe());
    }

    [Fact]
    public void GradesPolicyFlagsTheNamedGrades()
    {
        var scale = LinearModelSpec.Parse(Spec, "m.yaml").Grades!;
        var policy = new GradesPolicy(["C", "D"], 1, "policy.grades").Bind(scale, "plan.yaml");
        var outcome = policy.Decide([1000, 900, 700, 500, 600], AdverseTail.Low);
        Assert.Equal([0, 0, 1, 1, 1], outcome.Flags);
        Assert.Equal(3, outcome.Flagged);
    }

    [Fact]
    public void UnknownGradeOrAModelWithoutGradesIsAPlanError()
    {
        var scale = LinearModelSpec.Parse(Spec, "m.yaml").Grades!;
        var unknown = Assert.Throws<AuditInputException>(() => new GradesPolicy(["E"], 12, "policy.grades").Bind(scale, "plan.yaml"));
        Assert.Equal(12, unknown.Line);
        Assert.Contains("A, B, C, D", unknown.Expected);
        Assert.Throws<AuditInputException>(() => new GradesPolicy(["C"], 12, "policy.grades").Bind(null, "plan.yaml"));
    }

    [Theory]
    [InlineData("  - name: D\n", "  - name: D\n    from: 100\n", "no 'from'")]
    [InlineData("    from: 850\n", "    from: 500\n", "increasing")]
    public void BadGradeBandsAreSpecErrors(string from, string to, string message)
    {
        var error = Assert.Throws<AuditInputException>(() => LinearModelSpec.Parse(Spec.Replace(from, to), "m.yaml"));
        Assert.Contains(message, error.Message);
    }
}
