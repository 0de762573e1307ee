using Audit.Models;
using Audit.Results;

namespace Audit.Tests.Models;

/// <summary>
/// A model spec's <c>calibrated:</c> note on a value (issue 18, item 5; docs/model-spec.md, "Coefficients"): read on a
/// feature's weight, a level, a bin, an interaction and the intercept, listed once per term in the spec's order; refused
/// beside a sign or an interval (only a value is fitted); the spec's status is kept.
/// </summary>
public sealed class CalibratedSpecTests
{
    private const string Spec = """
        name: calibrated
        kind: logistic
        adverse: high
        status: illustrative
        intercept: { value: -2, calibrated: "overall rate 5 %" }
        features:
          - { name: a, type: boolean, weight: { value: 0.7, calibrated: "figure A" } }
          - { name: b, type: numeric, weight: 0.1 }
          - name: c
            type: categorical
            weights:
              x: 0
              y: { value: 0.3, calibrated: "figure C" }
              z: { value: 0.4, calibrated: "figure C" }
          - name: d
            type: numeric
            bins:
              - { max: 1, points: 0 }
              - { min: 1, points: { value: 0.2, calibrated: "figure D" } }
        interactions:
          - { name: a_and_d, when: { a: true, c: y }, weight: { value: 0.5, calibrated: "figure AD" } }
        """;

    [Fact]
    public void EveryCalibratedValueIsListedOncePerTermInTheSpecsOrder()
    {
        var model = LinearModelSpec.Parse(Spec, "calibrated.yaml");
        Assert.Equal("illustrative", model.Status);
        Assert.Equal(
            [new CalibratedTerm("(intercept)", "overall rate 5 %"), new("a", "figure A"), new("c", "figure C"), new("d", "figure D"), new("a_and_d", "figure AD")],
            model.CalibratedTerms);
    }

    [Fact]
    public void AModelWithoutTheKeyHasNoCalibratedTerm()
    {
        var model = LinearModelSpec.Parse(Spec.Replace("calibrated:", "source:"), "plain.yaml");
        Assert.Empty(model.CalibratedTerms);
    }

    [Fact]
    public void OnlyAValueCanBeCalibrated()
    {
        var e = Assert.Throws<AuditInputException>(() => LinearModelSpec.Parse(
            Spec.Replace("weight: 0.1", "weight: { sign: \"+\", calibrated: \"x\" }"), "bad.yaml"));
        Assert.Contains("only a value can be calibrated", e.Message);
    }

    [Fact]
    public void TheShippedCafSpecMarksItsTwoFittedWeights()
    {
        var model = LinearModelSpec.Load(Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml"), "caf-reconstructed.yaml");
        Assert.Equal(["parent_isole", "taux_effort_logement"], model.CalibratedTerms.Select(t => t.Term));
        Assert.Equal("reconstructed", model.Status);
    }
}
