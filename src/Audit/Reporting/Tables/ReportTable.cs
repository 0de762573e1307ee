using System.Globalization;
using System.Text;

namespace Audit.Reporting.Tables;

/// <summary>
/// One table of a report as CSV (RFC 4180, UTF-8 without BOM, "\n" line ends): a header and rows whose cells are
/// numbers (written invariant, shortest round-trip, so they stay numbers in a spreadsheet), text or empty.
/// Text that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) is neutralised with a
/// leading apostrophe, as OWASP's "CSV injection" guidance recommends; numbers are never touched.
/// </summary>
public sealed class ReportTable(string name, params string[] header)
{
    private readonly List<object?[]> rows = [];

    /// <summary>The file name without extension, e.g. "groups".</summary>
    public string Name { get; } = name;

    public IReadOnlyList<string> Header { get; } = header;

    public IReadOnlyList<object?[]> Rows => rows;

    /// <param name="cells">double, long, int, bool, string or null (empty); as many as the header.</param>
    public ReportTable Add(params object?[] cells)
    {
        if (cells.Length != Header.Count)
        {
            throw new ArgumentException($"table {Name}: {cells.Length} cells for {Header.Count} columns");
        }
        rows.Add(cells);
        return this;
    }

    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Header.Select(h => Quote(Neutralise(h))))).Append('\n');
        foreach (var row in rows)
        {
            sb.Append(string.Join(',', row.Select(Cell))).Append('\n');
        }
        return sb.ToString();
    }

    internal static string Cell(object? value) => value switch
    {
        null => "",
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        double => "",
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => Quote(Neutralise(s)),
        _ => Quote(Neutralise(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")),
    };

    /// <summary>Prefixes text that a spreadsheet would evaluate (= + - @ tab CR at the start) with an apostrophe (OWASP).</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
