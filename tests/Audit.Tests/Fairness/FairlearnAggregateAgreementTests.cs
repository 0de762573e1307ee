using System.Text.Json;
using Audit.Data;
using Audit.Fairness;
using Audit.Results;

namespace Audit.Tests.Fairness;

/// <summary>
/// Fairlearn 0.12's aggregate values (../shared/reference): for every sensitive-feature set, group_min, group_max,
/// difference and ratio (method "between_groups") of each metric, demographic parity difference and ratio, and
/// equalized odds difference and ratio, reproduced through the whole fairness analysis (single attributes and
/// intersections) without suppression, within 1e-9.
/// </summary>
public sealed class FairlearnAggregateAgreementTests
{
    private const double Tolerance = 1e-9;

    private static readonly Dictionary<string, string> Keys = new()
    {
        ["selection_rate"] = "selectionRate",
        ["true_positive_rate"] = "truePositiveRate",
        ["false_positive_rate"] = "falsePositiveRate",
        ["false_negative_rate"] = "falseNegativeRate",
        ["accuracy"] = "accuracy",
    };

    [Theory]
    [InlineData("synthetic-10k")]
    [InlineData("synthetic-2k")]
    [InlineData("compas-derived")]
    public void AggregatesAgreeWithFairlearn(string name)
    {
        var reference = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf($"reference/fairlearn/{name}.json"))).RootElement.GetProperty("results");
        var sets = reference.EnumerateObject()
            .Select(s => (Name: s.Name, Features: s.Value.GetProperty("sensitive_features").EnumerateArray().Select(f => f.GetString()!).ToArray(), Values: s.Value))
            .ToArray();
        var attributes = sets.SelectMany(s => s.Features).Distinct().ToArray();
        var table = CsvTableReader.Read(SharedData.PathOf($"reference/{name}.csv"), new CsvReadOptions
        {
            ColumnTypes = attributes.ToDictionary(a => a, _ => ColumnType.Categorical),
        });
        var inputs = attributes.Select(a => new AttributeInput(GroupAssignment.FromColumn(table[a], null), null, null)).ToArray();
        var options = new FairnessOptions
        {
            MinCellSize = 1,
            Intersections = sets.Where(s => s.Features.Length > 1).Select(s => (IReadOnlyList<int>)s.Features.Select(f => Array.IndexOf(attributes, f)).ToArray()).ToArray(),
        };
        var result = FairnessAnalysis.Analyze(inputs, BinaryColumn.Read(table, "y_pred", "decision", ""), BinaryColumn.Read(table, "y_true", "label", ""), [], options);
        var compared = 0;

        foreach (var set in sets)
        {
            var ours = result.Attributes.Concat(result.Intersections).Single(a => a.Columns.SequenceEqual(set.Features));
            foreach (var (fairlearn, key) in Keys)
            {
                var spread = ours.BetweenGroups[key];
                Same(set.Values.GetProperty("group_min").GetProperty(fairlearn), spread.Min, $"{name} {set.Name} group_min {fairlearn}");
                Same(set.Values.GetProperty("group_max").GetProperty(fairlearn), spread.Max, $"{name} {set.Name} group_max {fairlearn}");
                Same(set.Values.GetProperty("difference").GetProperty(fairlearn), spread.Difference, $"{name} {set.Name} difference {fairlearn}");
                Same(set.Values.GetProperty("ratio").GetProperty(fairlearn), spread.Ratio, $"{name} {set.Name} ratio {fairlearn}");
                compared += 4;
            }
            var selection = ours.BetweenGroups["selectionRate"];
            Same(set.Values.GetProperty("demographic_parity_difference"), selection.Difference, $"{name} {set.Name} dp difference");
            Same(set.Values.GetProperty("demographic_parity_ratio"), selection.Ratio, $"{name} {set.Name} dp ratio");
            // Equalized odds: the worse of the TPR and FPR spreads (Fairlearn's "worst_case" aggregation).
            var tpr = ours.BetweenGroups["truePositiveRate"];
            var fpr = ours.BetweenGroups["falsePositiveRate"];
            Assert.True(Math.Abs(Math.Max(tpr.Difference.Value!.Value, fpr.Difference.Value!.Value) - set.Values.GetProperty("equalized_odds_difference").GetDouble()) <= Tolerance);
            Assert.True(Math.Abs(Math.Min(tpr.Ratio.Value!.Value, fpr.Ratio.Value!.Value) - set.Values.GetProperty("equalized_odds_ratio").GetDouble()) <= Tolerance);
            compared += 4;
        }
        Assert.True(compared >= 60, $"only {compared} values compared");
    }

    private static void Same(JsonElement expected, Metric actual, string what)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(actual.Value);
            return;
        }
        Assert.True(actual.Value is { } v && Math.Abs(v - expected.GetDouble()) <= Tolerance, $"{what}: Fairlearn {expected.GetDouble():R}, Audit {actual.Value:R}");
    }
}
