using System.CommandLine;
using System.Globalization;
using Audit.Data;

namespace Audit.Cli;

/// <summary><c>audit data inspect FILE</c>: a data file's columns, inferred types, missing and distinct counts, numeric summary.</summary>
internal static class DataCommand
{
    public static Command Build(CliContext context)
    {
        var data = new Command("data", """
            Look at data files before an audit.

            Example:
              audit data inspect households.csv
            """);
        var file = new Argument<string>("FILE") { Description = "A CSV or Parquet file." };
        var delimiter = new Option<string?>("--delimiter") { Description = "CSV delimiter: ',', ';' or 'tab' (default: detected)." };
        var decimalComma = new Option<bool>("--decimal-comma") { Description = "Numbers use a decimal comma (French exports)." };
        var encoding = new Option<string>("--encoding")
        {
            Description = "Text encoding of a CSV file: " + string.Join(", ", TextEncodings.Names) + ".",
            DefaultValueFactory = _ => "utf-8",
        };
        encoding.AcceptOnlyFromAmong([.. TextEncodings.Names]);
        var inspect = new Command("inspect", """
            Show each column's inferred type, missing and distinct counts, and a numeric summary
            (min, quartiles, mean, max) or the most frequent values.

            Example:
              audit data inspect datasets/demo/households.csv
              audit data inspect export_caf.csv --delimiter ';' --decimal-comma --encoding windows-1252
            """);
        inspect.Arguments.Add(file);
        inspect.Options.Add(delimiter);
        inspect.Options.Add(decimalComma);
        inspect.Options.Add(encoding);
        inspect.SetAction(parse => Inspect(context, parse.GetValue(file)!, parse.GetValue(delimiter), parse.GetValue(decimalComma), parse.GetValue(encoding)!));
        data.Subcommands.Add(inspect);
        return data;
    }

    private static int Inspect(CliContext context, string path, string? delimiter, bool decimalComma, string encoding)
    {
        char? sep = delimiter switch
        {
            null => null,
            "," or ";" => delimiter[0],
            "tab" or "\t" or "\\t" => '\t',
            _ => throw new AuditInputException("not an allowed delimiter", expected: "',', ';' or 'tab'", found: delimiter),
        };
        var table = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
            ? ParquetTableReader.Read(path) is { RowCount: > 0 } read ? read : throw ParquetTableReader.NoRows(path)
            : CsvTableReader.Read(path, new CsvReadOptions
                {
                    Delimiter = sep,
                    DecimalComma = decimalComma,
                    Encoding = TextEncodings.FromName(encoding),
                    EncodingAdvice = "give its encoding: --encoding windows-1252 (or latin1)",
                });
        var o = context.Out;
        o.WriteLine($"{path}: {table.RowCount.ToString("N0", CultureInfo.InvariantCulture)} rows, {table.Columns.Count} columns");
        o.WriteLine();
        var rows = DataInspection.Inspect(table);
        var width = Math.Max(6, rows.Max(r => r.Name.Length));
        o.WriteLine($"{"column".PadRight(width)}  {"type",-11}  {"missing",9}  {"distinct",9}  summary");
        foreach (var r in rows)
        {
            var summary = r.Numbers is { } s
                ? $"min {F(s.Min)}  q1 {F(s.Q1)}  median {F(s.Median)}  mean {F(s.Mean)}  q3 {F(s.Q3)}  max {F(s.Max)}"
                : string.Join(", ", r.TopLevels.Select(p => $"{p.Key} ({p.Value.ToString("N0", CultureInfo.InvariantCulture)})"));
            o.WriteLine($"{r.Name.PadRight(width)}  {r.Type.ToString().ToLowerInvariant(),-11}  {r.Missing,9:N0}  {r.Distinct,9:N0}  {summary}");
        }
        return ExitCodes.Success;
    }

    private static string F(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);
}
