using System.Globalization;
using Audit.Data;
using Audit.Fairness;
using Audit.Fairness.Cells;

namespace Audit;

/// <summary>
/// What a counts table (docs/counts-format.md) must hold for a plan: one column per protected attribute (named as the
/// attribute's column, holding its groups after the plan's bands and <c>groups:</c>), <c>label</c> when the plan has a
/// label, <c>decision</c>, <c>n</c>, and <c>weight</c> when the plan has a weight column.
/// </summary>
/// <param name="Attributes">The protected attributes, in the plan's order, with their bands, reference, order and merges.</param>
public sealed record CountsLayout(IReadOnlyList<ProtectedColumn> Attributes)
{
    /// <summary>Whether the plan has a label, so that the table has a <c>label</c> column.</summary>
    public bool Label { get; init; }

    /// <summary>Whether the plan has a weight column, so that the table has a <c>weight</c> column (the weights' sum per cell).</summary>
    public bool Weight { get; init; }

    /// <summary>Whether the weights are frequency weights (whole numbers of identical people) rather than sampling weights.</summary>
    public bool FrequencyWeights { get; init; }

    /// <summary>The number of rows the counts must add up to (plan key <c>data.total</c>); null: not checked.</summary>
    public long? Total { get; init; }
}

/// <summary>A counts table read and checked: the group statistics of the crossing of every attribute, and what the report says of the table.</summary>
/// <param name="Statistics">The counts of every (cell × label × decision), cells crossing the attributes in the plan's order.</param>
/// <param name="Attributes">Each attribute's groups (in the order a run over rows gives them), bands and reference; no row codes.</param>
/// <param name="Rows">The rows counted: the sum of <c>n</c>.</param>
/// <param name="TotalWeight">The sum of <c>weight</c>; null without a weight column.</param>
/// <param name="TableRows">The rows of the counts table itself.</param>
/// <param name="ScoreBins">Whether the table has a <c>score_bin</c> column (its histograms are summed over, not read: docs/counts-format.md).</param>
/// <param name="Missing">Rows counted with a missing value, by column of the counts table (attributes and label).</param>
public sealed record CountedPopulation(GroupStatistics Statistics, IReadOnlyList<AttributeInput> Attributes, long Rows, double? TotalWeight, int TableRows, bool ScoreBins,
    IReadOnlyDictionary<string, long> Missing);

/// <summary>
/// Reads a counts table (docs/counts-format.md) into the group statistics that a run over the same rows would count,
/// with every check of the format: the columns, each value (levels the plan's bands and groups can produce, labels
/// 0/1/empty, decisions 0/1, whole counts of 0 or more, weights), repeated cells, the reference groups and the total.
/// Every error names the file, the row and the column, what was expected and what was found.
/// </summary>
public static class CountsTable
{
    /// <summary>The label column: 1 = the adverse outcome observed, 0 = not, empty or NULL = unknown.</summary>
    public const string LabelColumn = "label";

    /// <summary>The decision column: 1 = flagged (the adverse decision), 0 = not.</summary>
    public const string DecisionColumn = "decision";

    /// <summary>The number of rows of the cell.</summary>
    public const string CountColumn = "n";

    /// <summary>The sum of the weight column over the cell's rows.</summary>
    public const string WeightColumn = "weight";

    /// <summary>The score's histogram bin (optional): the table's counts are summed over it.</summary>
    public const string ScoreBinColumn = "score_bin";

    /// <summary>Which partial aggregate a row comes from (optional): a cell may repeat only with different parts, and is then summed.</summary>
    public const string PartColumn = "part";

    /// <summary>The most rows counts may add up to: the tests of the fairness stage count people in 32-bit integers.</summary>
    public const long MaxRows = int.MaxValue;

    /// <summary>The columns a table for <paramref name="layout"/> must have, in the order docs/counts-format.md lists them.</summary>
    public static IReadOnlyList<string> Columns(CountsLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var columns = layout.Attributes.Select(a => a.Column).ToList();
        if (layout.Label)
        {
            columns.Add(LabelColumn);
        }
        columns.Add(DecisionColumn);
        columns.Add(CountColumn);
        if (layout.Weight)
        {
            columns.Add(WeightColumn);
        }
        return columns;
    }

