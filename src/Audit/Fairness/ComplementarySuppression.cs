namespace Audit.Fairness;

/// <summary>
/// Which groups must be hidden, beyond the small ones, so that no hidden group can be worked out by subtraction.
/// </summary>
/// <remarks>
/// <para>
/// Primary suppression hides a group with fewer rows than the minimum cell size. That is not enough when the totals are
/// published: if one group of an attribute is hidden and the others are shown, the hidden group's count (and flagged
/// count, and labelled counts) is the overall number minus the others'. Statistical agencies add <em>complementary</em>
/// (secondary) suppression: every "line" of a published table that holds a hidden cell must hold at least two, so that
/// only their sum can be recovered (Hundepool et al., <em>Statistical Disclosure Control</em>, Wiley 2012, §5.2;
/// τ-ARGUS's hypercube method applies the same rule cell by cell).
/// </para>
/// <para>
/// A line here is the set of groups of one table that agree on every attribute but one, together with its margin: the
/// group of the table without that attribute (a single attribute's margin is the whole population, always published).
/// When a line's margin is shown and exactly one of its groups is hidden, the smallest shown group of the line (fewest
/// rows; the first on a tie) is hidden too; when the hidden group is alone in its line, it equals the margin, so the
/// margin is hidden instead. Hiding a group can create a new single-hidden line in another direction or table, so the
/// rule is applied until nothing changes (it only ever adds, so it ends). A margin that is not itself one of the
/// analysed tables is treated as published: it can often be added up from the table, and assuming so only hides more.
/// </para>
/// <para>
/// The same rule runs a second time for label-based metrics (error rates, precision), whose own primary rule hides them
/// when a labelled cell of the group is small (<see cref="FairnessAnalysis"/>): a group whose label metrics alone are
/// hidden could otherwise be recovered from the overall error rates and the other groups'. That layer ranks shown groups
/// by labelled rows.
/// </para>
/// <para>
/// What this does not cover: differences between overlapping tables published in different runs (a plan run twice with
/// different bands), and score distributions beyond the summaries the report prints. docs/methodology.md says so.
/// </para>
/// </remarks>
public static class ComplementarySuppression
{
    /// <summary>The groups to hide, per table, as <see cref="KeyOf"/> keys.</summary>
    /// <param name="Groups">Every metric of these groups is hidden (primary and complementary).</param>
    /// <param name="LabelMetrics">Label-based metrics of these groups are hidden (a superset of <paramref name="Groups"/>).</param>
    /// <param name="Complementary">How many groups, over all tables, were hidden only to protect others.</param>
    public sealed record Plan(IReadOnlyList<IReadOnlySet<string>> Groups, IReadOnlyList<IReadOnlySet<string>> LabelMetrics, int Complementary, int ComplementaryLabel);

    /// <summary>A group's identity independent of the order in which a table lists its attributes.</summary>
    public static string KeyOf(IReadOnlyList<string> attributes, IReadOnlyList<string> labels)
    {
        var pairs = new string[attributes.Count];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = attributes[i] + "\u001f" + labels[i];
        }
        Array.Sort(pairs, StringComparer.Ordinal);
        return string.Join("\u001e", pairs);
    }

    /// <param name="tables">Every published table (single attributes and intersections) with its statistics.</param>
    /// <param name="primary">True when a group must be hidden for its own sake (too few rows).</param>
    /// <param name="primaryLabel">True when a group's label metrics must be hidden for their own sake.</param>
    public static Plan Apply(IReadOnlyList<GroupStatistics> tables, Func<ConfusionCounts, bool> primary, Func<ConfusionCounts, bool>? primaryLabel)
    {
        var model = tables.Select(Table.Of).ToArray();
        var groups = Run(model, primary, c => c.Count());
        if (primaryLabel is null)
        {
            return new Plan(groups.Hidden, groups.Hidden, groups.Added, 0);
        }
        var labels = Run(model, c => primary(c) || primaryLabel(c), c => c.LabelledCount(), groups.Hidden);
        return new Plan(groups.Hidden, labels.Hidden, groups.Added, labels.Added);
    }

    private static (IReadOnlySet<string>[] Hidden, int Added) Run(Table[] tables, Func<ConfusionCounts, bool> primary, Func<ConfusionCounts, long> size, IReadOnlySet<string>[]? alsoHidden = null)
    {
        var hidden = tables.Select((t, i) =>
        {
            var set = new HashSet<string>(t.Cells.Where(c => primary(c.Counts)).Select(c => c.Key), StringComparer.Ordinal);
            if (alsoHidden is not null)
            {
                set.UnionWith(alsoHidden[i]);
            }
            return set;
        }).ToArray();
        var start = hidden.Sum(h => h.Count);
        // Tables by their sorted attribute names, to find a line's margin.
        var byAttributes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tables.Length; i++)
        {
            byAttributes.TryAdd(string.Join("\u001e", tables[i].Attributes.Order(StringComparer.Ordinal)), i);
        }

        bool changed;
        do
        {
            changed = false;
            for (var t = 0; t < tables.Length; t++)
            {
                var table = tables[t];
                for (var free = 0; free < table.Attributes.Length; free++)
                {
                    var kept = table.Attributes.Where((_, i) => i != free).ToArray();
                    var margin = kept.Length == 0 ? -1 : byAttributes.GetValueOrDefault(string.Join("\u001e", kept.Order(StringComparer.Ordinal)), -2);
                    foreach (var line in table.Cells.GroupBy(c => KeyOf(kept, c.Labels.Where((_, i) => i != free).ToArray()), StringComparer.Ordinal))
                    {
                        // The margin: the whole population (always shown), a group of another table (shown unless hidden),
                        // or a table not analysed (assumed derivable, so treated as shown).
                        if (margin >= 0 && hidden[margin].Contains(line.Key))
                        {
                            continue;
                        }
                        var cells = line.ToList();
                        if (cells.Count(c => hidden[t].Contains(c.Key)) != 1)
                        {
                            continue;
                        }
                        // A shown group with nothing to measure (no labelled rows, in the label layer) protects nothing.
                        var shown = cells.Where(c => !hidden[t].Contains(c.Key) && size(c.Counts) > 0).ToList();
                        if (shown.Count > 0)
                        {
                            var smallest = shown[0];
                            foreach (var c in shown)
                            {
                                if (size(c.Counts) < size(smallest.Counts))
                                {
                                    smallest = c;
                                }
                            }
                            hidden[t].Add(smallest.Key);
                            changed = true;
                        }
                        else if (margin >= 0)
                        {
                            // The hidden group is alone in its line (or the rest measure nothing): it equals its margin, which must go too.
                            changed |= hidden[margin].Add(line.Key);
                        }
                    }
                }
            }
        }
        while (changed);
        return (hidden, hidden.Sum(h => h.Count) - start);
    }

    /// <summary>A published table: its attributes and its non-empty groups (empty groups are not shown at all).</summary>
    private sealed record Table(string[] Attributes, IReadOnlyList<Cell> Cells)
    {
        public static Table Of(GroupStatistics stats)
        {
            var attributes = stats.Attributes.ToArray();
            var cells = new List<Cell>();
            for (var c = 0; c < stats.CellCount; c++)
            {
                var counts = stats.Cell(c);
                if (counts.Count() > 0)
                {
                    var labels = stats.CellLabels(c);
                    cells.Add(new Cell(KeyOf(attributes, labels), labels, counts));
                }
            }
            return new Table(attributes, cells);
        }
    }

    private sealed record Cell(string Key, string[] Labels, ConfusionCounts Counts);
}
