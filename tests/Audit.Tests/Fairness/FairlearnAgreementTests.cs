using System.Text.Json;
using Audit.Data;
using Audit.Fairness;

namespace Audit.Tests.Fairness;

/// <summary>
/// Agreement with Fairlearn 0.12's MetricFrame on the shared reference data (../shared/reference): every group's
/// selection rate, TPR, FPR, FNR, accuracy and count, for single attributes and intersections, within 1e-9.
/// Computed from GroupStatistics and GroupRate, the same path the audit takes, without suppression.
/// </summary>
public sealed class FairlearnAgreementTests
{
    private const double Tolerance = 1e-9;

    private static readonly Dictionary<string, GroupRate> ByFairlearnName = new()
    {
        ["selection_rate"] = GroupRate.SelectionRate,
        ["true_positive_rate"] = GroupRate.TruePositiveRate,
        ["false_positive_rate"] = GroupRate.FalsePositiveRate,
        ["false_negative_rate"] = GroupRate.FalseNegativeRate,
        ["accuracy"] = GroupRate.Accuracy,
    };

    [Theory]
    [InlineData("synthetic-10k")]
    [InlineData("synthetic-2k")]
    [InlineData("compas-derived")]
    public void GroupMetricsAgreeWithFairlearn(string name)
    {
        var csv = SharedData.PathOf($"reference/{name}.csv");
        var reference = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf($"reference/fairlearn/{name}.json")));
        // Attribute columns are read as text (disability 0/1 is a group label here, not a number).
        var attributeNames = reference.RootElement.GetProperty("results").EnumerateObject()
            .SelectMany(set => set.Value.GetProperty("sensitive_features").EnumerateArray().Select(f => f.GetString()!))
            .Distinct()
            .ToArray();
        var table = CsvTableReader.Read(csv, new CsvReadOptions
        {
            ColumnTypes = attributeNames.ToDictionary(a => a, _ => ColumnType.Categorical),
        });
        var decisions = BinaryColumn.Read(table, "y_pred", "decision", "");
        var labels = BinaryColumn.Read(table, "y_true", "label", "");
        var compared = 0;

        foreach (var set in reference.RootElement.GetProperty("results").EnumerateObject())
        {
            var features = set.Value.GetProperty("sensitive_features").EnumerateArray().Select(f => f.GetString()!).ToArray();
            var groups = features.Select(f => GroupAssignment.FromColumn(table[f], null)).ToArray();
            var stats = GroupStatistics.Accumulate(groups, decisions, labels, []);
            var cells = Enumerable.Range(0, stats.CellCount).ToDictionary(c => string.Join("|", stats.CellLabels(c)), stats.Cell);

            var byGroup = set.Value.GetProperty("by_group").EnumerateArray().ToArray();
            Assert.Equal(byGroup.Length, cells.Values.Count(c => c.Count() > 0));
            foreach (var entry in byGroup)
            {
                // Fairlearn writes numeric group labels (disability 0/1) as JSON numbers.
                var key = string.Join("|", features.Select(f => entry.GetProperty("group").GetProperty(f) is { ValueKind: JsonValueKind.String } s ? s.GetString() : entry.GetProperty("group").GetProperty(f).GetRawText()));
                var counts = cells[key];
                Assert.Equal(entry.GetProperty("count").GetInt64(), counts.Count());
                foreach (var (metric, rate) in ByFairlearnName)
                {
                    var expected = entry.GetProperty(metric);
                    var actual = rate.Compute(counts).Value;
                    if (expected.ValueKind == JsonValueKind.Null)
                    {
                        Assert.Null(actual);
                    }
                    else
                    {
                        Assert.True(actual is not null && Math.Abs(actual.Value - expected.GetDouble()) <= Tolerance,
                            $"{name} {set.Name} {key} {metric}: Fairlearn {expected.GetDouble():R}, Audit {actual:R}");
                    }
                    compared++;
                }
            }
            // Overall values as well.
            var overall = stats.Overall();
            foreach (var (metric, rate) in ByFairlearnName)
            {
                var expected = set.Value.GetProperty("overall").GetProperty(metric).GetDouble();
                Assert.True(Math.Abs(rate.Compute(overall).Value!.Value - expected) <= Tolerance, $"{name} {set.Name} overall {metric}");
            }
        }
        Assert.True(compared > 50, $"only {compared} values compared");
    }
}
