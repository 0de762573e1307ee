using Audit.Data;
using Audit.Models;

namespace Audit.Tests.Models;

/// <summary>The declarative spec's v1 features, each on a small hand-checked case.</summary>
public sealed class ModelSpecV1Tests
{
    private const string Binned = """
        name: binned
        kind: linear
        adverse: high
        intercept: 10
        features:
          - name: age
            type: numeric
            bins:
              - { max: 25, points: 30 }
              - { min: 25, max: 50, points: 10 }
              - { min: 50, points: 0 }
            label: { fr: Âge, en: Age }
            unit: years
            actionability: increase_only
            source: "illustrative"
          - name: aah
            type: boolean
            weight: 20
            actionability: immutable
          - name: en_emploi
            type: boolean
            weight: -5
        interactions:
          - name: aah_and_working
            when: { aah: true, en_emploi: true }
            weight: 7
        """;

    private static Table People(double[] age, byte[] aah, byte[] working) => new([
        new NumericColumn("age", age), new BooleanColumn("aah", aah), new BooleanColumn("en_emploi", working)]);

    [Fact]
    public void BinsAndInteractionsScoreAsWrittenOut()
    {
        var model = LinearModelSpec.Parse(Binned, "m.yaml");
        var scores = model.Score(People([24.9, 25, 60], [1, 1, 0], [1, 0, 1]));
        Assert.Equal(10 + 30 + 20 - 5 + 7, scores[0]); // under 25, AAH, working, and the interaction
        Assert.Equal(10 + 10 + 20, scores[1]);         // 25 opens the second bin
        Assert.Equal(10 + 0 - 5, scores[2]);
        Assert.Equal(["age", "aah", "en_emploi", "aah_and_working"], model.TermNames);
        var contributions = new double[4];
        model.Contributions(People([24.9], [1], [1]), 0, contributions);
        Assert.Equal([30.0, 20, -5, 7], contributions);
    }

    [Fact]
    public void VariableMetadataIsKept()
    {
        var age = LinearModelSpec.Parse(Binned, "m.yaml").Terms[0];
        Assert.Equal("Âge", age.Info!.LabelFr);
        Assert.Equal("years", age.Info.Unit);
        Assert.Equal(Actionability.IncreaseOnly, age.Info.Actionability);
    }

