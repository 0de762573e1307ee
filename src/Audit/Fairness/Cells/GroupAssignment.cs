using System.Globalization;
using Audit.Data;

namespace Audit.Fairness.Cells;

/// <summary>
/// The group of every row for one protected attribute: a code per row into <see cref="Levels"/>.
/// Missing values form an explicit group named <see cref="MissingLabel"/> (last), never dropped.
/// Levels are ordered: in the order the plan declares when it does; otherwise bands in band order, categories in
/// natural order (<see cref="LevelOrder"/>: "D2" before "D10"), booleans false then true, numbers ascending; so the
/// order in every output is the same whatever the row order.
/// </summary>
public sealed class GroupAssignment
{
    /// <summary>The name of the group of rows whose value is missing (CONTRACTS.md).</summary>
    public const string MissingLabel = "(missing)";

    /// <summary>A numeric attribute without bands is grouped by value only when it has at most this many distinct values.</summary>
    public const int MaxDistinctNumericGroups = 12;

    public GroupAssignment(string attribute, int[] codes, string[] levels)
    {
        Attribute = attribute;
        Codes = codes;
        Levels = levels;
    }

    public string Attribute { get; }

    public int[] Codes { get; }

    public string[] Levels { get; }

    /// <summary>Groups a column: categories, booleans, numbers cut into bands (or, without bands, a few distinct values).</summary>
    /// <param name="order">The order of the levels the plan declares, or null for the natural order.</param>
    public static GroupAssignment FromColumn(Column column, IReadOnlyList<double>? bands, IReadOnlyList<string>? order = null)
    {
        var groups = Unordered(column, bands);
        return column is CategoricalColumn || order is not null ? groups.InOrder(order) : groups;
    }

    /// <summary>
    /// Groups a categorical or true/false column whose levels the plan merges (<c>groups:</c>): each row's level
    /// recoded to its group's name, then ordered as <paramref name="order"/> says (natural order without it).
    /// </summary>
    public static GroupAssignment FromColumn(Column column, IReadOnlyList<double>? bands, IReadOnlyList<string>? order, IReadOnlyList<LevelGroup>? groups)
    {
        if (groups is null)
        {
            return FromColumn(column, bands, order);
        }
        if (column is NumericColumn || bands is not null)
        {
            throw new AuditInputException("'groups' merges the levels of a categorical or true/false column", column: column.Name,
                expected: "a categorical or true/false column", found: column.Type.ToString().ToLowerInvariant(),
                hint: "cut a numeric column with 'bands', or derive a categorical column first ('derive:' with cut)");
        }
        return Unordered(column, null).Merged(groups).InOrder(order);
    }

    /// <summary>
    /// These levels merged into <paramref name="groups"/>: a level goes to the group that names it, else to the group
    /// <c>"*"</c>; <see cref="MissingLabel"/> stays its own group unless a group names it. A level of the data no group
    /// takes, or a named level the data does not have, is an error naming it. Groups with no row are dropped.
    /// </summary>
    public GroupAssignment Merged(IReadOnlyList<LevelGroup> groups)
    {
        var names = groups.Select(g => g.Name).ToList();
        var rest = groups.FirstOrDefault(g => g.IsRest);
        foreach (var level in groups.Where(g => !g.IsRest).SelectMany(g => g.Levels))
        {
            if (!Levels.Contains(level) && level != MissingLabel)
            {
                var closest = NameSuggestion.Closest(level, Levels);
                throw new AuditInputException($"the level '{level}' named in 'groups' does not occur in the data" + (closest is null ? "" : $" (did you mean '{closest}'?)"),
                    column: Attribute, expected: "one of " + string.Join(", ", Levels), found: level);
            }
        }
        var target = new int[Levels.Length];
        for (var l = 0; l < Levels.Length; l++)
        {
            var owner = groups.FirstOrDefault(g => !g.IsRest && g.Levels.Contains(Levels[l]))
                ?? (Levels[l] == MissingLabel ? null : rest)
                ?? (Levels[l] == MissingLabel ? null : throw new AuditInputException($"the level '{Levels[l]}' of the data is in no group", column: Attribute,
                    expected: "every level in a group", found: Levels[l], hint: $"add '{Levels[l]}' to a group, or add a group that takes every other level: Other: \"*\""));
            if (owner is null)
            {
                if (!names.Contains(MissingLabel))
                {
                    names.Add(MissingLabel);
                }
                target[l] = names.IndexOf(MissingLabel);
            }
            else
            {
                target[l] = names.IndexOf(owner.Name);
            }
        }
        var codes = new int[Codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = target[Codes[i]];
        }
        return Compact(Attribute, codes, [.. names]);
    }

