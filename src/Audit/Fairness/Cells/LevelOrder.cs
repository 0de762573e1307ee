using System.Globalization;

namespace Audit.Fairness.Cells;

/// <summary>
/// The order of an attribute's groups, which every table, plot and CSV follows (the results list groups in it):
/// the order the plan declares (<c>order: [D1, D2, ..., D10]</c>), else the natural order of the labels, numbers
/// compared as numbers ("D2" before "D10", "25-34" before "100+", "&lt;25" before "25-34"); bands of a numeric
/// attribute by their edges; the <see cref="GroupAssignment.MissingLabel"/> group always last.
/// </summary>
public static class LevelOrder
{
    /// <summary>Numeric-aware comparison of two labels (ordinal on text, numbers by value, ordinal as the last tie-break).</summary>
    public static IComparer<string> Natural { get; } = Comparer<string>.Create(CompareNatural);

    /// <summary>
    /// The labels in natural order, or in the declared order when there is one; a label of the data that the declared
    /// order does not list is an error (a misspelt level would otherwise sort silently elsewhere), a declared label the
    /// data lacks is skipped (a band or a level may be empty in a sample).
    /// </summary>
    /// <returns>The permutation: position i holds the index into <paramref name="labels"/> of the i-th level.</returns>
    public static int[] Of(IReadOnlyList<string> labels, IReadOnlyList<string>? declared, string attribute)
    {
        var indices = Enumerable.Range(0, labels.Count).Where(i => labels[i] != GroupAssignment.MissingLabel).ToList();
        if (declared is null)
        {
            indices.Sort((a, b) => CompareNatural(labels[a], labels[b]));
        }
        else
        {
            var rank = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < declared.Count; i++)
            {
                rank.TryAdd(declared[i], i);
            }
            var unlisted = indices.Where(i => !rank.ContainsKey(labels[i])).Select(i => labels[i]).ToArray();
            if (unlisted.Length > 0)
            {
                throw new AuditInputException($"the group '{unlisted[0]}' of '{attribute}' is not in its declared order", column: attribute,
                    expected: "every group of the data in 'order'", found: string.Join(", ", unlisted),
                    hint: $"add {string.Join(", ", unlisted)} to the attribute's 'order' list, or remove 'order' to sort the groups naturally");
            }
            indices.Sort((a, b) => rank[labels[a]].CompareTo(rank[labels[b]]));
        }
        var missing = Enumerable.Range(0, labels.Count).Where(i => labels[i] == GroupAssignment.MissingLabel);
        return [.. indices, .. missing];
    }

    /// <summary>Runs of digits (with a decimal part) compare by value; other text ordinally; a leading "&lt;" or "≤" comes before its number.</summary>
    private static int CompareNatural(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }
        var (i, j) = (0, 0);
        while (i < x.Length && j < y.Length)
        {
            var (a, nextI) = Token(x, i);
            var (b, nextJ) = Token(y, j);
            var order = a.CompareTo(b);
            if (order != 0)
            {
                return order;
            }
            (i, j) = (nextI, nextJ);
        }
        var byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }

    /// <summary>A number (kind 0, before text as digits come before letters in ASCII), "below" a number (kind -1) or one character of text (kind 1).</summary>
    private readonly record struct Piece(int Kind, decimal Number, char Text) : IComparable<Piece>
    {
        public int CompareTo(Piece other)
        {
            if (Kind != 1 && other.Kind != 1)
            {
                var byNumber = Number.CompareTo(other.Number);
                return byNumber != 0 ? byNumber : Kind.CompareTo(other.Kind);
            }
            if (Kind != other.Kind)
            {
                return Kind == 1 ? (Text.CompareTo('0') < 0 ? -1 : 1) : (other.Text.CompareTo('0') < 0 ? 1 : -1);
            }
            return Text.CompareTo(other.Text);
        }
    }

    private static (Piece Piece, int Next) Token(string s, int at)
    {
        var below = (s[at] is '<' or '\u2264') && at + 1 < s.Length && char.IsAsciiDigit(s[at + 1]);
        var start = below ? at + 1 : at;
        if (!char.IsAsciiDigit(s[start]))
        {
            return (new Piece(1, 0, s[at]), at + 1);
        }
        var end = start;
        while (end < s.Length && char.IsAsciiDigit(s[end]))
        {
            end++;
        }
        if (end + 1 < s.Length && s[end] is '.' or ',' && char.IsAsciiDigit(s[end + 1]))
        {
            end++;
            while (end < s.Length && char.IsAsciiDigit(s[end]))
            {
                end++;
            }
        }
        var digits = s[start..end].Replace(',', '.');
        var number = digits.Length <= 28 && decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : decimal.MaxValue;
        return (new Piece(below ? -1 : 0, number, '\0'), end);
    }
}
