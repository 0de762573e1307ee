using Audit.Fairness;

namespace Audit.Tests.Fairness;

/// <summary>
/// Statistics from an engine's GROUP BY (docs/national-scale.md) equal Audit's own accumulation: the rows an engine
/// returns for <c>SELECT attrs…, label, decision, count(*), sum(w) … GROUP BY ALL</c> (NULL for missing values and
/// unknown labels, empty cells absent, any order, partial aggregates from partitions) are built here with LINQ.
/// </summary>
public sealed class GroupByCountsTests
{
    private static (GroupAssignment[] Groups, byte[] Decisions, byte[] Labels, double[] Weights) Population(int seed, int n)
    {
        var random = new Random(seed);
        string[] sexes = ["F", "M", GroupAssignment.MissingLabel];
        string[] nationalities = ["FR", "UE", "hors_UE"];
        string[] booleans = ["false", "true"];
        var sex = new int[n];
        var nationality = new int[n];
        var aah = new int[n];
        var decisions = new byte[n];
        var labels = new byte[n];
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            sex[i] = random.NextDouble() < 0.02 ? 2 : random.Next(2);
            nationality[i] = random.Next(10) switch { < 7 => 0, < 8 => 1, _ => 2 };
            aah[i] = random.NextDouble() < 0.1 ? 1 : 0;
            decisions[i] = (byte)(random.NextDouble() < 0.12 ? 1 : 0);
            labels[i] = random.Next(3) switch { 0 => 0, 1 => 1, _ => 255 };
            weights[i] = Math.Round(random.NextDouble() * 3, 2);
        }
        GroupAssignment[] groups =
        [
            new("sexe", sex, sexes),
            new("nationalite", nationality, nationalities),
            new("aah", aah, booleans),
        ];
        return (groups, decisions, labels, weights);
    }

    /// <summary>What an engine's GROUP BY returns, over the given rows only (one partition).</summary>
    private static IEnumerable<GroupByRow> GroupBy(GroupAssignment[] groups, byte[] decisions, byte[] labels, double[] weights, IEnumerable<int> rows) =>
        rows.GroupBy(i => (
                string.Join('\u001f', groups.Select(g => g.Levels[g.Codes[i]])),
                Label: labels[i] == 255 ? (int?)null : labels[i],
                Decision: (int)decisions[i]))
            .Select(g => new GroupByRow(
                g.Key.Item1.Split('\u001f').Select(level => level == GroupAssignment.MissingLabel ? null : level).ToArray(),
                g.Key.Label, g.Key.Decision, g.LongCount(), g.Sum(i => weights[i])));

    [Theory]
    [InlineData(1, 5_000)]
    [InlineData(2, 200)]
    [InlineData(3, 40_000)]
    public void FromGroupBy_equals_the_accumulation(int seed, int n)
    {
        var (groups, decisions, labels, weights) = Population(seed, n);
        var expected = GroupStatistics.Accumulate(groups, decisions, labels, weights);

        // Two partitions aggregated apart, rows shuffled: as a distributed engine may return them.
        var cut = n / 3;
        var rows = GroupBy(groups, decisions, labels, weights, Enumerable.Range(0, cut))
            .Concat(GroupBy(groups, decisions, labels, weights, Enumerable.Range(cut, n - cut)))
            .OrderBy(_ => Guid.NewGuid()).ToList();
        var actual = GroupByCounts.FromGroupBy(groups.Select(g => g.Attribute).ToArray(), groups.Select(g => g.Levels).ToArray(), rows);

        Assert.Equal(expected.RawCounts.ToArray(), actual.RawCounts.ToArray());
        var expectedWeights = expected.RawWeights.ToArray();
        var actualWeights = actual.RawWeights.ToArray();
        for (var s = 0; s < expectedWeights.Length; s++)
        {
            Assert.Equal(expectedWeights[s], actualWeights[s], 1e-9);
        }
        Assert.Equal(expected.Marginal([0, 2]).RawCounts.ToArray(), actual.Marginal([0, 2]).RawCounts.ToArray());
    }

    [Fact]
    public void FromGroupBy_without_weights_counts_rows_as_weights()
    {
        var (groups, decisions, labels, _) = Population(4, 3_000);
        var expected = GroupStatistics.Accumulate(groups, decisions, labels, ReadOnlySpan<double>.Empty);
        var rows = GroupBy(groups, decisions, labels, new double[3_000], Enumerable.Range(0, 3_000)).Select(r => r with { Weight = null });

        var actual = GroupByCounts.FromGroupBy(groups.Select(g => g.Attribute).ToArray(), groups.Select(g => g.Levels).ToArray(), rows);

        Assert.Equal(expected.RawCounts.ToArray(), actual.RawCounts.ToArray());
        Assert.Equal(expected.RawWeights.ToArray(), actual.RawWeights.ToArray());
    }

    [Fact]
    public void FromGroupBy_refuses_an_unknown_level()
    {
        var error = Assert.Throws<AuditInputException>(() => GroupByCounts.FromGroupBy(["sexe"], [["F", "M"]], [new GroupByRow(["X"], 1, 0, 3)]));

        Assert.Contains("'X'", error.Message);
    }
}
