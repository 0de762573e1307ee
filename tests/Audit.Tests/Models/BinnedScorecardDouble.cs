using Audit.Data;
using Audit.Models;

namespace Audit.Tests.Models;

/// <summary>
/// A model that is not a <see cref="LinearModel"/> but offers the same capabilities a published spec does: additive terms,
/// declared feature metadata (labels, unit, source, actionability), bin edges and stated weights. Points = 5 when income
/// is below 10 (else 0) + 0.2 × age; income is declared free, age immutable. <see cref="TwinSpec"/> is the same model as
/// a spec, so a test can check that a code path treats both alike, whatever their type.
/// </summary>
internal sealed class BinnedScorecardDouble : IScoringModel, IAdditiveModel, IFeatureMetadata, IBinnedInputs, IPublishedModel
{
    public const string TwinSpec = """
        name: binned scorecard
        kind: linear
        adverse: high
        source: "a hand-made example"
        features:
          - name: income
            type: numeric
            actionability: free
            label: { fr: "Revenu", en: "Income" }
            unit: "EUR"
            data_source: "declaration"
            bins:
              - { max: 10, points: 5 }
              - { min: 10, points: 0 }
          - { name: age, type: numeric, weight: 0.2, actionability: immutable, label: { fr: "Âge", en: "Age" }, unit: "years" }
        """;

    private static readonly Dictionary<string, FeatureInfo> Metadata = new(StringComparer.Ordinal)
    {
        ["income"] = new FeatureInfo("Revenu", "Income", "EUR", "declaration", Actionability.Free),
        ["age"] = new FeatureInfo("Âge", "Age", "years", null, Actionability.Immutable),
    };

    public string Name => "binned scorecard";

    public string Kind => "linear";

    public AdverseTail Adverse => AdverseTail.High;

    public IReadOnlyList<FeatureSpec> Features { get; } = [new("income", ColumnType.Numeric), new("age", ColumnType.Numeric)];

    public string ExplanationSpace => "points";

    public double Intercept => 0;

    public IReadOnlyList<string> TermNames { get; } = ["income", "age"];

    public IReadOnlyDictionary<string, IReadOnlyList<double>> BinEdges { get; } =
        new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal) { ["income"] = [10.0] };

    public string? Source => "a hand-made example";

    public string? Description => null;

    public FeatureInfo InfoOf(string feature) => Metadata.GetValueOrDefault(feature) ?? FeatureInfo.None;

    public string StatedWeight(int term) => term == 0 ? "below 10: 5; from 10: 0" : "0.2 per year";

    public string AppliedWeight(int term, Table table, int row) => term == 0 ? "income term" : "age term";

    public void Contributions(Table table, int row, Span<double> contributions)
    {
        contributions[0] = ((NumericColumn)table["income"])[row] < 10 ? 5 : 0;
        contributions[1] = 0.2 * ((NumericColumn)table["age"])[row];
    }

    public double[] Score(Table table, Action<long, long>? progress = null)
    {
        var scores = new double[table.RowCount];
        var terms = new double[2];
        for (var row = 0; row < scores.Length; row++)
        {
            Contributions(table, row, terms);
            scores[row] = terms[0] + terms[1];
        }
        return scores;
    }
}
