using Audit.Data;
using Audit.Fairness;
using Audit.Fairness.Scores;
using Audit.Models;

namespace Audit.Tests.Fairness;

public sealed class ScoreSummaryTests
{
    /// <summary>
    /// On COMPAS (decile scores, so the histogram AUC is exact), each race's AUC in the audit equals the exact
    /// rank AUC of that race's rows, and the mean score equals the plain mean.
    /// </summary>
    [Fact]
    public void GroupAucAndMeanEqualDirectComputationOnCompas()
    {
        var table = CsvTableReader.Read(SharedData.PathOf("reference/compas-derived.csv"));
        var scores = ((NumericColumn)table["score"]).Values.ToArray();
        var labels = BinaryColumn.Read(table, "y_true", "label", "");
        var decisions = BinaryColumn.Read(table, "y_pred", "decision", "");
        var race = (CategoricalColumn)table["race"];
        var input = new AttributeInput(GroupAssignment.FromColumn(race, null), null, null);

        var result = FairnessAnalysis.Analyze([input], decisions, labels, [], new FairnessOptions { MinCellSize = 10 },
            new ScoreInput(scores, AdverseTail.High, IsProbability: false));

        foreach (var group in result.Attributes[0].Groups.Where(g => g.Count.Suppressed != true))
        {
            var rows = Enumerable.Range(0, table.RowCount).Where(i => race[i] == group.Group.Label).ToArray();
            var exact = ScoreMetrics.ExactAuc(rows.Select(i => scores[i]).ToArray(), rows.Select(i => labels[i]).ToArray());
            if (group.Scores!.Auc.Value is { } auc)
            {
                Assert.Equal(exact!.Value, auc, 9);
            }
            Assert.Equal(rows.Average(i => scores[i]), group.Scores.MeanScore.Value!.Value, 9);
            Assert.Null(group.Scores.CalibrationError.Value); // decile/10 is not a probability (or too few labelled rows)
        }
    }

    [Fact]
    public void AdverseLowScoresKeepTheirUnitsAndTheirAuc()
    {
        // Credit-style score: low is adverse. Label-1 people score lower: AUC (adverse direction) = 1.
        double[] scores = [300, 320, 340, 700, 720, 740, 310, 330, 710, 730, 750, 760];
        byte[] labels = [1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0];
        var groups = GroupAssignment.FromColumn(CategoricalColumn.FromValues("g", Enumerable.Repeat("A", 12).ToArray<string?>()), null);
        var result = FairnessAnalysis.Analyze([new AttributeInput(groups, null, null)], new byte[12], labels, [], new FairnessOptions { MinCellSize = 1 },
            new ScoreInput(scores, AdverseTail.Low, IsProbability: false));
        var summary = result.Attributes[0].Groups[0].Scores!;
        Assert.Equal(scores.Average(), summary.MeanScore.Value!.Value, 9);
        Assert.Equal(1.0, summary.Auc.Value);
    }
}
