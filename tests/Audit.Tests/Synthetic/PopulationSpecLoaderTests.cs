using Audit.Synthetic;

namespace Audit.Tests.Synthetic;

/// <summary>A population spec is refused, with the variable, the key and the line, when it cannot describe a population.</summary>
public sealed class PopulationSpecLoaderTests
{
    private static AuditInputException Refused(string yaml) =>
        Assert.Throws<AuditInputException>(() => PopulationSpecLoader.Parse(yaml, "spec.yaml"));

    /// <summary>A spec of sexe (line 3) and aah given sexe, whose table rows (from line 8) are given.</summary>
    private static AuditInputException RefusedAahTable(string rows) => Refused(Header + """

          - { name: sexe, type: categorical, levels: [F, M], probabilities: { F: 0.5, M: 0.5 }, source: s }
          - name: aah
            type: boolean
            given: [sexe]
            table:

        """ + rows);

    private const string Header = """
        name: test
        variables:
        """;

    [Fact]
    public void ProbabilitiesThatDoNotAddUpToOneAreRefusedWithTheVariableAndLine()
    {
        var e = Refused(Header + """

              - name: sexe
                type: categorical
                levels: [F, M]
                given: [adulte]
                table:
                  - { when: { adulte: true }, probabilities: { F: 0.5, M: 0.5 }, source: s }
                  - { probabilities: { F: 0.55, M: 0.44 }, source: s }
            """.Replace("- name: sexe", "- { name: adulte, type: boolean, p_true: 0.5, source: s }\n  - name: sexe"));
        Assert.Equal("spec.yaml", e.File);
        Assert.Equal(10, e.Line);
        Assert.Equal("variables[1].table[1].probabilities", e.KeyPath);
        Assert.Contains("the probabilities of 'sexe' add up to 0.99, not 1", e.Message);
        Assert.Contains("allowed rounding: ±0.000001", e.Message);
    }

    [Fact]
    public void ProbabilitiesWithinTheRoundingToleranceAreAccepted()
    {
        var spec = PopulationSpecLoader.Parse(Header + """

              - { name: sexe, type: categorical, levels: [F, M], probabilities: { F: 0.5500004, M: 0.45 }, source: s }
            """, "spec.yaml");
        Assert.Equal(1.0, spec.Variables[0].Rows[0].Cumulative[^1]);
    }

    [Fact]
    public void AConditionOnALaterVariableIsRefusedAndNamedAsLater()
    {
        var e = Refused(Header + """

              - name: sexe
                type: categorical
                levels: [F, M]
                given: [monoparental]
                table:
                  - { probabilities: { F: 0.5, M: 0.5 }, source: s }
              - { name: monoparental, type: boolean, p_true: 0.16, source: s }
            """);
        Assert.Equal(6, e.Line);
        Assert.Contains("variable 'sexe' is conditional on 'monoparental', which is declared after it", e.Message);
        Assert.Contains("move 'monoparental' above 'sexe'", e.Hint);
    }

    [Fact]
    public void AFormulaReadingALaterVariableIsRefusedWithItsLine()
    {
        var e = Refused(Header + """

              - { name: ratio, type: numeric, formula: "loyer / revenu" }
              - { name: loyer, type: numeric, distribution: constant, value: 500, source: s }
              - { name: revenu, type: numeric, distribution: constant, value: 1500, source: s }
            """);
        Assert.Equal(3, e.Line);
        Assert.Equal("variables[0].formula", e.KeyPath);
        Assert.Contains("variable 'ratio', formula: 'loyer' is declared after it", e.Message);
    }

