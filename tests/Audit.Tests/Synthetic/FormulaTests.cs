using Audit.Data;
using Audit.Synthetic;

namespace Audit.Tests.Synthetic;

/// <summary>The formula language evaluates as documented in docs/population-spec.md, checked by hand on fixed rows.</summary>
public sealed class FormulaTests
{
    /// <summary>A population of one row (a = 3, b = 4, sexe = F, aah = true) with the formula as a numeric variable.</summary>
    private static double Evaluate(string formula)
    {
        var spec = PopulationSpecLoader.Parse($$"""
            name: formula
            variables:
              - { name: a, type: numeric, distribution: constant, value: 3, source: s }
              - { name: b, type: numeric, distribution: constant, value: 4, source: s }
              - { name: sexe, type: categorical, levels: [F, M, X], probabilities: { F: 1, M: 0, X: 0 }, source: s }
              - { name: aah, type: boolean, p_true: 1, source: s }
              - { name: x, type: numeric, formula: "{{formula}}" }
            """, "formula.yaml");
        return ((NumericColumn)PopulationGenerator.GenerateTable(spec, 1, seed: 1)["x"])[0];
    }

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("a - b - 1", -2)]
    [InlineData("b / a / 2", 4.0 / 3 / 2)]
    [InlineData("-a + 10", 7)]
    [InlineData("2 * -a", -6)]
    [InlineData("1e-3 * 1000", 1)]
    [InlineData("a < b", 1)]
    [InlineData("a >= b", 0)]
    [InlineData("a == 3 and b == 4", 1)]
    [InlineData("a == 3 and not aah", 0)]
    [InlineData("a == 2 or aah", 1)]
    [InlineData("not a == 3", 0)]
    [InlineData("sexe == 'F'", 1)]
    [InlineData("sexe != 'F'", 0)]
    [InlineData("sexe in ['M', 'X']", 0)]
    [InlineData("sexe in ['X', 'F']", 1)]
    [InlineData("10 * (sexe == 'F') + aah", 11)]
    [InlineData("if(aah, a, b)", 3)]
    [InlineData("if(a > b, 1 / 0, 5)", 5)]
    [InlineData("min(a, b, 2)", 2)]
    [InlineData("max(a, b)", 4)]
    [InlineData("clamp(a * 10, 0, 25)", 25)]
    [InlineData("round(b / a, 2)", 1.33)]
    [InlineData("round(2.5)", 3)]
    [InlineData("floor(-0.5)", -1)]
    [InlineData("abs(a - b)", 1)]
    [InlineData("sqrt(b)", 2)]
    [InlineData("log(exp(a))", 3)]
    [InlineData("logistic(0)", 0.5)]
    [InlineData("cut(a, [1, 3, 5])", 2)]
    [InlineData("cut(a, [3.5, 10])", 0)]
    [InlineData("cut(b * 10, [1, 3, 5])", 3)]
    [InlineData("cut(-a, [-5, -1])", 1)]
    public void FormulasEvaluateAsDocumented(string formula, double expected) =>
        Assert.Equal(expected, Evaluate(formula), 12);

    [Fact]
    public void ACategoricalFormulaGivesThePositionOfTheLevel()
    {
        var spec = PopulationSpecLoader.Parse("""
            name: bands
            variables:
              - { name: age, type: numeric, distribution: discrete, probabilities: { 20: 0.25, 30: 0.25, 50: 0.25, 70: 0.25 }, source: s }
              - { name: tranche, type: categorical, levels: [jeune, adulte, senior], formula: "cut(age, [25, 65])" }
            """, "bands.yaml");
        var table = PopulationGenerator.GenerateTable(spec, 2_000, seed: 4);
        var age = (NumericColumn)table["age"];
        var band = (CategoricalColumn)table["tranche"];
        for (var i = 0; i < table.RowCount; i++)
        {
            Assert.Equal(age[i] < 25 ? "jeune" : age[i] < 65 ? "adulte" : "senior", band[i]);
        }
    }

    [Fact]
    public void ACategoricalFormulaOutsideTheLevelsStopsWithTheRow()
    {
        var spec = PopulationSpecLoader.Parse("""
            name: bands
            variables:
              - { name: age, type: numeric, distribution: constant, value: 70, source: s }
              - { name: tranche, type: categorical, levels: [jeune, adulte], formula: "cut(age, [25, 65])" }
            """, "bands.yaml");
        var e = Assert.Throws<AuditInputException>(() => PopulationGenerator.GenerateTable(spec, 3, seed: 4));
        Assert.Contains("variable 'tranche': the formula does not give the position of a level for generated row 1", e.Message);
    }
}