    /// <summary>The levels permuted into <see cref="LevelOrder.Of"/>'s order (declared, else natural), the codes with them.</summary>
    private GroupAssignment InOrder(IReadOnlyList<string>? order)
    {
        var permutation = LevelOrder.Of(Levels, order, Attribute);
        var remap = new int[permutation.Length];
        var identity = true;
        for (var rank = 0; rank < permutation.Length; rank++)
        {
            remap[permutation[rank]] = rank;
            identity &= permutation[rank] == rank;
        }
        // Already in order (the usual case: categories sorted ordinally are mostly in natural order): the codes stand.
        // Codes are never shared between assignments before this step, so they may be kept (issue 21: one copy of a
        // million codes less per attribute).
        if (identity)
        {
            return new GroupAssignment(Attribute, Codes, [.. Levels]);
        }
        var codes = new int[Codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = remap[Codes[i]];
        }
        return new GroupAssignment(Attribute, codes, [.. permutation.Select(i => Levels[i])]);
    }

    private static GroupAssignment Unordered(Column column, IReadOnlyList<double>? bands)
    {
        return column switch
        {
            NumericColumn numeric when bands is not null => FromBands(numeric, bands),
            NumericColumn numeric => FromDistinctNumbers(numeric),
            CategoricalColumn categorical when bands is null => FromCategories(categorical),
            BooleanColumn boolean when bands is null => FromBooleans(boolean),
            _ => throw new AuditInputException("bands apply only to numeric columns", column: column.Name,
                expected: "a numeric column", found: column.Type.ToString().ToLowerInvariant(), hint: "remove 'bands' for this attribute"),
        };
    }

    /// <summary>Labels of the bands for these edges: "&lt;e0", "e0-(e1-1)" or "[e0, e1)" when an edge is not whole, ..., "eN+".</summary>
    public static string[] BandLabels(IReadOnlyList<double> edges)
    {
        var whole = edges.All(e => e == Math.Floor(e));
        string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        var labels = new string[edges.Count + 1];
        labels[0] = "<" + F(edges[0]);
        for (var i = 0; i + 1 < edges.Count; i++)
        {
            labels[i + 1] = whole ? $"{F(edges[i])}-{F(edges[i + 1] - 1)}" : $"[{F(edges[i])}, {F(edges[i + 1])})";
        }
        labels[edges.Count] = F(edges[^1]) + "+";
        return labels;
    }

