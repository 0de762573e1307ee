using Audit.Data;
using Audit.Models;

namespace Audit.Tests.Api;

/// <summary>
/// A small population and a logistic model, each written twice: in C# (for the API) and as the files a plan names
/// (a CSV and a model spec), so that the two ways into an audit can be compared.
/// </summary>
internal static class ApiPeople
{
    public const int Rows = 400;

    /// <summary>The people: id, sex, age, region, income, months on benefit, and the observed outcome; a fixed generator, no file.</summary>
    public static Table Table()
    {
        var random = new Random(17);
        var ids = new int[Rows];
        var sex = new string?[Rows];
        var age = new double[Rows];
        var region = new string?[Rows];
        var income = new double[Rows];
        var months = new double[Rows];
        var fraud = new int[Rows];
        for (var i = 0; i < Rows; i++)
        {
            ids[i] = 1000 + i;
            sex[i] = random.NextDouble() < 0.45 ? "F" : "M";
            age[i] = 18 + random.Next(50);
            region[i] = random.Next(3) switch { 0 => "north", 1 => "south", _ => "east" };
            income[i] = Math.Round(500 + random.NextDouble() * 2500, 2);
            months[i] = random.Next(60);
            fraud[i] = random.NextDouble() < 0.2 + (sex[i] == "M" ? 0.1 : 0) ? 1 : 0;
        }
        return new TableBuilder()
            .Numbers("id", ids)
            .Categories("sex", sex)
            .Numbers("age", age)
            .Categories("region", region)
            .Numbers("income", income)
            .Numbers("months_on_benefit", months)
            .Numbers("fraud", fraud)
            .Build();
    }

    /// <summary>The model in code: log-odds = −1.5 − 0.0008 income + 0.03 months + region weights.</summary>
    public static LinearModel Model() => new(
        "benefit risk", logistic: true, AdverseTail.High, intercept: -1.5,
        [
            new LinearTerm("income", ColumnType.Numeric, Coefficient.Of(-0.0008), new Dictionary<string, Coefficient>(), null, null,
                Info: new FeatureInfo(Actionability: Actionability.IncreaseOnly)),
            new LinearTerm("months_on_benefit", ColumnType.Numeric, Coefficient.Of(0.03), new Dictionary<string, Coefficient>(), null, null,
                Info: new FeatureInfo(Actionability: Actionability.DecreaseOnly)),
            new LinearTerm("region", ColumnType.Categorical, Coefficient.Zero,
                new Dictionary<string, Coefficient> { ["north"] = Coefficient.Of(0), ["south"] = Coefficient.Of(0.4), ["east"] = Coefficient.Of(0.8) }, null, null,
                Info: new FeatureInfo(Actionability: Actionability.Immutable)),
        ],
        source: "illustrative, for the API tests");

    /// <summary>The same model as a spec file (docs/model-spec.md).</summary>
    public const string ModelSpec = """
        name: benefit risk
        kind: logistic
        adverse: high
        source: illustrative, for the API tests
        intercept: -1.5
        features:
          - { name: income, type: numeric, weight: -0.0008, actionability: increase_only }
          - { name: months_on_benefit, type: numeric, weight: 0.03, actionability: decrease_only }
          - { name: region, type: categorical, weights: { north: 0, south: 0.4, east: 0.8 }, actionability: immutable }
        """;
}