    [Theory]
    [InlineData("{ min: 25, max: 50, points: 10 }", "{ min: 20, max: 50, points: 10 }", "overlap")]
    [InlineData("{ min: 25, max: 50, points: 10 }", "{ min: 30, max: 50, points: 10 }", "gap")]
    public void OverlappingOrGappedBinsNameTheVariableAndLine(string from, string to, string problem)
    {
        var error = Assert.Throws<AuditInputException>(() => LinearModelSpec.Parse(Binned.Replace(from, to), "m.yaml"));
        Assert.Contains("'age'", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Equal(10, error.Line);
    }

    [Fact]
    public void AnInteractionOnAnUndeclaredVariableIsAnError()
    {
        var error = Assert.Throws<AuditInputException>(() => LinearModelSpec.Parse(Binned.Replace("when: { aah: true, en_emploi: true }", "when: { aah: true, en_emplois: true }"), "m.yaml"));
        Assert.Contains("unknown variable 'en_emplois'", error.Message);
        Assert.Contains("did you mean 'en_emploi'", error.Message);
    }

    private const string Partial = """
        name: partial
        kind: logistic
        adverse: high
        intercept: { value: -1.5, source: "published" }
        features:
          - name: revenu
            type: numeric
            weight: { sign: "-", source: "direction reported, weight not published" }
          - name: seul
            type: boolean
            weight: { interval: [0.2, 0.6] }
          - name: aah
            type: boolean
            weight: unknown
        """;

    [Fact]
    public void CoefficientsCanBeKnownBySignIntervalOrNotAtAll()
    {
        var model = LinearModelSpec.Parse(Partial, "m.yaml");
        Assert.False(model.FullyKnown);
        Assert.Equal(-1, model.Terms[0].Weight.Direction);
        Assert.Equal("[0.2, 0.6]", model.Terms[1].Weight.ToString());
        Assert.Equal(1, model.Terms[1].Weight.Direction);
        Assert.Null(model.Terms[2].Weight.Direction);
        Assert.Equal("published", model.InterceptCoefficient.Source);
    }

    [Fact]
    public void AnUnknownCoefficientFailsOnlyWhereItApplies()
    {
        var model = LinearModelSpec.Parse(Partial, "m.yaml");
        // Nobody has income, is single or receives AAH: every unknown term is 0 × weight, so the score is known.
        var zero = new Table([new NumericColumn("revenu", [0]), new BooleanColumn("seul", [0]), new BooleanColumn("aah", [0])]);
        Assert.Equal(1 / (1 + Math.Exp(1.5)), model.Score(zero)[0], 15);
        var applies = new Table([new NumericColumn("revenu", [0, 0]), new BooleanColumn("seul", [0, 0]), new BooleanColumn("aah", [0, 1])]);
        var error = Assert.Throws<AuditInputException>(() => model.Score(applies));
        Assert.Equal(2, error.Row);
        Assert.Equal("aah", error.Column);
        Assert.Contains("not known", error.Message);
    }

    private const string Points = """
        name: points
        kind: linear
        adverse: low
        intercept: 1000
        features:
          - name: deductions
            type: numeric
            weight: -1
          - name: court_blacklist
            type: boolean
            weight: 0
          - name: late_tax
            type: boolean
            weight: 0
        grades:
          - { name: D }
          - { name: C, from: 600, consequence: "closer supervision" }
          - { name: B, from: 850 }
          - { name: A, from: 960 }
        overrides:
          - { when: { court_blacklist: true }, grade: D, source: "illustrative" }
          - { when: { late_tax: true }, cap: B }
        """;

    [Fact]
    public void OverridesSetOrCapTheGradeWhateverThePoints()
    {
        var model = LinearModelSpec.Parse(Points, "m.yaml");
        var table = new Table([
            new NumericColumn("deductions", [0, 0, 0, 500]),
            new BooleanColumn("court_blacklist", [0, 1, 0, 0]),
            new BooleanColumn("late_tax", [0, 0, 1, 1]),
        ]);
        var scores = model.Score(table);
        var grades = model.Grade(table, scores)!.Select(b => model.Grades!.Bands[b].Name);
        // 1000 points is A; the blacklist sets D; late tax caps at B (A becomes B, D stays D).
        Assert.Equal(["A", "D", "B", "D"], grades);
        Assert.Equal("closer supervision", model.Grades!.Bands[1].Consequence);
    }

    /// <summary>600 points at odds 50:1, 20 points to double the odds: η = −ln 50 scores 600, η = −ln 100 scores 620.</summary>
    [Fact]
    public void ScalingMapsLogOddsToThePublishedScale()
    {
        const string scaled = """
            name: scaled
            kind: logistic
            adverse: low
            intercept: 0
            features:
              - name: eta
                type: numeric
                weight: 1
            scaling: { base_score: 600, base_odds: 50, points_to_double_odds: 20, min: 350, max: 950 }
            """;
        var model = LinearModelSpec.Parse(scaled, "m.yaml");
        var scores = model.Score(new Table([new NumericColumn("eta", [-Math.Log(50), -Math.Log(100), 100, -100])]));
        Assert.Equal(600, scores[0], 9);
        Assert.Equal(620, scores[1], 9);
        Assert.Equal(350, scores[2]);
        Assert.Equal(950, scores[3]);
        Assert.Equal("logistic-scaled", model.Kind);
        var wrongTail = Assert.Throws<AuditInputException>(() => LinearModelSpec.Parse(scaled.Replace("adverse: low", "adverse: high"), "m.yaml"));
        Assert.Contains("adverse", wrongTail.Message);
    }

    [Fact]
    public void AnOverrideNeedsGradesAndAKnownGrade()
    {
        var error = Assert.Throws<AuditInputException>(() => LinearModelSpec.Parse(Points.Replace("grade: D, source", "grade: E, source"), "m.yaml"));
        Assert.Contains("no grade 'E'", error.Message);
    }
}
