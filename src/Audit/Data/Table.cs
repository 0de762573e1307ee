using System.Collections.Immutable;

namespace Audit.Data;

/// <summary>
/// People (or households) as typed columns of equal length, with a schema that gives each column its roles.
/// Immutable: <see cref="WithRoles"/> and <see cref="WithColumn"/> return new tables that share column storage.
/// </summary>
public sealed class Table
{
    private readonly Column[] columns;
    private readonly ColumnSchema[] schema;
    private readonly Dictionary<string, int> byName;

    public Table(IEnumerable<Column> columns)
        : this(columns.ToArray(), null)
    {
    }

    private Table(Column[] columns, ColumnSchema[]? schema)
    {
        this.columns = columns;
        byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            if (!byName.TryAdd(columns[i].Name, i))
            {
                throw new ArgumentException($"Two columns are named '{columns[i].Name}'.", nameof(columns));
            }
        }
        RowCount = columns.Length == 0 ? 0 : columns[0].Length;
        foreach (var column in columns)
        {
            if (column.Length != RowCount)
            {
                throw new ArgumentException(
                    $"Column '{column.Name}' has {column.Length} rows where '{columns[0].Name}' has {RowCount}.", nameof(columns));
            }
        }
        this.schema = schema ?? columns.Select(c => new ColumnSchema(c.Name, c.Type)).ToArray();
    }

    public int RowCount { get; }

    /// <summary>The file line each row starts on, when the table was read from a text file (CSV); null otherwise.</summary>
    public FileLines? Lines { get; init; }

    /// <summary>
    /// An error raised on this table's rows with the data file named and, where the file has lines, the row's file line
    /// filled in, as a parse error gives them ("row 2 (line 3)").
    /// </summary>
    public AuditInputException Locate(AuditInputException error, string file)
    {
        var located = error.WithFile(file);
        if (located.Row is not { } row || located.Line is not null || row < 1 || row > RowCount)
        {
            return located;
        }
        var sourceRow = SourceRowOf((int)row - 1);
        located = sourceRow == row ? located : located.WithRow(sourceRow);
        return Lines is { } lines ? located.WithLine(lines.LineOf(sourceRow)) : located;
    }

    /// <summary>
    /// The 1-based data row of the file each row was read from, when rows were left out (the plan's <c>filter:</c>);
    /// null when row i is the file's row i + 1. Errors, the per-person table and one-person pages name this row.
    /// </summary>
    public int[]? SourceRows { get; init; }

    /// <summary>The 1-based data row of the file that row <paramref name="index"/> (0-based) was read from.</summary>
    public int SourceRowOf(int index) => SourceRows is { } rows ? rows[index] : index + 1;

    /// <summary>The rows where <paramref name="keep"/> is true, in order, every column and role kept, each row remembering its row in the file.</summary>
    public Table KeepRows(bool[] keep)
    {
        var rows = new List<int>(keep.Length);
        for (var i = 0; i < keep.Length; i++)
        {
            if (keep[i])
            {
                rows.Add(i);
            }
        }
        var picked = rows.ToArray();
        return new Table([.. columns.Select(c => Pick(c, picked))], schema)
        {
            Lines = Lines,
            SourceRows = [.. picked.Select(SourceRowOf)],
        };
    }

    private static Column Pick(Column column, int[] rows) => column switch
    {
        NumericColumn n => new NumericColumn(n.Name, [.. rows.Select(i => n[i])]),
        CategoricalColumn c => PickCategories(c, rows),
        BooleanColumn b => new BooleanColumn(b.Name, [.. rows.Select(i => b.Values[i])]),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.GetType().Name, "a column type the table cannot select rows of"),
    };

    /// <summary>The kept rows of a text column, with only the levels they hold (in the column's order): a level no kept row has is no group.</summary>
    private static CategoricalColumn PickCategories(CategoricalColumn column, int[] rows)
    {
        var used = new bool[column.Levels.Count];
        foreach (var i in rows)
        {
            if (column.Code(i) != CategoricalColumn.Missing)
            {
                used[column.Code(i)] = true;
            }
        }
        var remap = new int[used.Length];
        var levels = new List<string>();
        for (var l = 0; l < used.Length; l++)
        {
            remap[l] = used[l] ? levels.Count : CategoricalColumn.Missing;
            if (used[l])
            {
                levels.Add(column.Levels[l]);
            }
        }
        var codes = new int[rows.Length];
        for (var k = 0; k < rows.Length; k++)
        {
            var code = column.Code(rows[k]);
            codes[k] = code == CategoricalColumn.Missing ? code : remap[code];
        }
        return new CategoricalColumn(column.Name, codes, [.. levels]);
    }

    public IReadOnlyList<Column> Columns => columns;

    public IReadOnlyList<ColumnSchema> Schema => schema;

    public Column this[string name] =>
        Find(name) ?? throw new KeyNotFoundException($"The table has no column '{name}'.");

    public Column? Find(string name) => byName.TryGetValue(name, out var i) ? columns[i] : null;

    public ColumnSchema SchemaOf(string name) =>
        byName.TryGetValue(name, out var i) ? schema[i] : throw new KeyNotFoundException($"The table has no column '{name}'.");

    /// <summary>The columns that carry a role, in table order.</summary>
    public IEnumerable<Column> WithRole(ColumnRole role) =>
        columns.Where((_, i) => schema[i].Has(role));

    /// <summary>A table with the same columns and the given roles (columns not named have no role).</summary>
    public Table WithRoles(IReadOnlyDictionary<string, ImmutableSortedSet<ColumnRole>> roles)
    {
        foreach (var name in roles.Keys)
        {
            if (!byName.ContainsKey(name))
            {
                throw new KeyNotFoundException($"The table has no column '{name}'.");
            }
        }
        var newSchema = columns
            .Select(c => new ColumnSchema(c.Name, c.Type, roles.TryGetValue(c.Name, out var r) ? r : ImmutableSortedSet<ColumnRole>.Empty))
            .ToArray();
        return new Table(columns, newSchema) { Lines = Lines, SourceRows = SourceRows };
    }

    /// <summary>A table with one column added, or replaced when a column of that name exists (its roles kept).</summary>
    public Table WithColumn(Column column, params ColumnRole[] roles)
    {
        var list = columns.ToList();
        var newSchema = schema.ToList();
        var entry = new ColumnSchema(column.Name, column.Type, roles.ToImmutableSortedSet());
        if (byName.TryGetValue(column.Name, out var i))
        {
            list[i] = column;
            newSchema[i] = entry with { Roles = schema[i].Roles.Union(roles) };
        }
        else
        {
            list.Add(column);
            newSchema.Add(entry);
        }
        return new Table(list.ToArray(), newSchema.ToArray()) { Lines = Lines, SourceRows = SourceRows };
    }
}
