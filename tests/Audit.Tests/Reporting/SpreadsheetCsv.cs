using System.Text;

namespace Audit.Tests.Reporting;

/// <summary>
/// A CSV text split the way a spreadsheet of a locale splits it (RFC 4180 quoting, the locale's delimiter, line breaks
/// inside quotes kept): the oracle of the formula-injection tests, independent of the writer and of Audit's reader.
/// </summary>
public static class SpreadsheetCsv
{
    /// <summary>Fields of a CSV text as a spreadsheet of the locale reads them (quotes honoured).</summary>
    public static List<List<string>> Read(string csv, char delimiter)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }
        return rows;
    }
}
