using System.Globalization;
using System.Text;

namespace Audit.Reporting.Tables;

/// <summary>
/// One table of a report as CSV (RFC 4180, UTF-8 without BOM, "\n" line ends): a header and rows whose cells are
/// numbers (written invariant, shortest round-trip, so they stay numbers in a spreadsheet), text or empty.
/// Text that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) is neutralised with a
/// leading apostrophe, as OWASP's "CSV injection" guidance recommends; numbers are never touched. The files are read in
/// both locales: a French spreadsheet splits fields at ';', so a bare cell <c>;=1+1</c> became an empty field and the
/// formula <c>=1+1</c> (issue 16, class 5). A text cell holding ',' or ';' is therefore always quoted (one field in
/// both locales), and a cell starting with ';' or ',' (or spaces before one) is neutralised like a formula.
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

    /// <summary>
    /// Prefixes with an apostrophe (OWASP) text that a spreadsheet would evaluate: a formula character (= + - @ tab CR)
    /// at the start, or a field delimiter of either locale (',' or ';') at the start, after any spaces, which a
    /// spreadsheet that ignored the quotes would split off in front of a formula.
    /// </summary>
    public static string Neutralise(string text)
    {
        var start = 0;
        while (start < text.Length && text[start] == ' ')
        {
            start++;
        }
        var risky = text.Length > 0 && (text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' || (start < text.Length && text[start] is ',' or ';'));
        return risky ? "'" + text : text;
    }

    /// <summary>Quotes a cell holding a delimiter of either locale (',' or ';'), a quote or a line break (RFC 4180).</summary>
    private static string Quote(string text) =>
        text.IndexOfAny([',', ';', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
