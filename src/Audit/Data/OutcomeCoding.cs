using System.Globalization;

namespace Audit.Data;

/// <summary>Which outcome a label or decision column speaks of: the adverse one (1 = flagged, overpaid, reoffended) or the favourable one (1 = granted, hired, good credit).</summary>
public enum OutcomeKind
{
    Adverse,
    Favourable,
}

/// <summary>
/// How a label or decision column codes its outcome (plan keys <c>outcome</c> and <c>values</c> of a column reference,
/// docs/audit-plan.md#outcomes): which outcome the column speaks of, and, for codes other than 0/1, which codes are
/// favourable and which adverse. The audit itself always works with 1 = adverse (<see cref="Read"/>).
/// </summary>
/// <param name="Outcome">The outcome the column (and then the report) speaks of.</param>
/// <param name="Favourable">The codes of the favourable outcome, as written in the plan; null for a 0/1 column.</param>
/// <param name="Adverse">The codes of the adverse outcome, as written in the plan; null for a 0/1 column.</param>
public sealed record OutcomeCoding(OutcomeKind Outcome, IReadOnlyList<string>? Favourable = null, IReadOnlyList<string>? Adverse = null)
{
    /// <summary>Where the plan wrote the coding (key path such as <c>roles.label.values</c>), for errors.</summary>
    public string KeyPath { get; init; } = "";

    /// <summary>True when codes are mapped (<c>values</c>) rather than read as 0/1.</summary>
    public bool HasValues => Favourable is not null && Adverse is not null;

    /// <summary>
    /// The column as 1 = adverse, 0 = favourable, <see cref="BooleanColumn.Missing"/> when unknown. Without <c>values</c>
    /// the column is 0/1 (true/false) and its 1 is the outcome it speaks of; with <c>values</c> every code present must be
    /// listed, or the error names the row, the column, the value and the codes the plan knows.
    /// </summary>
    public byte[] Read(Table table, string name, string role, string hint)
    {
        if (!HasValues)
        {
            var ones = BinaryColumn.Read(table, name, role, hint);
            if (Outcome == OutcomeKind.Favourable)
            {
                for (var i = 0; i < ones.Length; i++)
                {
                    ones[i] = ones[i] == BooleanColumn.Missing ? BooleanColumn.Missing : (byte)(1 - ones[i]);
                }
            }
            return ones;
        }
        var column = table.Find(name)
            ?? throw new AuditInputException($"the {role} column is not in the data", column: name, hint: hint);
        return column switch
        {
            NumericColumn numeric => ReadNumbers(numeric, name, role),
            BooleanColumn boolean => ReadBooleans(boolean, name, role),
            CategoricalColumn categorical => ReadCodes(categorical, name, role),
            _ => throw new AuditInputException($"the {role} column cannot be read by its codes", column: name),
        };
    }

    /// <summary>The codes the plan knows, for errors: "favourable: 1; adverse: 2".</summary>
    public string Known => $"favourable: {string.Join(", ", Favourable ?? [])}; adverse: {string.Join(", ", Adverse ?? [])}";

    private byte[] ReadNumbers(NumericColumn numeric, string name, string role)
    {
        double Parse(string code) => double.TryParse(code, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
            ? x
            : throw new AuditInputException($"the {role} column '{name}' holds numbers, but the code '{code}' is not a number", keyPath: KeyPath, column: name,
                expected: "numbers such as 1 and 2, as the column holds", found: code, hint: "write the codes as they appear in the data");
        var favourable = Favourable!.Select(Parse).ToHashSet();
        var adverse = Adverse!.Select(Parse).ToHashSet();
        var values = numeric.Values;
        var result = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            result[i] = double.IsNaN(x) ? BooleanColumn.Missing
                : favourable.Contains(x) ? (byte)0
                : adverse.Contains(x) ? (byte)1
                : throw Unmapped(i, name, role, numeric.FormatValue(i));
        }
        return result;
    }

    private byte[] ReadBooleans(BooleanColumn boolean, string name, string role)
    {
        byte Parse(string code) => code.ToLowerInvariant() switch
        {
            "true" or "yes" or "1" => 1,
            "false" or "no" or "0" => 0,
            _ => throw new AuditInputException($"the {role} column '{name}' holds true/false values, but the code '{code}' is neither", keyPath: KeyPath, column: name,
                expected: "true or false", found: code),
        };
        var favourable = Favourable!.Select(Parse).ToHashSet();
        var adverse = Adverse!.Select(Parse).ToHashSet();
        var values = boolean.Values;
        var result = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            result[i] = x == BooleanColumn.Missing ? BooleanColumn.Missing
                : favourable.Contains(x) ? (byte)0
                : adverse.Contains(x) ? (byte)1
                : throw Unmapped(i, name, role, boolean.FormatValue(i));
        }
        return result;
    }

    private byte[] ReadCodes(CategoricalColumn categorical, string name, string role)
    {
        var favourable = Favourable!.ToHashSet(StringComparer.Ordinal);
        var adverse = Adverse!.ToHashSet(StringComparer.Ordinal);
        var byLevel = categorical.Levels.Select(level => favourable.Contains(level) ? (byte)0 : adverse.Contains(level) ? (byte)1 : (byte)255).ToArray();
        var codes = categorical.Codes;
        var result = new byte[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            var code = codes[i];
            result[i] = code == CategoricalColumn.Missing ? BooleanColumn.Missing
                : byLevel[code] != 255 ? byLevel[code]
                : throw Unmapped(i, name, role, categorical.Levels[code]);
        }
        return result;
    }

    private AuditInputException Unmapped(int row, string name, string role, string? value) =>
        new($"the {role} column holds a value that '{KeyPath}' does not map", row: row + 1, column: name,
            expected: "one of the codes the plan knows (" + Known + ")", found: value,
            hint: $"add '{value}' to {KeyPath}.favourable or {KeyPath}.adverse, or, if it means unknown, list it under data.missing");
}
