using System.Globalization;
using Audit.Data;
using Audit.Models;

namespace Audit.Recourse;

/// <summary>
/// A model's inputs as numbers, so that recourse can compare, change and re-score them: a numeric value as is, a
/// boolean as 0/1, a category as its level code in the population's column; NaN is missing. Builds tables of
/// changed rows with the population's own column types, so that the model's own scorer re-scores them.
/// </summary>
public sealed class FeatureCodec
{
    /// <summary>The level of a one-hot group when none of its columns is set.</summary>
    public const string NoneLevel = "(none)";

    private readonly Column[][] columns;
    private readonly bool[] isGroup;
    private readonly string[][] groupLevels;
    private readonly Dictionary<string, int> slotOfColumn = new(StringComparer.Ordinal);

    /// <param name="groups">One-hot groups: boolean inputs that encode one category together, each read as one categorical input.</param>
    public FeatureCodec(Table population, IReadOnlyList<FeatureSpec> features, IReadOnlyList<OneHotGroup>? groups = null)
    {
        groups ??= [];
        Column ColumnOf(string name) => population.Find(name)
            ?? throw new AuditInputException($"the model reads the column '{name}', which the data does not have", column: name);
        var specs = new List<FeatureSpec>();
        var slots = new List<Column[]>();
        var grouped = new List<bool>();
        var levels = new List<string[]>();
        foreach (var feature in features)
        {
            if (groups.FirstOrDefault(g => g.Members.Contains(feature.Name)) is { } group)
            {
                if (group.Members[0] != feature.Name)
                {
                    continue;
                }
                var members = group.Members.Select(ColumnOf).ToArray();
                slots.Add(members);
                grouped.Add(true);
                specs.Add(new FeatureSpec(group.Name, ColumnType.Categorical, "one-hot group of " + string.Join(", ", group.Members)));
                var anyNone = Enumerable.Range(0, population.RowCount).Any(r => members.All(c => ValueOf(c, r) == 0));
                levels.Add(anyNone ? [.. group.Members, NoneLevel] : [.. group.Members]);
                foreach (var member in group.Members)
                {
                    slotOfColumn[member] = slots.Count - 1;
                }
                continue;
            }
            slots.Add([ColumnOf(feature.Name)]);
            grouped.Add(false);
            specs.Add(feature);
            levels.Add([]);
            slotOfColumn[feature.Name] = slots.Count - 1;
        }
        Features = specs;
        columns = [.. slots];
        isGroup = [.. grouped];
        groupLevels = [.. levels];
    }

    /// <summary>The inputs recourse works on: the model's features, with each one-hot group as one categorical input.</summary>
    public IReadOnlyList<FeatureSpec> Features { get; }

    public int Count => columns.Length;

    /// <summary>The input that carries a model column (a one-hot group for its members); −1 when none does.</summary>
    public int InputOf(string column) => slotOfColumn.GetValueOrDefault(column, -1);

    /// <summary>Whether the input is a one-hot group.</summary>
    public bool IsGroup(int feature) => isGroup[feature];

    /// <summary>The semantic type (a boolean stored as 0/1 numbers is a boolean; a one-hot group is categorical).</summary>
    public ColumnType TypeOf(int feature) =>
        isGroup[feature] ? ColumnType.Categorical : Features[feature].Type == ColumnType.Boolean ? ColumnType.Boolean : columns[feature][0].Type;

    /// <summary>The levels of a categorical input as the population codes them (a group's: its columns, then "(none)" when it occurs).</summary>
    public IReadOnlyList<string> LevelsOf(int feature) =>
        isGroup[feature] ? groupLevels[feature] : columns[feature][0] is CategoricalColumn c ? c.Levels : [];

    /// <summary>One row's inputs.</summary>
    public void Read(int row, Span<double> values)
    {
        for (var f = 0; f < columns.Length; f++)
        {
            values[f] = InputValue(f, row);
        }
    }

    /// <summary>
    /// The distribution of one input's known values over the population: as <see cref="ValueDistribution.Of"/> of
    /// <see cref="ReadColumn"/>, but a boolean column's bytes and a category's codes are counted where they are.
    /// </summary>
    internal ValueDistribution Distribution(int feature) => (isGroup[feature] ? null : columns[feature][0]) switch
    {
        BooleanColumn b => ValueDistribution.OfBytes(b.Values, BooleanColumn.Missing),
        CategoricalColumn c => ValueDistribution.OfCodes(c.Codes, CategoricalColumn.Missing),
        _ => ValueDistribution.Of(ReadColumn(feature)),
    };