    private static GroupAssignment FromBands(NumericColumn column, IReadOnlyList<double> edges)
    {
        var labels = BandLabels(edges);
        var values = column.Values;
        var codes = new int[values.Length];
        var missingCode = labels.Length;
        var anyMissing = false;
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            if (double.IsNaN(x))
            {
                codes[i] = missingCode;
                anyMissing = true;
                continue;
            }
            var band = 0;
            while (band < edges.Count && x >= edges[band])
            {
                band++;
            }
            codes[i] = band;
        }
        return Compact(column.Name, codes, anyMissing ? [.. labels, MissingLabel] : labels);
    }

    private static GroupAssignment FromDistinctNumbers(NumericColumn column)
    {
        // The distinct values in a small list searched linearly (at most 12 + 1 entries), not a SortedSet: one tree
        // insertion per row took most of the grouping of a million rows (issue 21). Values compare as the SortedSet
        // compared them (IEEE equality, so −0 and 0 are one value), and the 13th distinct value fails at the same row.
        var values = column.Values;
        Span<double> seen = stackalloc double[MaxDistinctNumericGroups + 1];
        var count = 0;
        var anyMissing = false;
        var last = double.NaN;
        foreach (var x in values)
        {
            if (double.IsNaN(x))
            {
                anyMissing = true;
                continue;
            }
            if (x == last || IndexOf(seen[..count], x) >= 0)
            {
                last = x;
                continue;
            }
            seen[count++] = x;
            last = x;
            if (count > MaxDistinctNumericGroups)
            {
                throw new AuditInputException($"the numeric attribute has more than {MaxDistinctNumericGroups} distinct values", column: column.Name,
                    expected: "bands for a numeric protected attribute", hint: "add 'bands: [18, 25, 35, 50, 65]' (your own edges) to this attribute in the plan");
            }
        }
        var ordered = seen[..count].ToArray();
        Array.Sort(ordered);
        // −0 and 0 are one value (IEEE 754 equality) and the group is "0" whichever came first: a −0 on the first row
        // renamed the group (issue 16, class 5).
        var labels = ordered.Select(x => (x == 0 ? 0.0 : x).ToString("R", CultureInfo.InvariantCulture)).ToList();
        var codes = new int[values.Length];
        var lastValue = double.NaN;
        var lastCode = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            if (double.IsNaN(x))
            {
                codes[i] = ordered.Length;
            }
            else if (x == lastValue)
            {
                codes[i] = lastCode;
            }
            else
            {
                lastValue = x;
                lastCode = codes[i] = Array.BinarySearch(ordered, x);
            }
        }
        if (anyMissing)
        {
            labels.Add(MissingLabel);
        }
        return new GroupAssignment(column.Name, codes, labels.ToArray());
    }

    /// <summary>The first position holding a value equal to <paramref name="x"/> by IEEE equality (−0 = 0), or −1.</summary>
    private static int IndexOf(ReadOnlySpan<double> values, double x)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] == x)
            {
                return i;
            }
        }
        return -1;
    }

    private static GroupAssignment FromCategories(CategoricalColumn column)
    {
        var levels = column.Levels;
        var order = Enumerable.Range(0, levels.Count).OrderBy(i => levels[i], StringComparer.Ordinal).ToArray();
        var remap = new int[levels.Count];
        for (var rank = 0; rank < order.Length; rank++)
        {
            remap[order[rank]] = rank;
        }
        var source = column.Codes;
        var codes = new int[source.Length];
        var anyMissing = false;
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == CategoricalColumn.Missing)
            {
                codes[i] = levels.Count;
                anyMissing = true;
            }
            else
            {
                codes[i] = remap[source[i]];
            }
        }
        var labels = order.Select(i => levels[i]).ToList();
        if (anyMissing)
        {
            labels.Add(MissingLabel);
        }
        return new GroupAssignment(column.Name, codes, labels.ToArray());
    }

    private static GroupAssignment FromBooleans(BooleanColumn column)
    {
        var values = column.Values;
        var codes = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            codes[i] = values[i] == BooleanColumn.Missing ? 2 : values[i];
        }
        return Compact(column.Name, codes, ["false", "true", MissingLabel]);
    }

    /// <summary>Drops the levels no row has (an empty band, no missing value), keeping the order of the rest.</summary>
    private static GroupAssignment Compact(string attribute, int[] codes, string[] labels)
    {
        var used = new bool[labels.Length];
        foreach (var c in codes)
        {
            used[c] = true;
        }
        var remap = new int[labels.Length];
        var kept = new List<string>();
        for (var i = 0; i < labels.Length; i++)
        {
            remap[i] = used[i] ? kept.Count : -1;
            if (used[i])
            {
                kept.Add(labels[i]);
            }
        }
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = remap[codes[i]];
        }
        return new GroupAssignment(attribute, codes, kept.ToArray());
    }
}
