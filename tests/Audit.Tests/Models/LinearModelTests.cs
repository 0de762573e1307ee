using Audit.Data;
using Audit.Models;

namespace Audit.Tests.Models;

public sealed class LinearModelTests
{
    private const string Spec = """
        name: test
        kind: logistic
        adverse: high
        intercept: -1
        features:
          - name: revenu
            type: numeric
            weight: -0.001
          - name: situation
            type: categorical
            weights: { couple: 0, seul: 0.5 }
          - name: aah
            type: boolean
            weight: 0.7
        """;

    [Fact]
    public void ScoresAreTheLogisticOfTheLinearPredictor()
    {
        var model = LinearModelSpec.Parse(Spec, "m.yaml");
        var table = new Table([
            new NumericColumn("revenu", [1000, 500]),
            CategoricalColumn.FromValues("situation", ["seul", "couple"]),
            new BooleanColumn("aah", [1, 0]),
        ]);
        var scores = model.Score(table);
        Assert.Equal(1 / (1 + Math.Exp(-(-1 - 1 + 0.5 + 0.7))), scores[0], 15);
        Assert.Equal(1 / (1 + Math.Exp(-(-1 - 0.5))), scores[1], 15);
        Assert.Equal("log-odds", model.ExplanationSpace);
        Assert.Equal(AdverseTail.High, model.Adverse);
    }

    [Fact]
    public void UnknownLevelIsAnErrorNamingRowAndColumn()
    {
        var model = LinearModelSpec.Parse(Spec, "m.yaml");
        var table = new Table([
            new NumericColumn("revenu", [1000, 500]),
            CategoricalColumn.FromValues("situation", ["seul", "veuf"]),
            new BooleanColumn("aah", [1, 0]),
        ]);
        var error = Assert.Throws<AuditInputException>(() => model.Score(table));
        Assert.Equal(2, error.Row);
        Assert.Equal("situation", error.Column);
        Assert.Equal("veuf", error.Found);
    }

    [Fact]
    public void MissingInputIsAnErrorUnlessTheSpecGivesAWeight()
    {
        var model = LinearModelSpec.Parse(Spec, "m.yaml");
        var table = new Table([
            new NumericColumn("revenu", [double.NaN]),
            CategoricalColumn.FromValues("situation", ["seul"]),
            new BooleanColumn("aah", [0]),
        ]);
        Assert.Equal("revenu", Assert.Throws<AuditInputException>(() => model.Score(table)).Column);

        var lenient = LinearModelSpec.Parse(Spec.Replace("weight: -0.001", "weight: -0.001\n    missing: 0.25"), "m.yaml");
        Assert.Equal(1 / (1 + Math.Exp(-(-1 + 0.25 + 0.5))), lenient.Score(table)[0], 15);
    }

    [Fact]
    public void SpecErrorsNameTheKeyAndLine()
    {
        var error = Assert.Throws<AuditInputException>(() => LinearModelSpec.Parse(Spec.Replace("weight: 0.7", "weigth: 0.7"), "m.yaml"));
        Assert.Contains("weigth", error.Message);
        Assert.Contains("did you mean 'weight'", error.Message);
        Assert.Equal(14, error.Line);
    }

    [Fact]
    public void CategoricalFeatureOnANumericColumnIsAnErrorNotAZero()
    {
        var model = LinearModelSpec.Parse(Spec, "m.yaml");
        var table = new Table([
            new NumericColumn("revenu", [1000]),
            new NumericColumn("situation", [1]),
            new BooleanColumn("aah", [1]),
        ]);
        var error = Assert.Throws<AuditInputException>(() => model.Score(table));
        Assert.Equal("situation", error.Column);
        Assert.Contains("categorical", error.Message);
    }

    [Fact]
    public void BooleanFeatureStoredAsNumbersMustBeZeroOrOne()
    {
        var model = LinearModelSpec.Parse(Spec, "m.yaml");
        Table With(params double[] aah) => new([
            new NumericColumn("revenu", aah.Select(_ => 1000.0).ToArray()),
            CategoricalColumn.FromValues("situation", aah.Select(_ => (string?)"couple").ToArray()),
            new NumericColumn("aah", aah),
        ]);
        var scores = model.Score(With(0, 1));
        Assert.Equal(1 / (1 + Math.Exp(-(-1 - 1 + 0.7))), scores[1], 15);
        var error = Assert.Throws<AuditInputException>(() => model.Score(With(0, 1, 2)));
        Assert.Equal(3, error.Row);
        Assert.Equal("aah", error.Column);
        Assert.Equal("2", error.Found);
    }

    [Fact]
    public void ContributionsAddUpToTheLinearPredictor()
    {
        var model = LinearModelSpec.Parse(Spec, "m.yaml");
        var table = new Table([
            new NumericColumn("revenu", [1000, 500]),
            CategoricalColumn.FromValues("situation", ["seul", "couple"]),
            new BooleanColumn("aah", [1, 0]),
        ]);
        var contributions = new double[3];
        model.Contributions(table, 0, contributions);
        Assert.Equal([-1.0, 0.5, 0.7], contributions);
        var eta = Math.Log(model.Score(table)[0] / (1 - model.Score(table)[0]));
        Assert.Equal(eta, model.Intercept + contributions.Sum(), 12);
    }
}
