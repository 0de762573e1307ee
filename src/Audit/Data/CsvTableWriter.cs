using nietras.SeparatedValues;

namespace Audit.Data;

/// <summary>Writes a <see cref="Table"/> as comma-separated UTF-8 (no BOM) with a header; numbers in invariant culture, round-trip exact; missing as empty.</summary>
public static class CsvTableWriter
{
    public static void Write(Table table, string path)
    {
        using var writer = Sep.New(',').Writer(o => o with { Escape = true }).ToFile(path);
        var names = table.Columns.Select(c => c.Name).ToArray();
        if (table.RowCount == 0)
        {
            // Sep writes the header with the first row; a table without rows still gets its header.
            writer.Dispose();
            File.WriteAllText(path, string.Join(',', names.Select(Quote)) + "\n");
            return;
        }
        for (var r = 0; r < table.RowCount; r++)
        {
            using var row = writer.NewRow();
            for (var c = 0; c < names.Length; c++)
            {
                row[names[c]].Set(table.Columns[c].FormatValue(r) ?? "");
            }
        }
    }

    private static string Quote(string name) =>
        name.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + name.Replace("\"", "\"\"") + "\"" : name;
}
