namespace Audit.Data;

/// <summary>
/// A dictionary-encoded column of text labels: one <see cref="int"/> code per row into <see cref="Levels"/>;
/// a missing value has code <see cref="Missing"/>.
/// </summary>
public sealed class CategoricalColumn : Column
{
    /// <summary>The code of a missing value.</summary>
    public const int Missing = -1;

    private readonly int[] codes;
    private readonly string[] levels;

    public CategoricalColumn(string name, int[] codes, string[] levels)
        : base(name)
    {
        this.codes = codes ?? throw new ArgumentNullException(nameof(codes));
        this.levels = levels ?? throw new ArgumentNullException(nameof(levels));
    }

    /// <summary>Builds a column from text values (null = missing); levels are numbered in order of first appearance.</summary>
    public static CategoricalColumn FromValues(string name, IReadOnlyList<string?> values)
    {
        var builder = new CategoricalColumnBuilder(name, values.Count);
        foreach (var value in values)
        {
            builder.Add(value);
        }
        return builder.Build();
    }

    public override ColumnType Type => ColumnType.Categorical;

    public override int Length => codes.Length;

    public ReadOnlySpan<int> Codes => codes;

    public IReadOnlyList<string> Levels => levels;

    public int Code(int row) => codes[row];

    /// <summary>The label of a row, or null when missing.</summary>
    public string? this[int row] => codes[row] == Missing ? null : levels[codes[row]];

    /// <summary>The code of a level, or -1 when the level does not occur.</summary>
    public int CodeOf(string level) => Array.IndexOf(levels, level);

    public override bool IsMissing(int row) => codes[row] == Missing;

    public override string? FormatValue(int row) => this[row];

    public override Column Rename(string name) => new CategoricalColumn(name, codes, levels);
}

/// <summary>Builds a <see cref="CategoricalColumn"/> one value at a time, encoding as it goes.</summary>
public sealed class CategoricalColumnBuilder
{
    private readonly string name;
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<string> levels = [];
    private readonly List<int> codes;

    public CategoricalColumnBuilder(string name, int capacity = 0)
    {
        this.name = name;
        codes = new List<int>(capacity);
    }

    public int Count => codes.Count;

    /// <summary>Distinct values seen so far.</summary>
    public int LevelCount => levels.Count;

    public void Add(string? value)
    {
        if (value is null)
        {
            codes.Add(CategoricalColumn.Missing);
            return;
        }
        if (!index.TryGetValue(value, out var code))
        {
            code = levels.Count;
            index.Add(value, code);
            levels.Add(value);
        }
        codes.Add(code);
    }

    /// <summary>Adds a value given as characters, allocating a string only for a level not seen before.</summary>
    public void Add(ReadOnlySpan<char> value)
    {
        var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(value, out var code))
        {
            var text = value.ToString();
            code = levels.Count;
            index.Add(text, code);
            levels.Add(text);
        }
        codes.Add(code);
    }

    public void AddMissing() => codes.Add(CategoricalColumn.Missing);

    public CategoricalColumn Build() => new(name, codes.ToArray(), levels.ToArray());
}
