using Audit.Models;

namespace Audit.Policy;

/// <summary>
/// Flags a fixed number of rows, the most adverse first. Ties are broken deterministically by row order:
/// among rows with the same score, the one that comes first in the data is flagged first; "the same score" is
/// equality in exact arithmetic when the model can recompute its scores exactly (<see cref="ScoreOrder"/>, the one
/// place the rule is defined). The number of rows tied at the cut-off, and how many of them were flagged, are
/// reported so that the report can say how much of the result rests on that arbitrary order.
/// </summary>
public abstract record RankingPolicy : DecisionPolicy
{
    /// <summary>How many of <paramref name="rows"/> rows to flag.</summary>
    public abstract long CountToFlag(long rows);

    public override PolicyOutcome Decide(ScoreOrder order)
    {
        var scores = order.Scores;
        var adverse = order.Adverse;
        var n = scores.Length;
        var k = (int)Math.Min(CountToFlag(n), n);
        if (k == 0)
        {
            return new PolicyOutcome(new byte[n], null, 0, 0, 0);
        }
        byte[] flags;
        int lastRow;
        if (TopKSelection.Select(scores, adverse == AdverseTail.High, k) is { } selected)
        {
            // The same rows as the sort below, in O(n) (TopKSelection); the sort remains for scores with NaN.
            (flags, lastRow) = selected;
        }
        else
        {
            flags = new byte[n];
            lastRow = SortAndFlagRows(scores, adverse, k, flags);
        }
        // The first k rows of the double order; the rows near the cut-off are then put in the rule's order.
        var (cutoff, tied, tiedFlagged) = order.SettleCutoff(flags, lastRow);
        return new PolicyOutcome(flags, cutoff, k, tied, tiedFlagged);
    }

    /// <summary>Flags the first k rows of the stable order (oriented score, row) by sorting every row; returns the cut-off score.</summary>
    public static double SortAndFlag(ReadOnlySpan<double> scores, AdverseTail adverse, int k, byte[] flags) =>
        scores[SortAndFlagRows(scores, adverse, k, flags)];

    /// <summary>As <see cref="SortAndFlag"/>, returning the last row flagged.</summary>
    private static int SortAndFlagRows(ReadOnlySpan<double> scores, AdverseTail adverse, int k, byte[] flags)
    {
        var n = scores.Length;
        // Oriented key, ascending = most adverse first. Array.Sort(keys, items) sorts primitives without a
        // comparison delegate (several times faster) but is unstable, so each run of equal keys is then put
        // back in row order: the result is the stable order (key, row) that the tie rule requires.
        var keys = new double[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            keys[i] = adverse == AdverseTail.High ? -scores[i] : scores[i];
            order[i] = i;
        }
        Array.Sort(keys, order);
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }
            if (end - start > 1)
            {
                Array.Sort(order, start, end - start);
            }
            start = end;
        }
        for (var j = 0; j < k; j++)
        {
            flags[order[j]] = 1;
        }
        return order[k - 1];
    }
}

/// <summary>
/// Flags the most adverse fraction of rows: <c>k = floor(fraction × n)</c> rows (never more than the fraction),
/// ties broken by row order (see <see cref="RankingPolicy"/>).
/// </summary>
public sealed record TopFractionPolicy(double Fraction) : RankingPolicy
{
    public override string Kind => "top_fraction";

    public override long CountToFlag(long rows) => (long)Math.Floor(Fraction * rows + 1e-9 * Fraction * rows);

    public override string Describe(AdverseTail adverse) =>
        $"the {Fraction * 100:0.###} % most adverse scores are flagged (floor of {Fraction:0.######} × rows; ties at the cut-off broken by row order)";
}

/// <summary>A fixed control budget: the <see cref="Count"/> most adverse rows are flagged, ties broken by row order.</summary>
public sealed record BudgetPolicy(long Count) : RankingPolicy
{
    public override string Kind => "budget";

    public override long CountToFlag(long rows) => Math.Min(Count, rows);

    public override string Describe(AdverseTail adverse) =>
        $"a budget of {Count} controls: the {Count} most adverse scores are flagged (ties at the cut-off broken by row order)";
}
