using Audit.Data;
using Audit.Models;

namespace Audit.Policy;

/// <summary>
/// The order of people by score, and the one tie rule that every policy, tie count and printed rank follows
/// (docs/methodology.md, "Ties"):
/// <list type="number">
/// <item>the more adverse score comes first (the higher one when a high score is adverse);</item>
/// <item>two scores are equal when they are equal in exact decimal arithmetic of the spec's literals and of each input
/// value's shortest round-trip text (<see cref="IExactScoreKey"/>, <see cref="ExactDecimal"/>; a logistic spec's
/// scores are compared on the linear predictor η), not when their doubles happen to be: 0.1 × 7 and 0.7 are equal;</item>
/// <item>among equal scores, the row that comes first in the data comes first.</item>
/// </list>
/// Doubles order the whole population; only the rows whose double score lies within a relative distance of
/// <see cref="Window"/> of the score at stake (a cut-off, a threshold, one person's score) are rescored exactly, so the
/// cost is one pass over the scores plus the exact rescoring of a handful of rows. Without the capability (a score
/// column, an ONNX or ML.NET model, a scaled spec) or when one of those rows' keys does not fit a decimal exactly, the
/// rows near the score compare as doubles: equal doubles are equal scores.
/// </summary>
/// <remarks>
/// The window is wide enough when the double score is within 10⁻⁹ × max(1, |score|) of the exact one: true for a sum
/// of a few dozen terms each below about 10⁶ times that (double rounding is 1.1 × 10⁻¹⁶ per operation). Defined here
/// once, so that the SQL translation of issue 20 has a single rule to follow.
/// </remarks>
public readonly ref struct ScoreOrder
{
    /// <summary>Relative distance (at least this much in absolute terms) within which double scores are rescored exactly.</summary>
    public const double Window = ExactWindow.Relative;

    private readonly IExactScoreKey? exact;
    private readonly Table? table;

    /// <summary>An order on double scores alone: equal doubles are equal scores.</summary>
    public ScoreOrder(ReadOnlySpan<double> scores, AdverseTail adverse)
        : this(scores, adverse, null, null)
    {
    }

    private ScoreOrder(ReadOnlySpan<double> scores, AdverseTail adverse, IExactScoreKey? exact, Table? table)
    {
        Scores = scores;
        Adverse = adverse;
        this.exact = exact;
        this.table = table;
    }

    /// <summary>The order of a model's scores of a table: exact near the scores at stake when the model can recompute them (<see cref="IExactScoreKey"/>).</summary>
    public static ScoreOrder Of(IScoringModel model, Table table, ReadOnlySpan<double> scores) =>
        new(scores, model.Adverse, model as IExactScoreKey, table);

    public ReadOnlySpan<double> Scores { get; }

    public AdverseTail Adverse { get; }

    /// <summary>
    /// Settles a ranking cut-off. <paramref name="flags"/> hold the first k rows of the double order (ties by row)
    /// and <paramref name="lastRow"/> is the last of them; the rows near its score are reordered by the rule and the
    /// flags among them rewritten. Returns the cut-off score, and the rows tied with the last row flagged and how many
    /// of them are flagged (both 0 when the cut-off does not split them). The cut-off is the last flagged row's score;
    /// when rows tied with it exactly differ in their doubles, the least adverse of those doubles, so that every row
    /// tied at the cut-off, and every flagged row, is at or beyond it (as a fixed threshold and recourse read it).
    /// </summary>
    internal (double Cutoff, long Tied, long TiedFlagged) SettleCutoff(byte[] flags, int lastRow)
    {
        var cutoff = Scores[lastRow];
        if (double.IsNaN(cutoff))
        {
            return (cutoff, 0, 0);
        }
        if (exact is null)
        {
            return CountTies(flags, cutoff);
        }
        var near = RowsNear(cutoff);
        var entries = Entries(near, out var exactKeys);
        if (!exactKeys)
        {
            return CountTies(flags, cutoff);
        }
        // Rows beyond the window keep their side: flagged rows there are more adverse than every row near the
        // cut-off, unflagged rows less. The flagged rows near it are the first of them in the rule's order.
        var take = 0;
        foreach (var row in near)
        {
            take += flags[row];
        }
        Array.Sort(entries, Comparer(exactKeys: true));
        for (var j = 0; j < entries.Length; j++)
        {
            flags[entries[j].Row] = j < take ? (byte)1 : (byte)0;
        }
        var last = entries[take - 1];
        long tied = 0, tiedFlagged = 0;
        cutoff = last.Score;
        for (var j = 0; j < entries.Length; j++)
        {
            if (entries[j].Key == last.Key)
            {
                tied++;
                tiedFlagged += j < take ? 1 : 0;
                cutoff = MoreAdverse(cutoff, entries[j].Score) ? entries[j].Score : cutoff;
            }
        }
        // Ties matter only when the cut-off splits them.
        return tied == tiedFlagged ? (cutoff, 0, 0) : (cutoff, tied, tiedFlagged);
    }

    /// <summary>The ties on doubles: the flags already are the first k rows of the order (score, row), so only the rows equal to the cut-off are counted.</summary>
    private (double Cutoff, long Tied, long TiedFlagged) CountTies(byte[] flags, double cutoff)
    {
        long tied = 0, tiedFlagged = 0;
        for (var i = 0; i < Scores.Length; i++)
        {
            if (Scores[i] == cutoff)
            {
                tied++;
                tiedFlagged += flags[i];
            }
        }
        return tied == tiedFlagged ? (cutoff, 0, 0) : (cutoff, tied, tiedFlagged);
    }

    /// <summary>
    /// Settles a threshold: the rows near it are flagged by their exact key when the threshold has one
    /// (<see cref="IExactScoreKey.ExactKeyOfScore"/>), so a score exactly at the threshold is flagged whatever its double.
    /// </summary>
    internal void SettleThreshold(byte[] flags, double threshold)
    {
        if (exact is null || exact.ExactKeyOfScore(threshold) is not { } at)
        {
            return;
        }
        var near = RowsNear(threshold);
        var entries = Entries(near, out var exactKeys);
        if (!exactKeys)
        {
            return;
        }
        foreach (var e in entries)
        {
            flags[e.Row] = (Adverse == AdverseTail.High ? e.Key >= at : e.Key <= at) ? (byte)1 : (byte)0;
        }
    }

    /// <summary>Settles grade bands by the threshold rule (<see cref="ExactWindow.SettleBands"/>), when the model can recompute scores exactly.</summary>
    internal void SettleBands(int[] bands, GradeScale scale)
    {
        if (exact is not null && table is not null)
        {
            ExactWindow.SettleBands(exact, table, Scores, bands, scale);
        }
    }

    /// <summary>
    /// A row's place in the order: 1 + the rows before it (more adverse scores, and equal scores earlier in the data),
    /// so that under a ranking policy exactly the rows ranked 1 to k are flagged.
    /// </summary>
    public long RankOf(int row)
    {
        var score = Scores[row];
        long before = 0;
        if (double.IsNaN(score))
        {
            return 1;
        }
        var window = WindowAround(score);
        var near = new List<int>();
        for (var i = 0; i < Scores.Length; i++)
        {
            if (Within(Scores[i], score, window))
            {
                near.Add(i);
            }
            else if (MoreAdverse(Scores[i], score))
            {
                before++;
            }
        }
        var entries = Entries(near, out var exactKeys);
        var comparer = Comparer(exactKeys);
        var self = entries[near.IndexOf(row)];
        foreach (var e in entries)
        {
            before += comparer.Compare(e, self) < 0 ? 1 : 0;
        }
        return before + 1;
    }

    /// <summary>
    /// Every row's rank by the rule (1 = the most adverse; among equal scores the earlier row first), and whether
    /// another row has the same score (a tie by the rule: equal exact keys, or equal doubles without them), for the
    /// per-person table. One sort of the doubles, then the rule's exact comparison inside each run of doubles that lie
    /// within <see cref="Window"/> of their neighbour; a missing (NaN) score is ranked last and tied with none.
    /// </summary>
    public (long[] Ranks, bool[] Tied) RankAll()
    {
        var scores = Scores.ToArray();
        var high = Adverse == AdverseTail.High;
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (a, b) =>
        {
            var (x, y) = (scores[a], scores[b]);
            var c = double.IsNaN(x) || double.IsNaN(y) ? double.IsNaN(x).CompareTo(double.IsNaN(y)) : high ? y.CompareTo(x) : x.CompareTo(y);
            return c != 0 ? c : a.CompareTo(b);
        });
        var (ranks, tied) = (new long[scores.Length], new bool[scores.Length]);
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && Within(scores[order[end]], scores[order[end - 1]], WindowAround(scores[order[end - 1]])))
            {
                end++;
            }
            RankRun(order, start, end, ranks, tied);
            start = end;
        }
        return (ranks, tied);
    }

    /// <summary>Ranks the rows <c>order[start..end)</c>, whose doubles lie within the window of each other, by the rule.</summary>
    private void RankRun(int[] order, int start, int end, long[] ranks, bool[] tied)
    {
        if (end - start == 1)
        {
            ranks[order[start]] = start + 1;
            return;
        }
        var entries = Entries([.. order[start..end]], out var exactKeys);
        Array.Sort(entries, Comparer(exactKeys));
        for (var j = 0; j < entries.Length; j++)
        {
            ranks[entries[j].Row] = start + j + 1;
            tied[entries[j].Row] = (j > 0 && SameScore(entries[j - 1], entries[j], exactKeys))
                                   || (j + 1 < entries.Length && SameScore(entries[j], entries[j + 1], exactKeys));
        }
    }

    /// <summary>The number of rows whose score is less adverse than the row's (equal scores excluded, by the rule).</summary>
    public long CountLessAdverse(int row)
    {
        var score = Scores[row];
        long less = 0;
        var window = WindowAround(score);
        var near = new List<int>();
        for (var i = 0; i < Scores.Length; i++)
        {
            if (Within(Scores[i], score, window))
            {
                near.Add(i);
            }
            else if (MoreAdverse(score, Scores[i]))
            {
                less++;
            }
        }
        if (near.Count == 0)
        {
            return less;
        }
        var entries = Entries(near, out var exactKeys);
        var self = entries[near.IndexOf(row)];
        var comparer = Comparer(exactKeys);
        foreach (var e in entries)
        {
            less += !SameScore(e, self, exactKeys) && comparer.Compare(self, e) < 0 ? 1 : 0;
        }
        return less;
    }

    private bool MoreAdverse(double a, double b) => Adverse == AdverseTail.High ? a > b : a < b;

    /// <summary>
    /// The half-width of the window of double scores close enough to a score to be compared exactly:
    /// <see cref="Window"/> × max(1, |at|), or 0 (equal doubles only) without the capability.
    /// </summary>
    private double WindowAround(double at) => exact is null ? 0 : ExactWindow.Around(at);

    /// <summary>
    /// Whether a score lies in the window around <paramref name="at"/> (equality too, for infinite scores). One test
    /// that is almost always false, so the pass over the population runs at the speed of a branch always predicted.
    /// </summary>
    private static bool Within(double score, double at, double width) => ExactWindow.Within(score, at, width);

    private List<int> RowsNear(double at) => ExactWindow.RowsNear(Scores, at, WindowAround(at));

    /// <summary>The rows with their double scores and, when every one of them has one, their exact keys.</summary>
    private Entry[] Entries(List<int> rows, out bool exactKeys)
    {
        var keys = exact is not null && table is not null && rows.Count > 0 ? exact.ExactKeys(table, rows) : null;
        exactKeys = keys is not null && Array.TrueForAll(keys, k => k is not null);
        var entries = new Entry[rows.Count];
        for (var j = 0; j < rows.Count; j++)
        {
            entries[j] = new Entry(rows[j], Scores[rows[j]], exactKeys ? keys![j]!.Value : 0m);
        }
        return entries;
    }

    private static bool SameScore(in Entry a, in Entry b, bool exactKeys) => exactKeys ? a.Key == b.Key : a.Score == b.Score;

    /// <summary>The rule's order among rows near one score: the more adverse key first, then the earlier row.</summary>
    private Comparer<Entry> Comparer(bool exactKeys)
    {
        var high = Adverse == AdverseTail.High;
        return Comparer<Entry>.Create((a, b) =>
        {
            var c = exactKeys ? a.Key.CompareTo(b.Key) : a.Score.CompareTo(b.Score);
            return c != 0 ? (high ? -c : c) : a.Row.CompareTo(b.Row);
        });
    }

    private readonly record struct Entry(int Row, double Score, decimal Key);
}
