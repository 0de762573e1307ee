using Audit.Fairness.Cells;
using Audit.Results;

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
    /// <summary>The groups to hide, per table.</summary>
    /// <param name="Groups">Every metric of these groups is hidden (primary and complementary).</param>
    /// <param name="LabelMetrics">Label-based metrics of these groups are hidden (a superset of <paramref name="Groups"/>).</param>
    /// <param name="Complementary">How many groups, over all tables, were hidden only to protect others.</param>
    /// <param name="Unprotected">Hidden groups whose count the published numbers still fix (e.g. a group that is the whole
    /// population); 0 in every audit we have run.</param>
    /// <param name="ExactCheck">False when there were more hidden groups than <see cref="MaxHiddenForExactCheck"/> and only the line rule applied.</param>
    public sealed record Plan(IReadOnlyList<IReadOnlySet<GroupKey>> Groups, IReadOnlyList<IReadOnlySet<GroupKey>> LabelMetrics, int Complementary, int ComplementaryLabel, int Unprotected, bool ExactCheck);

    /// <summary>The method as the report states it.</summary>
    public const string Method = "every line of a table (groups differing in one attribute, with their margin) holds zero or at least two hidden groups, together at least the minimum cell size (the smallest shown group is hidden until both hold); then no hidden count may be fixed by the published counts (checked by linear algebra on the line equations), else a further group is hidden";

    /// <summary>
    /// The order in which equal-sized candidates are tried, the last tie-break: the ordinal order of the groups' parts,
    /// each length-prefixed and sorted. Only an order (identity is the <see cref="GroupKey"/>); kept as it was, so that
    /// which group complementary suppression picks does not change.
    /// </summary>
    private static string TieBreak(GroupKey group)
    {
        var pairs = group.Parts.Select(p => $"{p.Key.Length}:{p.Key}{p.Value.Length}:{p.Value}").ToArray();
        Array.Sort(pairs, StringComparer.Ordinal);
        return string.Concat(pairs);
    }

    /// <param name="tables">Every published table (single attributes and intersections) with its statistics.</param>
    /// <param name="primary">True when a group must be hidden for its own sake (too few rows).</param>
    /// <param name="primaryLabel">True when a group's label metrics must be hidden for their own sake.</param>
    /// <param name="protection">The protection level: the hidden groups of a line must hold at least this many rows together
    /// (the minimum cell size), or their sum would be a published group smaller than the minimum.</param>
    public static Plan Apply(IReadOnlyList<GroupStatistics> tables, Func<ConfusionCounts, bool> primary, Func<ConfusionCounts, bool>? primaryLabel, long protection = 1)
    {
        var model = tables.Select(Table.Of).ToArray();
        var groups = Run(model, primary, c => c.Count(), protection);
        if (primaryLabel is null)
        {
            return new Plan(groups.Hidden, groups.Hidden, groups.Added, 0, groups.Unprotected.Count, groups.Exact);
        }
        var labels = Run(model, c => primary(c) || primaryLabel(c), c => c.LabelledCount(), protection, groups.Hidden);
        return new Plan(groups.Hidden, labels.Hidden, groups.Added, labels.Added, groups.Unprotected.Union(labels.Unprotected).Count(), groups.Exact && labels.Exact);
    }

    /// <summary>
    /// Hidden counts the check by linear algebra handles at most; above it (thousands of hidden groups, which only a plan
    /// crossing many fine attributes produces) the line rule alone applies and the result says so.
    /// </summary>
    public const int MaxHiddenForExactCheck = 1_500;

    /// <summary>
    /// Null-space computations (one SVD each) allowed per layer. Every pinned count costs one, plus one per shown group
    /// tried; past the budget the line rule's result stands and the result says the exact check was not completed.
    /// </summary>
    public const int MaxKernelComputations = 300;

    /// <summary>Shown groups tried, for one determined count, before it is declared unprotectable.</summary>
    private const int MaxTrials = 50;

    private static (IReadOnlySet<GroupKey>[] Hidden, int Added, IReadOnlySet<GroupKey> Unprotected, bool Exact) Run(Table[] tables, Func<ConfusionCounts, bool> primary, Func<ConfusionCounts, long> size, long protection, IReadOnlySet<GroupKey>[]? alsoHidden = null)
    {
        var layer = new Layer(tables, primary, size, alsoHidden);
        var start = layer.HiddenCount;
        var unprotectable = new HashSet<GroupKey>();
        var exact = true;
        var kernels = 0;
        while (true)
        {
            // 1. The line rule until nothing changes: cheap, and enough for single attributes and most crossings.
            bool changed;
            do
            {
                changed = layer.ApplyLineRule(protection);
            }
            while (changed);

            // 2. The line rule can miss a count fixed by several lines together (a hidden margin whose own lines pin
            //    it down, in three-way crossings). Solve for it: a hidden count is determined by the published numbers
            //    exactly when every vector of the null space of the line equations (over the hidden counts) is zero there.
            if (kernels >= MaxKernelComputations)
            {
                exact = false;
                break;
            }
            kernels++;
            var found = layer.Determined();
            exact = found is not null;
            var determined = found?.Where(k => !unprotectable.Contains(k)).ToList();
            if (determined is null || determined.Count == 0)
            {
                break;
            }
            kernels = layer.Unpin(determined[0], kernels, unprotectable);
        }
        return (layer.Hidden, layer.HiddenCount - start, unprotectable, exact);
    }

    /// <summary>One layer of suppression (whole groups, or label metrics) over every table: which groups are hidden, and the rules that add to them.</summary>
    private sealed class Layer
    {
        private readonly HashSet<GroupKey>[] hidden;
        private readonly List<Line> lines;
        private readonly Dictionary<GroupKey, long> sizes;
        private readonly Dictionary<GroupKey, int> tableOf;

        public Layer(Table[] tables, Func<ConfusionCounts, bool> primary, Func<ConfusionCounts, long> size, IReadOnlySet<GroupKey>[]? alsoHidden)
        {
            hidden = tables.Select((t, i) =>
            {
                var set = new HashSet<GroupKey>(t.Cells.Where(c => primary(c.Counts)).Select(c => c.Key));
                if (alsoHidden is not null)
                {
                    set.UnionWith(alsoHidden[i]);
                }
                return set;
            }).ToArray();
            lines = LinesOf(tables);
            sizes = tables.SelectMany(t => t.Cells).ToDictionary(c => c.Key, c => size(c.Counts));
            tableOf = tables.SelectMany((t, i) => t.Cells.Select(c => (c.Key, i))).ToDictionary(p => p.Key, p => p.i);
        }

        public IReadOnlySet<GroupKey>[] Hidden => hidden;

        public int HiddenCount => hidden.Sum(h => h.Count);

        private bool IsHidden(GroupKey key) => hidden[tableOf[key]].Contains(key);

        private bool Hide(GroupKey key) => hidden[tableOf[key]].Add(key);

        /// <summary>The hidden counts the published numbers fix; null when there are too many to check.</summary>
        public List<GroupKey>? Determined() => ComplementarySuppression.Determined(lines, IsHidden, tableOf);

        /// <summary>The smallest shown group of a line that measures something (size > 0), or null.</summary>
        private GroupKey? SmallestShown(Line line)
        {
            GroupKey? best = null;
            foreach (var key in line.Cells)
            {
                if (!IsHidden(key) && sizes[key] > 0 && (best is null || sizes[key] < sizes[best]))
                {
                    best = key;
                }
            }
            return best;
        }

        /// <summary>One pass of the line rule over every line; true when it hid a group.</summary>
        public bool ApplyLineRule(long protection)
        {
            var changed = false;
            foreach (var line in lines)
            {
                // The line is one equation: its groups add up to its margin. With exactly one unknown in it (a hidden
                // group, or a hidden margin whose groups are all shown), that unknown is published in effect.
                var marginInTable = line.Margin is { } m && tableOf.ContainsKey(m);
                var marginHidden = marginInTable && IsHidden(line.Margin!);
                var unknowns = line.Cells.Count(IsHidden) + (marginHidden ? 1 : 0);
                // Protection level: with the margin published, the hidden groups' sum is published in effect, so it
                // must be no smaller than the minimum cell size (two hidden groups of 3 and 4 would reveal 7 people).
                var hiddenSum = line.Cells.Where(IsHidden).Sum(k => sizes[k]);
                var tooSmallTogether = !marginHidden && unknowns >= 2 && hiddenSum < protection;
                if (unknowns != 1 && !tooSmallTogether)
                {
                    continue;
                }
                if (SmallestShown(line) is { } complement)
                {
                    changed |= Hide(complement);
                }
                else if (marginInTable)
                {
                    // The hidden group is alone in its line (or the rest measure nothing): it equals its margin, which must go too.
                    changed |= Hide(line.Margin!);
                }
            }
            return changed;
        }

        /// <summary>
        /// Hides the shown group that unpins a determined count: first the smallest shown group of a line through it,
        /// else the smallest shown group anywhere whose hiding leaves it undetermined (tried in order of size, at most
        /// <see cref="MaxTrials"/>). Returns the null-space computations used so far.
        /// </summary>
        public int Unpin(GroupKey target, int kernels, HashSet<GroupKey> unprotectable)
        {
            var through = lines.Where(l => l.Cells.Contains(target) || l.Margin == target).SelectMany(l => l.Cells).ToHashSet();
            var candidates = sizes.Keys.Where(k => !IsHidden(k) && sizes[k] > 0)
                .OrderBy(k => through.Contains(k) ? 0 : 1).ThenBy(k => sizes[k]).ThenBy(TieBreak, StringComparer.Ordinal)
                .Take(MaxTrials).ToList();
            foreach (var candidate in candidates)
            {
                if (kernels++ >= MaxKernelComputations)
                {
                    break;
                }
                Hide(candidate);
                if (Determined() is { } still && !still.Contains(target))
                {
                    return kernels;
                }
                hidden[tableOf[candidate]].Remove(candidate);
            }
            // No single extra group unpins it: hide the smallest shown group next to it for good and look again; with
            // none left next to it (a group equal to the whole population, say), it stays hidden and the result counts
            // it so that the report can say so.
            var next = candidates.FirstOrDefault(through.Contains);
            if (next is null)
            {
                unprotectable.Add(target);
            }
            else
            {
                Hide(next);
            }
            return kernels;
        }
    }

    /// <summary>Every line of every table: the groups that differ only in one attribute, and their margin (null: the whole population).</summary>
    private static List<Line> LinesOf(Table[] tables)
    {
        var lines = new List<Line>();
        foreach (var table in tables)
        {
            for (var free = 0; free < table.Attributes.Length; free++)
            {
                var kept = table.Attributes.Where((_, i) => i != free).ToArray();
                foreach (var line in table.Cells.GroupBy(c => GroupKey.Of(kept, c.Labels.Where((_, i) => i != free).ToArray())))
                {
                    // A margin that is no table of the audit is treated as published (it can often be added up from the table).
                    lines.Add(new Line(line.Select(c => c.Key).ToArray(), kept.Length == 0 ? null : line.Key));
                }
            }
        }
        return lines;
    }

    /// <summary>The hidden counts the published numbers fix, in a stable order; null when there are too many to check.</summary>
    private static List<GroupKey>? Determined(List<Line> lines, Func<GroupKey, bool> isHidden, Dictionary<GroupKey, int> tableOf)
    {
        var variables = new Dictionary<GroupKey, int>();
        var rows = new List<(int Column, double Value)[]>();
        foreach (var line in lines)
        {
            var row = new List<(int, double)>();
            foreach (var key in line.Cells.Where(isHidden))
            {
                row.Add((Variable(key), 1));
            }
            if (line.Margin is { } m && tableOf.ContainsKey(m) && isHidden(m))
            {
                row.Add((Variable(m), -1));
            }
            if (row.Count > 0)
            {
                rows.Add([.. row]);
            }
        }
        int Variable(GroupKey key)
        {
            if (!variables.TryGetValue(key, out var v))
            {
                v = variables.Count;
                variables.Add(key, v);
            }
            return v;
        }
        if (variables.Count == 0)
        {
            return [];
        }
        if (variables.Count > MaxHiddenForExactCheck)
        {
            return null;
        }
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(rows.Count, variables.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var (column, value) in rows[r])
            {
                a[r, column] += value;
            }
        }
        var kernel = a.Kernel();
        var names = variables.OrderBy(p => p.Value).Select(p => p.Key).ToArray();
        var determined = new List<GroupKey>();
        for (var v = 0; v < names.Length; v++)
        {
            if (kernel.All(basis => Math.Abs(basis[v]) < 1e-9))
            {
                determined.Add(names[v]);
            }
        }
        return determined;
    }

    private sealed record Line(GroupKey[] Cells, GroupKey? Margin);

    /// <summary>A published table: its attributes and its non-empty groups (empty groups are not shown at all).</summary>
    private sealed record Table(string[] Attributes, IReadOnlyList<Cell> Cells)
    {
        public static Table Of(GroupStatistics stats)
        {
            var attributes = stats.Attributes.ToArray();
            var cells = new List<Cell>();
            // The cells the report lists, empty crossings of occurring levels included: they are hidden like small
            // ones (size 0 is below any minimum) and protected like them, since an empty cell worked out by subtraction
            // tells what every member of a small group shares.
            foreach (var c in stats.ListedCells())
            {
                var labels = stats.CellLabels(c);
                cells.Add(new Cell(GroupKey.Of(attributes, labels), labels, stats.Cell(c)));
            }
            return new Table(attributes, cells);
        }
    }

    private sealed record Cell(GroupKey Key, string[] Labels, ConfusionCounts Counts);
}
