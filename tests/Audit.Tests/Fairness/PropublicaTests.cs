using Audit.Data;
using Audit.Fairness;

namespace Audit.Tests.Fairness;

/// <summary>
/// ProPublica's "Machine Bias" truth tables (2016), from the published data (../shared/datasets/compas-scores-two-years.csv):
/// "high risk" = score_text Medium or High, label = two_year_recid. Published: FPR 44.85 % Black vs 23.45 % white,
/// FNR 27.99 % vs 47.72 %.
/// </summary>
public sealed class PropublicaTests
{
    [Fact]
    public void FalsePositiveAndFalseNegativeRatesMatchThePublishedTables()
    {
        var table = CsvTableReader.Read(SharedData.PathOf("datasets/compas-scores-two-years.csv"));
        var text = (CategoricalColumn)table["score_text"];
        var decisions = Enumerable.Range(0, table.RowCount).Select(i => (byte)(text[i] is "Medium" or "High" ? 1 : 0)).ToArray();
        var labels = BinaryColumn.Read(table, "two_year_recid", "label", "");
        var race = new AttributeInput(GroupAssignment.FromColumn(table["race"], null), null, "Caucasian");

        var result = FairnessAnalysis.Analyze([race], decisions, labels, [], new FairnessOptions { MinCellSize = 1 });
        var groups = result.Attributes[0].Groups.ToDictionary(g => g.Group.Label);
        var black = groups["African-American"];
        var white = groups["Caucasian"];

        Assert.Equal(3696, black.Count.Value);
        Assert.Equal(2454, white.Count.Value);
        Assert.Equal(44.85, Math.Round(black.Rates["falsePositiveRate"].Value!.Value * 100, 2));
        Assert.Equal(23.45, Math.Round(white.Rates["falsePositiveRate"].Value!.Value * 100, 2));
        Assert.Equal(27.99, Math.Round(black.Rates["falseNegativeRate"].Value!.Value * 100, 2));
        Assert.Equal(47.72, Math.Round(white.Rates["falseNegativeRate"].Value!.Value * 100, 2));
        // The exact confusion counts behind them: Black FP 805 of 1,795 label 0; white FP 349 of 1,488.
        Assert.Equal(805.0 / (990 + 805), black.Rates["falsePositiveRate"].Value);
        Assert.Equal(461.0 / (461 + 505), white.Rates["falseNegativeRate"].Value);
    }
}
