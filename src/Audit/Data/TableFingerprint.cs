using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Audit.Data;

/// <summary>
/// The SHA-256 of a table held in memory, which has no file to hash: the provenance of an audit built in C# names its
/// data by this, as it names a file by the file's SHA-256. It is taken over a canonical text, so that the same people
/// give the same hash however the table was made (from arrays, a CSV file, an ML.NET IDataView): for each column its
/// name and type, then for each row each value as the CSV writer formats it (<see cref="Column.FormatValue"/>:
/// invariant culture, round-trip numbers), every field written as its length, a colon and its text (a missing value
/// as "-"), so that no value can run into the next.
/// </summary>
public static class TableFingerprint
{
    public static string Sha256(Table table)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new StringBuilder();
        void Field(string? value)
        {
            text.Append(value is null ? "-" : value.Length.ToString(CultureInfo.InvariantCulture) + ":" + value);
        }
        void Flush()
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
            text.Clear();
        }
        foreach (var column in table.Columns)
        {
            Field(column.Name);
            Field(column.Type.ToString().ToLowerInvariant());
        }
        text.Append('\n');
        for (var row = 0; row < table.RowCount; row++)
        {
            foreach (var column in table.Columns)
            {
                Field(column.FormatValue(row));
            }
            text.Append('\n');
            if (text.Length > 1 << 16)
            {
                Flush();
            }
        }
        Flush();
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