    /// <summary>Reads and checks <paramref name="counts"/> (docs/counts-format.md).</summary>
    /// <param name="file">How errors name the table (the file as the plan wrote it).</param>
    /// <exception cref="AuditInputException">Any departure from the format, with file, row, column, expected and found.</exception>
    public static CountedPopulation Read(Table counts, CountsLayout layout, string file)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(layout);
        CheckColumns(counts, layout, file);
        var reader = new RowReader(counts, layout, file);
        var attributes = layout.Attributes;
        var rows = new List<CountedRow>(counts.RowCount);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        double totalWeight = 0;
        for (var r = 0; r < counts.RowCount; r++)
        {
            var row = reader.Read(r);
            if (!seen.TryAdd(row.Key, r))
            {
                throw reader.At(r, CountColumn, $"the cell of row {seen[row.Key] + 1} again: a cell may appear once (once per part)", "one row per cell", row.Count.ToString(CultureInfo.InvariantCulture),
                    hint: "a file written twice, or a join that repeats rows, gives repeated cells; partial counts of the same cell are summed when a 'part' column tells them apart");
            }
            total += row.Count;
            if (total > MaxRows)
            {
                throw reader.At(r, CountColumn, $"the counts add up to more than {MaxRows:N0} rows, more than the tests can count", $"at most {MaxRows:N0} rows in all", row.Count.ToString(CultureInfo.InvariantCulture));
            }
            totalWeight += row.Weight ?? 0;
            for (var a = 0; a < attributes.Count; a++)
            {
                if (row.Levels[a] == GroupAssignment.MissingLabel)
                {
                    missing[attributes[a].Column] = missing.GetValueOrDefault(attributes[a].Column) + row.Count;
                }
            }
            if (layout.Label && row.Label is null)
            {
                missing[LabelColumn] = missing.GetValueOrDefault(LabelColumn) + row.Count;
            }
            rows.Add(row);
        }
        CheckTotals(layout, file, counts.RowCount, total, totalWeight);
        var inputs = GroupsOf(layout, rows, file);
        var statistics = GroupByCounts.FromGroupBy(
            [.. attributes.Select(a => a.Column)],
            [.. inputs.Select(i => i.Groups.Levels)],
            rows.Where(x => x.Count > 0).Select(x => new GroupByRow(x.Levels, x.Label, x.Decision, x.Count, x.Weight)));
        return new CountedPopulation(statistics, inputs, total, layout.Weight ? totalWeight : null, counts.RowCount, counts.Find(ScoreBinColumn) is not null, missing);
    }

    /// <summary>One row of a counts table, checked: its groups, label, decision, count and weight, and the key of its cell (with its bin and part).</summary>
    private sealed record CountedRow(string[] Levels, int? Label, int Decision, long Count, double? Weight, string Key);

    /// <summary>Reads the rows of a counts table one by one, each value checked, each error with the file, row and column.</summary>
    private sealed class RowReader(Table counts, CountsLayout layout, string file)
    {
        private readonly string[]?[] allowed = [.. layout.Attributes.Select(AllowedLevels)];
        private readonly Column[] attributeColumns = [.. layout.Attributes.Select(a => counts[a.Column])];
        private readonly Column? label = layout.Label ? counts[LabelColumn] : null;
        private readonly Column decision = counts[DecisionColumn];
        private readonly Column count = counts[CountColumn];
        private readonly Column? weight = layout.Weight ? counts[WeightColumn] : null;
        private readonly Column? bin = counts.Find(ScoreBinColumn);
        private readonly Column? part = counts.Find(PartColumn);

        public AuditInputException At(int row, string column, string problem, string expected, string? found, string? hint = null) =>
            counts.Locate(new AuditInputException(problem, file: file, row: row + 1, column: column, expected: expected, found: found ?? "(empty)", hint: hint), file);

        public CountedRow Read(int r)
        {
            var levels = Levels(r);
            int? labelValue = null;
            if (label?.FormatValue(r) is { } labelText)
            {
                labelValue = Binary(labelText) is { } l ? l
                    : throw At(r, LabelColumn, "not a label", "0, 1, or empty for unknown", labelText, hint: "the label is 1 when the adverse outcome was observed");
            }
            var decisionText = decision.FormatValue(r);
            var decisionValue = decisionText is not null && Binary(decisionText) is { } d ? d
                : throw At(r, DecisionColumn, "not a decision", "0 or 1 (1 = flagged)", decisionText);
            var countText = count.FormatValue(r);
            var n = countText is not null && Integer(countText) is { } c and >= 0 ? c
                : throw At(r, CountColumn, countText is not null && Number(countText) is < 0 ? "a negative count" : "not a count of rows", "a whole number of 0 or more", countText);
            var w = Weight(r, n);
            var binText = bin?.FormatValue(r);
            if (binText is not null && Integer(binText) is not >= 0)
            {
                throw At(r, ScoreBinColumn, "not a score bin", "a bin number of 0 or more, or empty", binText);
            }
            var key = string.Join('\u001f', [.. levels, labelValue?.ToString(CultureInfo.InvariantCulture) ?? "", decisionValue.ToString(CultureInfo.InvariantCulture), binText ?? "", part?.FormatValue(r) ?? ""]);
            return new CountedRow(levels, labelValue, decisionValue, n, w, key);
        }

        /// <summary>The row's group of each attribute, each one the plan's bands, groups or order can produce.</summary>
        private string[] Levels(int r)
        {
            var levels = new string[attributeColumns.Length];
            for (var a = 0; a < levels.Length; a++)
            {
                var level = attributeColumns[a].FormatValue(r) ?? GroupAssignment.MissingLabel;
                if (allowed[a] is { } known && !known.Contains(level))
                {
                    var closest = NameSuggestion.Closest(level, known);
                    throw At(r, layout.Attributes[a].Column, "a group the plan cannot produce" + (closest is null ? "" : $" (did you mean '{closest}'?)"),
                        "one of " + string.Join(", ", known), level,
                        hint: "write each group as Audit names it after the plan's bands and groups, a missing value as an empty field (docs/counts-format.md)");
                }
                levels[a] = level;
            }
            return levels;
        }

        /// <summary>The row's sum of weights (null without a weight column): 0 or more, whole with frequency weights, 0 when the cell has no row.</summary>
        private double? Weight(int r, long n)
        {
            if (weight is null)
            {
                return null;
            }
            var text = weight.FormatValue(r);
            var w = text is not null && Number(text) is { } value && value >= 0 && double.IsFinite(value) ? value
                : throw At(r, WeightColumn, "not a sum of weights", "a number of 0 or more", text);
            if (layout.FrequencyWeights && w != Math.Floor(w))
            {
                throw At(r, WeightColumn, "a sum of frequency weights that is not a whole number", "a whole number of identical people", text,
                    hint: "survey weights are 'weights: sampling' (the default); frequency weights count people");
            }
            if (n == 0 && w > 0)
            {
                throw At(r, WeightColumn, "a weight without rows: the cell counts 0 rows", "0 when n is 0", text);
            }
            return w;
        }
    }

    /// <summary>The totals: someone counted, the plan's <c>data.total</c> when it gives one, weights that count someone and that the tests can count.</summary>
    private static void CheckTotals(CountsLayout layout, string file, int tableRows, long total, double totalWeight)
    {
        if (total == 0)
        {
            throw new AuditInputException("the counts add up to no one", file: file, column: CountColumn, expected: "at least one row counted", found: $"{tableRows:N0} rows of counts, all 0");
        }
        if (layout.Total is { } declared && declared != total)
        {
            throw new AuditInputException($"the counts add up to {total:N0} rows, not the {declared:N0} the plan declares", file: file, column: CountColumn,
                expected: $"{declared:N0} (data.total)", found: total.ToString(CultureInfo.InvariantCulture),
                hint: "a cell left out, counted twice, or a filter the counts did not apply: check the query that made the counts");
        }
        if (layout.Weight && totalWeight == 0)
        {
            throw new AuditInputException("every weight is 0: the weights count no one", file: file, column: WeightColumn, expected: "at least one weight above 0");
        }
        if (layout.FrequencyWeights && totalWeight > int.MaxValue)
        {
            throw new AuditInputException($"the frequency weights add up to {totalWeight:N0} people, more than the {int.MaxValue:N0} the tests can count", file: file, column: WeightColumn,
                expected: $"frequency weights adding up to at most {int.MaxValue:N0}");
        }
    }

    /// <summary>
    /// The groups a run over the same rows would have (<see cref="GroupAssignment.FromColumn(Column, IReadOnlyList{double}?, IReadOnlyList{string}?, IReadOnlyList{LevelGroup}?)"/>):
    /// the levels with rows, bands in band order, otherwise the declared or natural order, the missing group last; each
    /// named reference among them.
    /// </summary>
    private static AttributeInput[] GroupsOf(CountsLayout layout, List<CountedRow> rows, string file)
    {
        var attributes = layout.Attributes;
        var inputs = new AttributeInput[attributes.Count];
        for (var a = 0; a < attributes.Count; a++)
        {
            var present = rows.Where(x => x.Count > 0).Select(x => x.Levels[a]).Distinct(StringComparer.Ordinal).ToArray();
            var spec = attributes[a];
            string[] levels;
            if (spec.Bands is { } bands && spec.Order is null)
            {
                levels = [.. GroupAssignment.BandLabels(bands).Append(GroupAssignment.MissingLabel).Where(present.Contains)];
            }
            else
            {
                try
                {
                    levels = [.. LevelOrder.Of(present, spec.Order, spec.Column).Select(i => present[i])];
                }
                catch (AuditInputException e)
                {
                    throw e.WithFile(file);
                }
            }
            if (spec.Reference is { } reference && !levels.Contains(reference))
            {
                throw new AuditInputException($"the reference group '{reference}' has no row in the counts", file: file, column: spec.Column,
                    expected: "one of " + string.Join(", ", levels), found: reference,
                    hint: "a cell missing from the counts, or a reference the plan misspells: check the query, or write 'reference: largest'");
            }
            inputs[a] = new AttributeInput(new GroupAssignment(spec.Column, [], levels), spec.Bands, spec.Reference);
        }
        return inputs;
    }

    /// <summary>The (cell × label × decision) slots of <paramref name="statistics"/> with at least one row.</summary>
    public static int NonEmptySlots(GroupStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var nonEmpty = 0;
        foreach (var count in statistics.RawCounts)
        {
            nonEmpty += count > 0 ? 1 : 0;
        }
        return nonEmpty;
    }

    /// <summary>Every column the layout needs is there and no other (but <c>score_bin</c> and <c>part</c>).</summary>
    private static void CheckColumns(Table counts, CountsLayout layout, string file)
    {
        var expected = Columns(layout);
        var names = counts.Columns.Select(c => c.Name).ToArray();
        var list = string.Join(", ", expected);
        foreach (var column in expected)
        {
            if (!names.Contains(column))
            {
                var closest = NameSuggestion.Closest(column, names);
                throw new AuditInputException($"the counts table has no column '{column}'" + (closest is null ? "" : $" (did you mean '{closest}'?)"), file: file, column: column,
                    expected: $"the columns {list} (score_bin and part optional)", found: AuditInputException.QuoteList(names),
                    hint: column switch
                    {
                        LabelColumn => "the plan has a label (roles.label): count by it, or remove it from the plan",
                        WeightColumn => "the plan has a weight column (roles.weight): give the sum of its weights per cell",
                        _ => "docs/counts-format.md lists the columns; 'audit sql PLAN' writes the query that makes them",
                    });
            }
        }
        foreach (var column in names)
        {
            if (!expected.Contains(column) && column is not (ScoreBinColumn or PartColumn))
            {
                throw new AuditInputException($"the counts table has a column '{column}' that the plan does not count by", file: file, column: column,
                    expected: $"the columns {list} (score_bin and part optional)", found: column,
                    hint: column switch
                    {
                        LabelColumn => "the plan has no label: add 'roles: { label: ... }' or drop the column",
                        WeightColumn => "the plan has no weight column: add 'roles: { weight: ... }' or drop the column",
                        _ => "a protected attribute the plan does not name, or a column to drop: counting by it would change the cells",
                    });
            }
        }
    }

    /// <summary>The groups an attribute can have after the plan's bands or merges (the missing group with them); null when any text can be a group.</summary>
    private static string[]? AllowedLevels(ProtectedColumn attribute)
    {
        if (attribute.Groups is { } groups)
        {
            return [.. groups.Select(g => g.Name).Append(GroupAssignment.MissingLabel).Distinct(StringComparer.Ordinal)];
        }
        if (attribute.Bands is { } bands)
        {
            return [.. GroupAssignment.BandLabels(bands), GroupAssignment.MissingLabel];
        }
        return attribute.Order is { } order ? [.. order.Append(GroupAssignment.MissingLabel).Distinct(StringComparer.Ordinal)] : null;
    }

    /// <summary>0 or 1, written as a number or as false / true (an engine's BOOLEAN column); null for anything else.</summary>
    private static int? Binary(string text) => text switch
    {
        "true" => 1,
        "false" => 0,
        _ => Integer(text) is { } value and (0 or 1) ? (int)value : null,
    };

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A whole number written as such (2, 2.0, 2e3), or null.</summary>
    private static long? Integer(string text) =>
        Number(text) is { } value && value == Math.Floor(value) && Math.Abs(value) < 9e15 ? (long)value : null;
}
