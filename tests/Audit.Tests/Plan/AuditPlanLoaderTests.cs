using Audit.Plan;
using Audit.Policy;

namespace Audit.Tests.Plan;

public sealed class AuditPlanLoaderTests : IDisposable
{
    private const string Valid = """
        name: test
        data:
          path: people.csv
          delimiter: ";"
          decimal_comma: true
        columns:
          code_postal: categorical
        roles:
          id: id
          label: indu
          weight: poids
        weights: frequency
        model:
          spec: model.yaml
        policy:
          budget: 250
        protected_attributes:
          - column: sexe
            reference: F
          - column: age
            bands: [25, 35, 50]
          - nationalite
        min_cell_size: 20
        seed: 7
        output: out/here
        """;

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private AuditPlan Load(string text) => AuditPlanLoader.Load(dir.Write("plan.yaml", text));

    private AuditInputException Fails(string text) => Assert.Throws<AuditInputException>(() => Load(text));

    [Fact]
    public void ReadsEveryKey()
    {
        var plan = Load(Valid);
        Assert.Equal("test", plan.Name);
        Assert.Equal(Path.Combine(dir.Path, "people.csv"), plan.Data.Path);
        Assert.Equal(';', plan.Data.Delimiter);
        Assert.True(plan.Data.DecimalComma);
        Assert.Equal(Audit.Data.ColumnType.Categorical, plan.ColumnTypes["code_postal"]);
        Assert.Equal("indu", plan.Label!.Name);
        Assert.Equal(WeightKind.Frequency, plan.Weights);
        Assert.Equal(Path.Combine(dir.Path, "model.yaml"), Assert.IsType<ModelSpecFile>(plan.Model).Path);
        Assert.Equal(250, Assert.IsType<BudgetPolicy>(plan.Policy).Count);
        Assert.Equal(["sexe", "age", "nationalite"], plan.ProtectedAttributes.Select(a => a.Column.Name));
        Assert.Equal("F", plan.ProtectedAttributes[0].Reference);
        Assert.Equal([25.0, 35, 50], plan.ProtectedAttributes[1].Bands!);
        Assert.Null(plan.ProtectedAttributes[2].Reference);
        Assert.Equal(20, plan.MinCellSize);
        Assert.Equal(7, plan.Seed);
        Assert.Equal(Path.Combine(dir.Path, "out", "here"), plan.Output);
    }

    [Fact]
    public void DefaultsAreDocumentedValues()
    {
        var plan = Load("""
            data: { path: d.csv }
            model: { score_column: s, adverse: low }
            policy: { threshold: 400 }
            protected_attributes: [sexe]
            """);
        Assert.Equal("plan", plan.Name);
        Assert.Equal(AuditPlan.DefaultMinCellSize, plan.MinCellSize);
        Assert.Equal(10, AuditPlan.DefaultMinCellSize);
        Assert.Null(plan.Output);
        Assert.Equal(Audit.Models.AdverseTail.Low, Assert.IsType<ScoreColumnSource>(plan.Model).Adverse);
    }

    [Fact]
    public void DataOverrideReplacesThePlansPath()
    {
        var other = dir.File("other.parquet");
        var plan = AuditPlanLoader.Load(dir.Write("plan.yaml", Valid), other);
        Assert.Equal(other, plan.Data.Path);
        Assert.Equal(DataFormat.Parquet, plan.Data.Format);
    }

    [Fact]
    public void UnknownNestedKeyNamesThePathLineAndSuggestion()
    {
        var error = Fails(Valid.Replace("  decimal_comma: true", "  decimal_coma: true"));
        Assert.Equal("data.decimal_coma", error.KeyPath);
        Assert.Equal(5, error.Line);
        Assert.Contains("did you mean 'decimal_comma'", error.Message);
    }