    [Fact]
    public void AnUnknownVariableGetsADidYouMean()
    {
        var e = Refused(Header + """

              - { name: revenu, type: numeric, distribution: constant, value: 1500, source: s }
              - { name: pauvre, type: boolean, formula: "revenus < 1000" }
            """);
        Assert.Contains("unknown variable 'revenus' (did you mean 'revenu'?)", e.Message);
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void AnUnknownKeyGetsADidYouMeanWithItsLine()
    {
        var e = Refused(Header + """

              - name: sexe
                type: categorical
                levels: [F, M]
                probabilites: { F: 0.5, M: 0.5 }
                source: s
            """);
        Assert.Equal(6, e.Line);
        Assert.Equal("variables[0].probabilites", e.KeyPath);
        Assert.Contains("did you mean 'probabilities'?", e.Message);
    }

    [Fact]
    public void AnUnknownLevelInATableGetsADidYouMean()
    {
        var e = RefusedAahTable("""
                  - { when: { sexe: f }, p_true: 0.1, source: s }
                  - { p_true: 0.1, source: s }
            """);
        Assert.Contains("'f' is not a level of 'sexe' (did you mean 'F'?)", e.Message);
        Assert.Equal(8, e.Line);
    }

    [Fact]
    public void ATableThatLeavesACombinationWithoutARowIsRefused()
    {
        var e = RefusedAahTable("""
                  - { when: { sexe: F }, p_true: 0.1, source: s }
            """);
        Assert.Contains("no row of the table applies when sexe = M", e.Message);
    }

    [Fact]
    public void ARowThatNeverAppliesIsRefused()
    {
        var e = RefusedAahTable("""
                  - { p_true: 0.1, source: s }
                  - { when: { sexe: F }, p_true: 0.2, source: s }
            """);
        Assert.Contains("this row never applies", e.Message);
        Assert.Equal(9, e.Line);
    }

    [Fact]
    public void ADistributionWithoutASourceIsRefused()
    {
        var e = Refused(Header + """

              - { name: sexe, type: categorical, levels: [F, M], probabilities: { F: 0.5, M: 0.5 } }
            """);
        Assert.Contains("every distribution needs a 'source'", e.Message);
    }

    [Fact]
    public void AShareToleranceAboveOnePointNeedsAWrittenReason()
    {
        const string variables = """

              - { name: sexe, type: categorical, levels: [F, M], probabilities: { F: 0.5, M: 0.5 }, source: s }
            targets:
              - { share: "sexe == 'F'", value: 0.55, tolerance: 0.02, source: "CNAF 2017" }
            """;
        var e = Refused(Header + variables);
        Assert.Contains("a tolerance above 1 percentage point needs a written reason", e.Message);
        Assert.Equal(5, e.Line);
        var spec = PopulationSpecLoader.Parse(Header + variables.Replace("source: \"CNAF 2017\"", "source: \"CNAF 2017\", tolerance_reason: old figure"), "spec.yaml");
        Assert.Equal(0.02, spec.Targets[0].Tolerance);
    }

    [Theory]
    [InlineData("revenu +", "the formula ends too early")]
    [InlineData("revenu * (2", "expected ')'")]
    [InlineData("sqr(revenu)", "unknown function 'sqr' (did you mean 'sqrt'?)")]
    [InlineData("statut + 1", "'statut' is categorical: compare it with its levels")]
    [InlineData("statut == 'salarie'", "'salarie' is not a level of 'statut' (did you mean 'salarié'?)")]
    [InlineData("System.IO.File.Delete('x')", "unknown variable 'System'")]
    public void FormulasOutsideTheLanguageAreRefused(string formula, string message)
    {
        var e = Refused(Header + $$"""

              - { name: revenu, type: numeric, distribution: constant, value: 1500, source: s }
              - { name: statut, type: categorical, levels: [salarié, autre], probabilities: { salarié: 0.5, autre: 0.5 }, source: s }
              - name: x
                type: numeric
                formula: "{{formula}}"
            """);
        Assert.Contains(message, e.Message);
        Assert.Equal(7, e.Line);
    }

    [Fact]
    public void AHouseholdStructureNamesNumericVariables()
    {
        var e = Refused("""
            name: test
            household: { adults: type_foyer, children: nb_enfants }
            variables:
              - { name: type_foyer, type: categorical, levels: [seul, couple], probabilities: { seul: 0.5, couple: 0.5 }, source: s }
              - { name: nb_enfants, type: numeric, distribution: poisson, mean: 1, source: s }
            """);
        Assert.Contains("'type_foyer' is not numeric", e.Message);
        Assert.Equal("household.adults", e.KeyPath);
        var spec = PopulationSpecLoader.Parse("""
            name: test
            household: { adults: nb_adultes, children: nb_enfants }
            variables:
              - { name: nb_adultes, type: numeric, distribution: discrete, probabilities: { 1: 0.6, 2: 0.4 }, source: s }
              - { name: nb_enfants, type: numeric, distribution: poisson, mean: 1, source: s }
            """, "spec.yaml");
        Assert.Equal(new HouseholdStructure("nb_adultes", "nb_enfants"), spec.Household);
    }

    [Fact]
    public void ASyntheticLabelIsABooleanAndThereIsAtMostOne()
    {
        var e = Refused(Header + """

              - { name: indu, type: numeric, synthetic_label: true, distribution: constant, value: 1, source: illustrative }
            """);
        Assert.Contains("a synthetic label is a boolean variable", e.Message);
        var spec = PopulationSpecLoader.Parse(Header + """

              - { name: indu, type: boolean, synthetic_label: true, log_odds: "-2", source: illustrative }
            """, "spec.yaml");
        Assert.Equal("indu", spec.SyntheticLabel?.Name);
    }
}
