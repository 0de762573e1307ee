using System.Text.Json.Nodes;
using Audit.Designs;
using Audit.Fairness;

namespace Audit.Tests.Designs;

/// <summary>
/// Issue 15, defect 12: the <c>n</c> of the composition design. The difference and the ratio of a group's shares compare
/// two samples, yet their <c>n</c> was the group's selected rows, which is neither sample. The schema now says what
/// <c>n</c> is for each of the design's metrics, and the design gives that: the reference sample's rows for the
/// reference share, the selected set's rows for the selected share, and both samples' rows for the difference and the
/// ratio. Counted by brute force on random samples.
/// </summary>
public sealed class Issue15Defect12CompositionNTests
{
    [Fact]
    public void EachCompositionMetricsNIsTheRowsOfTheSamplesBehindIt()
    {
        var random = new Random(1215);
        var checkedShares = 0;
        for (var n = 0; n < 300; n++)
        {
            var rows = random.Next(20, 400);
            var k = random.Next(2, 5);
            var codes = Enumerable.Range(0, rows).Select(_ => random.Next(k)).ToArray();
            // 0 = in neither set, 1 = reference sample, 2 = selected.
            var set = Enumerable.Range(0, rows).Select(_ => (byte)random.Next(3)).ToArray();
            var weights = random.Next(2) == 0 ? [] : Enumerable.Range(0, rows).Select(_ => 0.5 + 3 * random.NextDouble()).ToArray();
            var groups = new GroupAssignment("a", codes, Enumerable.Range(0, k).Select(g => "g" + g).ToArray());
            var result = CompositionAudit.Compare(groups, set, weights, new FairnessOptions { MinCellSize = 1, BootstrapReplicates = 0 });

            long reference = set.Count(s => s == 1), selected = set.Count(s => s == 2);
            foreach (var share in result.Shares.Where(s => s.ReferenceShare.Suppressed != true))
            {
                var what = $"case {n}, group {share.Group}: {reference} reference rows, {selected} selected rows";
                Assert.True(reference == share.ReferenceShare.N, $"{what}: reference share n = {share.ReferenceShare.N}");
                Assert.True(selected == share.SelectedShare.N, $"{what}: selected share n = {share.SelectedShare.N}");
                Assert.True(reference + selected == share.Difference.N, $"{what}: difference n = {share.Difference.N}");
                Assert.True(reference + selected == share.Ratio.N, $"{what}: ratio n = {share.Ratio.N}");
                checkedShares++;
            }
        }
        Assert.True(checkedShares >= 500, $"only {checkedShares} shares checked");
    }

    [Fact]
    public void TheSchemaSaysWhatNIsForEachCompositionMetric()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "schema", "audit-result.schema.json")))!;
        var properties = schema["definitions"]!["CompositionShare"]!["properties"]!;
        foreach (var (metric, rows) in new[] { ("referenceShare", "n: rows of the reference sample"), ("selectedShare", "n: rows of the selected set"), ("difference", "n: rows of both samples"), ("ratio", "n: rows of both samples") })
        {
            var description = properties[metric]!["description"]?.GetValue<string>();
            Assert.True(description is not null && description.Contains(rows, StringComparison.Ordinal), $"{metric}: {description ?? "no description"}");
        }
        // The metric's own description sends the reader to the field's for what n counts.
        var n = schema["definitions"]!["Metric"]!["properties"]!["n"]!["description"]!.GetValue<string>();
        Assert.Contains("field", n, StringComparison.Ordinal);
    }
}
