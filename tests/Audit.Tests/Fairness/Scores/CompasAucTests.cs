using Audit.Data;
using Audit.Fairness;
using Audit.Fairness.Scores;

namespace Audit.Tests.Fairness.Scores;

/// <summary>
/// AUC per race on ProPublica's COMPAS data (../shared/reference/compas-derived.csv: y_true = two-year recidivism,
/// score = decile / 10): the ranking AUC and the binned AUC both agree with brute-force counting of every pair.
/// </summary>
public sealed class CompasAucTests
{
    [Fact]
    public void AucPerRaceAgreesWithPairCounting()
    {
        var table = CsvTableReader.Read(SharedData.PathOf("reference/compas-derived.csv"), new CsvReadOptions
        {
            ColumnTypes = new Dictionary<string, ColumnType> { ["race"] = ColumnType.Categorical },
        });
        var labels = BinaryColumn.Read(table, "y_true", "label", "");
        var scores = ((NumericColumn)table["score"]).Values.ToArray();
        var race = GroupAssignment.FromColumn(table["race"], null);
        var stats = ScoreStatistics.Accumulate([race], scores, labels, [], 0, 1);
        var compared = 0;

        for (var g = 0; g < race.Levels.Length; g++)
        {
            var rows = Enumerable.Range(0, scores.Length).Where(i => race.Codes[i] == g).ToArray();
            var groupScores = rows.Select(i => scores[i]).ToArray();
            var groupLabels = rows.Select(i => labels[i]).ToArray();

            // Brute force, in whole numbers: twice the Mann–Whitney U over twice the number of pairs.
            long twiceWon = 0, pairs = 0;
            foreach (var i in rows.Where(i => labels[i] == 1))
            {
                foreach (var j in rows.Where(j => labels[j] == 0))
                {
                    pairs++;
                    twiceWon += scores[i] > scores[j] ? 2 : scores[i] == scores[j] ? 1 : 0;
                }
            }
            var exact = ScoreMetrics.ExactAuc(groupScores, groupLabels);
            var binned = ScoreMetrics.Auc(stats.Cell(g));
            if (pairs == 0)
            {
                Assert.Null(exact);
                Assert.Null(binned);
                continue;
            }
            var counted = twiceWon / (2.0 * pairs);
            Assert.Equal(counted, exact!.Value, 1e-12);
            // Ten distinct scores, each alone in its bin of width 1/4096: the binned AUC is exact too.
            Assert.Equal(counted, binned!.Value.Value, 1e-12);
            compared++;
        }
        Assert.True(compared >= 4, $"only {compared} races have both outcomes");
    }
}
