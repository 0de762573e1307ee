using Audit.Data;
using Audit.Models;
using Audit.Recourse;

namespace Audit.Tests.Recourse;

/// <summary>A tree ensemble over numeric columns that scores a table itself, as a model loader's ensemble would.</summary>
public sealed record TreeScoringModel(IReadOnlyList<string> TreeFeatures, IReadOnlyList<RegressionTree> Trees, double Bias, string Link, AdverseTail Adverse)
    : IScoringModel, ITreeEnsemble
{
    /// <summary>The plan's actionability rules for the test's features.</summary>
    public IReadOnlyList<FeatureRuleOverride> Rules { get; init; } = [];

    public string Name => "test trees";

    public string Kind => "trees";

    public IReadOnlyList<FeatureSpec> Features => [.. TreeFeatures.Select(f => new FeatureSpec(f, ColumnType.Numeric))];

    public double Margin(double[] row) => Bias + Trees.Sum(t => t.Evaluate(row));

    public double[] Score(Table table, Action<long, long>? progress = null)
    {
        var columns = TreeFeatures.Select(f => ((NumericColumn)table[f]).Values.ToArray()).ToArray();
        var scores = new double[table.RowCount];
        var row = new double[columns.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            for (var f = 0; f < columns.Length; f++)
            {
                row[f] = columns[f][i];
            }
            scores[i] = TreeRecourse.ScoreOfMargin(this, Margin(row));
        }
        return scores;
    }
}
