using Audit.Models;
using Audit.Policy;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Audit.Tests.Policy;

/// <summary>The O(n) selection of the top k gives exactly the rows and cut-off of the full sort (ties by row order).</summary>
public sealed class TopKSelectionTests
{
    private static void AssertSameAsSort(double[] scores, AdverseTail adverse, int k)
    {
        var expected = new byte[scores.Length];
        var expectedCutoff = RankingPolicy.SortAndFlag(scores, adverse, k, expected);

        var selected = TopKSelection.Select(scores, adverse == AdverseTail.High, k);

        Assert.NotNull(selected);
        Assert.Equal(expected, selected.Value.Flags);
        Assert.Equal(expectedCutoff, scores[selected.Value.LastRow]);
        Assert.Equal(1, selected.Value.Flags[selected.Value.LastRow]);
    }

    /// <summary>Scores with many ties (a few distinct values), continuous scores, and a mix with ±0 and infinities.</summary>
    [Property(MaxTest = 200)]
    public Property Selection_equals_the_sorted_ranking(PositiveInt seed, PositiveInt size, PositiveInt fraction, bool highIsAdverse, byte kind)
    {
        var random = new Random(seed.Get);
        var n = size.Get % 3000 + 1;
        var scores = (kind % 3) switch
        {
            0 => Enumerable.Range(0, n).Select(_ => random.Next(0, 7) / 4.0).ToArray(),
            1 => Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray(),
            _ => Enumerable.Range(0, n).Select(_ => random.Next(0, 6) switch
            {
                0 => -0.0,
                1 => 0.0,
                2 => double.PositiveInfinity,
                3 => double.NegativeInfinity,
                _ => Math.Round(random.NextDouble(), 3),
            }).ToArray(),
        };
        var k = fraction.Get % n + 1;
        AssertSameAsSort(scores, highIsAdverse ? AdverseTail.High : AdverseTail.Low, k);
        return true.ToProperty();
    }

    /// <summary>Large enough that the radix refinement runs past the first 16 bits: a million rows, probabilities rounded to 4 decimals (heavy ties) and continuous.</summary>
    [Theory]
    [InlineData(true, 4, 12_028)]
    [InlineData(false, 4, 1)]
    [InlineData(true, -1, 100_000)]
    [InlineData(false, -1, 999_999)]
    public void Selection_equals_the_sorted_ranking_on_a_million_rows(bool highIsAdverse, int decimals, int k)
    {
        var random = new Random(20261124);
        var scores = new double[1_000_000];
        for (var i = 0; i < scores.Length; i++)
        {
            var p = 1 / (1 + Math.Exp(-(random.NextDouble() * 8 - 6)));
            scores[i] = decimals < 0 ? p : Math.Round(p, decimals);
        }
        AssertSameAsSort(scores, highIsAdverse ? AdverseTail.High : AdverseTail.Low, k);
    }

    [Fact]
    public void All_scores_equal_flags_the_first_rows()
    {
        var scores = Enumerable.Repeat(0.25, 10_000).ToArray();

        var outcome = new BudgetPolicy(300).Decide(scores, AdverseTail.High);

        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (byte)(i < 300 ? 1 : 0)), outcome.Flags);
        Assert.Equal(0.25, outcome.Cutoff);
        Assert.Equal(10_000, outcome.TiedAtCutoff);
        Assert.Equal(300, outcome.TiedAtCutoffFlagged);
    }

    [Fact]
    public void Scores_with_NaN_fall_back_to_the_sort()
    {
        double[] scores = [0.5, double.NaN, 0.9, 0.1];

        Assert.Null(TopKSelection.Select(scores, negate: true, 2));
        var outcome = new BudgetPolicy(2).Decide(scores, AdverseTail.High);
        var expected = new byte[4];
        RankingPolicy.SortAndFlag(scores, AdverseTail.High, 2, expected);
        Assert.Equal(expected, outcome.Flags);
    }
}
