using System.Globalization;
using System.Numerics;
using Audit.Data;
using Audit.Models;

namespace Audit.Tests.Policy;

/// <summary>
/// A number exactly as its decimal text writes it: <c>Units × 10^−Scale</c> with an unbounded integer. The oracle of
/// the tie rule computes with these, independently of <see cref="decimal"/> and of the toolkit's exact arithmetic.
/// </summary>
public readonly record struct DecimalText(BigInteger Units, int Scale) : IComparable<DecimalText>
{
    public static readonly DecimalText Zero = new(BigInteger.Zero, 0);

    /// <summary>The number the double's shortest round-trip text writes ("0.1" for 0.1).</summary>
    public static DecimalText Of(double x) => Parse(x.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Parses [-]digits[.digits][E[±]digits].</summary>
    public static DecimalText Parse(string text)
    {
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var negative = text.StartsWith('-');
        text = text.TrimStart('-', '+');
        var dot = text.IndexOf('.');
        var digits = dot < 0 ? text : text.Remove(dot, 1);
        var scale = (dot < 0 ? 0 : text.Length - dot - 1) - exponent;
        var units = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        if (scale < 0)
        {
            units *= BigInteger.Pow(10, -scale);
            scale = 0;
        }
        return new DecimalText(negative ? -units : units, scale);
    }

    public static DecimalText operator +(DecimalText a, DecimalText b)
    {
        var scale = Math.Max(a.Scale, b.Scale);
        return new DecimalText(a.Units * PowerOfTen(scale - a.Scale) + b.Units * PowerOfTen(scale - b.Scale), scale);
    }

    private static readonly BigInteger[] Powers = [.. Enumerable.Range(0, 64).Select(e => BigInteger.Pow(10, e))];

    /// <summary>10^e (from a table for the small exponents a sum needs).</summary>
    public static BigInteger PowerOfTen(int e) => e < Powers.Length ? Powers[e] : BigInteger.Pow(10, e);

    public static DecimalText operator -(DecimalText a) => new(-a.Units, a.Scale);

    public static DecimalText operator *(DecimalText a, DecimalText b) => new(a.Units * b.Units, a.Scale + b.Scale);

    public int CompareTo(DecimalText other)
    {
        var scale = Math.Max(Scale, other.Scale);
        return (Units * PowerOfTen(scale - Scale)).CompareTo(other.Units * PowerOfTen(scale - other.Scale));
    }

    public bool EqualsExactly(DecimalText other) => CompareTo(other) == 0;

    /// <summary>The text of the number ("0.7", "-2.25"), for a plan's threshold literal.</summary>
    public override string ToString()
    {
        var digits = BigInteger.Abs(Units).ToString(CultureInfo.InvariantCulture).PadLeft(Scale + 1, '0');
        var text = Scale == 0 ? digits : digits[..^Scale] + "." + digits[^Scale..];
        return (Units.Sign < 0 ? "-" : "") + text;
    }
}

/// <summary>
/// The brute-force oracle of the tie rule (docs/methodology.md, "Ties"), first half: every row's linear predictor in
/// exact arithmetic of the spec's literals and each value's shortest round-trip text, term by term as
/// docs/model-spec.md defines them. <see cref="ExactOrder"/> sorts the rows by it.
/// </summary>
public static class ExactScoreOracle
{
    /// <summary>η of every row, exactly, from the spec's terms as model-spec.md defines them.</summary>
    public static DecimalText[] LinearPredictor(LinearModel model, Table table)
    {
        var reader = new NumberReader();
        var intercept = reader.Literal(model.InterceptCoefficient);
        var terms = model.Terms.Select(term => (Term: term, Column: table[term.Feature],
            Bins: term.Bins?.Select(b => (Low: b.Min is { } lo ? reader.Of(lo) : (DecimalText?)null, High: b.Max is { } hi ? reader.Of(hi) : (DecimalText?)null, b.Points)).ToArray())).ToArray();
        var interactions = model.Interactions.Select(i => (Weight: reader.Literal(i.Weight), When: i.When.Select(c => (Column: table[c.Feature], c.Value)).ToArray())).ToArray();
        var eta = new DecimalText[table.RowCount];
        for (var i = 0; i < eta.Length; i++)
        {
            var sum = intercept;
            foreach (var (term, column, bins) in terms)
            {
                sum += TermOf(reader, term, column, bins, i);
            }
            foreach (var (weight, when) in interactions)
            {
                if (when.All(c => Text(c.Column, i) == c.Value))
                {
                    sum += weight;
                }
            }
            eta[i] = sum;
        }
        return eta;
    }

    /// <summary>Reads numbers as their decimal texts, each distinct number once (weights and input values repeat).</summary>
    private sealed class NumberReader
    {
        private readonly Dictionary<double, DecimalText> read = [];

        public DecimalText Of(double x)
        {
            if (!read.TryGetValue(x, out var value))
            {
                read[x] = value = DecimalText.Of(x);
            }
            return value;
        }

        public DecimalText Literal(Coefficient? c) => Of(c?.Value ?? throw new InvalidOperationException("a coefficient the oracle needs is unknown"));
    }

    /// <summary>A value as text: "true"/"false" for booleans (0/1 numbers too), the level for categories.</summary>
    private static string? Text(Column column, int row) => column switch
    {
        BooleanColumn b => b[row] is { } v ? (v ? "true" : "false") : null,
        NumericColumn n => double.IsNaN(n[row]) ? null : n[row] == 1 ? "true" : n[row] == 0 ? "false" : null,
        CategoricalColumn c => c[row],
        _ => null,
    };

    private static DecimalText TermOf(NumberReader reader, LinearTerm term, Column column, (DecimalText? Low, DecimalText? High, Coefficient Points)[]? bins, int row)
    {
        if (term.Type == ColumnType.Numeric)
        {
            var x = ((NumericColumn)column)[row];
            if (double.IsNaN(x))
            {
                return reader.Literal(term.Missing);
            }
            var value = reader.Of(x);
            if (bins is not null)
            {
                // [min, max) compared on the texts' values.
                var bin = bins.Single(b => (b.Low is not { } lo || value.CompareTo(lo) >= 0) && (b.High is not { } hi || value.CompareTo(hi) < 0));
                return reader.Literal(bin.Points);
            }
            return reader.Literal(term.Weight) * value;
        }
        var text = Text(column, row);
        if (text is null)
        {
            return reader.Literal(term.Missing);
        }
        if (term.Type == ColumnType.Boolean)
        {
            return text == "true" ? reader.Literal(term.Weight) : DecimalText.Zero;
        }
        return reader.Literal(term.LevelWeights.TryGetValue(text, out var w) ? w : term.Other);
    }
}

/// <summary>
/// The rule's order over exact keys, by brute force: every row sorted by its exact key (the most adverse first), equal
/// keys in row order; the policies' outcomes and each row's place read off that order.
/// </summary>
public sealed class ExactOrder
{
    private readonly DecimalText[] keys;
    private readonly BigInteger[] units;
    private readonly AdverseTail adverse;

    public ExactOrder(DecimalText[] keys, AdverseTail adverse)
    {
        this.keys = keys;
        this.adverse = adverse;
        // Every key at one common scale, so that comparing is comparing integers.
        var scale = keys.Length == 0 ? 0 : keys.Max(k => k.Scale);
        units = keys.Select(k => k.Units * DecimalText.PowerOfTen(scale - k.Scale)).ToArray();
        Rows = Enumerable.Range(0, keys.Length).OrderBy(i => i, Comparer<int>.Create(Compare)).ToArray();
        Ranks = new long[keys.Length];
        for (var p = 0; p < Rows.Length; p++)
        {
            Ranks[Rows[p]] = p + 1;
        }
    }

    /// <summary>The rows in the rule's order.</summary>
    public int[] Rows { get; }

    /// <summary>Each row's place in the order (1 = first).</summary>
    public long[] Ranks { get; }

    /// <summary>Negative when row a's key is more adverse than row b's, 0 when equal (exactly).</summary>
    public int CompareKeys(int a, int b)
    {
        var c = units[a].CompareTo(units[b]);
        return adverse == AdverseTail.High ? -c : c;
    }

    private int Compare(int a, int b)
    {
        var c = CompareKeys(a, b);
        return c != 0 ? c : a.CompareTo(b);
    }

    /// <summary>
    /// A ranking policy of k: the first k rows of the order; the last of them, every row whose key equals its (in row
    /// order), and how many of those are tied and flagged (0, 0 when the cut-off does not split them).
    /// </summary>
    public (byte[] Flags, int LastRow, int[] TiedRows, long Tied, long TiedFlagged) Ranking(int k)
    {
        var flags = new byte[keys.Length];
        foreach (var i in Rows.Take(k))
        {
            flags[i] = 1;
        }
        var last = Rows[k - 1];
        // Equal keys are next to each other in the order: the run around position k − 1.
        int first = k - 1, end = k;
        while (first > 0 && CompareKeys(Rows[first - 1], last) == 0)
        {
            first--;
        }
        while (end < Rows.Length && CompareKeys(Rows[end], last) == 0)
        {
            end++;
        }
        long tied = end - first, flaggedTied = k - first;
        var tiedRows = Rows[first..end];
        return tied == flaggedTied ? (flags, last, tiedRows, 0, 0) : (flags, last, tiedRows, tied, flaggedTied);
    }

    /// <summary>A threshold at an exact key: flagged when the key is at or beyond it on the adverse side.</summary>
    public byte[] Threshold(DecimalText at) =>
        keys.Select(k => (adverse == AdverseTail.High ? k.CompareTo(at) >= 0 : k.CompareTo(at) <= 0) ? (byte)1 : (byte)0).ToArray();

    /// <summary>How many rows have a strictly less adverse exact key than the row.</summary>
    public long CountLessAdverse(int row) => Enumerable.Range(0, keys.Length).LongCount(i => CompareKeys(i, row) > 0);
}