    /// <summary>The whole column of one input as numbers.</summary>
    public double[] ReadColumn(int feature)
    {
        var values = new double[columns[feature][0].Length];
        // A plain column is read by its type once, not row by row through InputValue (issue 21: 13.8 M rows per input).
        switch (isGroup[feature] ? null : columns[feature][0])
        {
            case NumericColumn n:
                n.Values.CopyTo(values);
                return values;
            case BooleanColumn b:
                var bytes = b.Values;
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = bytes[i] == BooleanColumn.Missing ? double.NaN : bytes[i];
                }
                return values;
            case CategoricalColumn c:
                var codes = c.Codes;
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = codes[i] == CategoricalColumn.Missing ? double.NaN : codes[i];
                }
                return values;
        }
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = InputValue(feature, i);
        }
        return values;
    }

    private double InputValue(int feature, int row)
    {
        if (!isGroup[feature])
        {
            return ValueOf(columns[feature][0], row);
        }
        var members = columns[feature];
        var set = -1;
        for (var j = 0; j < members.Length; j++)
        {
            var v = ValueOf(members[j], row);
            if (double.IsNaN(v))
            {
                return double.NaN;
            }
            if (v == 1)
            {
                if (set >= 0)
                {
                    throw new AuditInputException($"two columns of the one-hot group '{Features[feature].Name}' are set", row: row + 1, column: members[j].Name,
                        expected: "at most one of " + string.Join(", ", members.Select(c => c.Name)) + " set to 1", found: members[set].Name + " and " + members[j].Name,
                        hint: "fix the row, or remove the group from recourse.one_hot if the columns are not one category");
                }
                set = j;
            }
        }
        return set >= 0 ? set : members.Length;
    }

    private static double ValueOf(Column column, int row) => column switch
    {
        NumericColumn n => n[row],
        BooleanColumn b => b.Values[row] == BooleanColumn.Missing ? double.NaN : b.Values[row],
        CategoricalColumn c => c.Code(row) == CategoricalColumn.Missing ? double.NaN : c.Code(row),
        _ => double.NaN,
    };

    /// <summary>A table of the given rows of inputs, with the population's column types and levels (a group written back as its columns).</summary>
    public Table Build(IReadOnlyList<double[]> rows)
    {
        var built = new List<Column>();
        for (var f = 0; f < columns.Length; f++)
        {
            if (!isGroup[f])
            {
                // A plain input: its values copied straight from the rows (no delegate per value; issue 21).
                built.Add(ColumnOf(columns[f][0], rows, f));
                continue;
            }
            for (var j = 0; j < columns[f].Length; j++)
            {
                var member = j;
                var feature = f;
                Func<double[], double> valueOf = isGroup[f]
                    ? row => double.IsNaN(row[feature]) ? double.NaN : row[feature] == member ? 1 : 0
                    : row => row[feature];
                built.Add(ColumnLike(columns[f][j], rows, valueOf));
            }
        }
        return new Table(built);
    }

    /// <summary>
    /// The source's level array itself (a column never changes its levels), not a copy per built table: the
    /// recourse engine builds a one-row table per new input row (issue 21).
    /// </summary>
    private static string[] LevelsOf(CategoricalColumn c) => c.Levels as string[] ?? [.. c.Levels];

    /// <summary>As <see cref="ColumnLike"/> with the value of input <paramref name="feature"/> as is.</summary>
    private static Column ColumnOf(Column source, IReadOnlyList<double[]> rows, int feature)
    {
        switch (source)
        {
            case CategoricalColumn c:
                var codes = new int[rows.Count];
                for (var r = 0; r < codes.Length; r++)
                {
                    var v = rows[r][feature];
                    codes[r] = double.IsNaN(v) ? CategoricalColumn.Missing : (int)v;
                }
                return new CategoricalColumn(source.Name, codes, LevelsOf(c));
            case BooleanColumn:
                var bytes = new byte[rows.Count];
                for (var r = 0; r < bytes.Length; r++)
                {
                    var v = rows[r][feature];
                    bytes[r] = double.IsNaN(v) ? BooleanColumn.Missing : (byte)v;
                }
                return new BooleanColumn(source.Name, bytes);
            default:
                var values = new double[rows.Count];
                for (var r = 0; r < values.Length; r++)
                {
                    values[r] = rows[r][feature];
                }
                return new NumericColumn(source.Name, values);
        }
    }

    private static Column ColumnLike(Column source, IReadOnlyList<double[]> rows, Func<double[], double> valueOf)
    {
        switch (source)
        {
            case CategoricalColumn c:
                var codes = new int[rows.Count];
                for (var r = 0; r < codes.Length; r++)
                {
                    var v = valueOf(rows[r]);
                    codes[r] = double.IsNaN(v) ? CategoricalColumn.Missing : (int)v;
                }
                return new CategoricalColumn(source.Name, codes, LevelsOf(c));
            case BooleanColumn:
                var bytes = new byte[rows.Count];
                for (var r = 0; r < bytes.Length; r++)
                {
                    var v = valueOf(rows[r]);
                    bytes[r] = double.IsNaN(v) ? BooleanColumn.Missing : (byte)v;
                }
                return new BooleanColumn(source.Name, bytes);
            default:
                var values = new double[rows.Count];
                for (var r = 0; r < values.Length; r++)
                {
                    values[r] = valueOf(rows[r]);
                }
                return new NumericColumn(source.Name, values);
        }
    }

    /// <summary>A value as a person reads it: the number, true/false, or the level.</summary>
    public string Format(int feature, double value) =>
        double.IsNaN(value) ? "(missing)"
        : TypeOf(feature) switch
        {
            ColumnType.Categorical => LevelsOf(feature)[(int)value],
            ColumnType.Boolean => value == 1 ? "true" : "false",
            _ => value.ToString("G6", CultureInfo.InvariantCulture),
        };
}