    [Fact]
    public void WrongTypeNamesTheKeyAndWhatWasFound()
    {
        var error = Fails(Valid.Replace("min_cell_size: 20", "min_cell_size: ten"));
        Assert.Equal("min_cell_size", error.KeyPath);
        Assert.Equal("ten", error.Found);
        Assert.Contains("whole number", error.Message);
    }

    [Fact]
    public void ModelMustBeExactlyOneSource()
    {
        var error = Fails(Valid.Replace("  spec: model.yaml", "  spec: model.yaml\n  score_column: s"));
        Assert.Contains("more than one model", error.Message);
    }

    [Fact]
    public void PolicyIsForbiddenWhenDecisionsComeFromTheData()
    {
        var error = Fails(Valid.Replace("  spec: model.yaml", "  decision_column: flag"));
        Assert.Contains("no policy to apply", error.Message);
    }

    [Fact]
    public void TopFractionMustBeAFraction()
    {
        var error = Fails(Valid.Replace("budget: 250", "top_fraction: 10"));
        Assert.Contains("fraction", error.Expected);
    }

    [Fact]
    public void BandsMustIncrease()
    {
        var error = Fails(Valid.Replace("[25, 35, 50]", "[25, 50, 35]"));
        Assert.Contains("increase", error.Message);
    }

    [Fact]
    public void MissingProtectedAttributesIsAnError()
    {
        var text = Valid[..Valid.IndexOf("protected_attributes", StringComparison.Ordinal)];
        var error = Fails(text);
        Assert.Equal("protected_attributes", error.KeyPath);
    }

    [Fact]
    public void InvalidYamlGivesTheLine()
    {
        var error = Fails("data:\n  path: a.csv\nmodel: spec: x\n");
        Assert.Contains("not valid YAML", error.Message);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void UnclosedBracketIsAnInputErrorNotACrash()
    {
        var error = Fails("data:\n  path: [unclosed\nmodel: x\n");
        Assert.Contains("not valid YAML", error.Message);
        Assert.Contains("closed", error.Hint);
    }

    [Fact]
    public void EmptyDelimiterIsAnErrorNotDetection()
    {
        var error = Fails(Valid.Replace("  delimiter: \";\"", "  delimiter:"));
        Assert.Equal("data.delimiter", error.KeyPath);
        Assert.Contains("quotes", error.Expected);
    }

    [Fact]
    public void IntersectionsDefaultToEveryPair()
    {
        var plan = Load(Valid);
        Assert.Equal(["sexe,age", "sexe,nationalite", "age,nationalite"], plan.Intersections.Select(s => string.Join(",", s)));
        Assert.Equal(0.8, plan.Tolerance);
    }

    [Theory]
    [InlineData("none", "")]
    [InlineData("all", "sexe,age|sexe,nationalite|age,nationalite|sexe,age,nationalite")]
    [InlineData("[[nationalite, sexe]]", "sexe,nationalite")]
    public void IntersectionsCanBeNoneAllOrListed(string value, string expected)
    {
        var plan = Load(Valid + "\nintersections: " + value + "\ntolerance: 0.9\n");
        Assert.Equal(expected, string.Join("|", plan.Intersections.Select(s => string.Join(",", s))));
        Assert.Equal(0.9, plan.Tolerance);
    }

    [Fact]
    public void IntersectionOfAnUnknownAttributeIsAnError()
    {
        var error = Fails(Valid + "\nintersections: [[sexe, nationality]]\n");
        Assert.Contains("did you mean 'nationalite'", error.Message);
    }

    [Fact]
    public void ToleranceMustBeARatio()
    {
        var error = Fails(Valid + "\ntolerance: 1.25\n");
        Assert.Equal("tolerance", error.KeyPath);
    }

    [Fact]
    public void AnIntersectionListedTwiceIsAnError()
    {
        var error = Fails(Valid + "\nintersections: [[sexe, age], [age, sexe]]\n");
        Assert.Contains("listed twice", error.Message);
    }
}
