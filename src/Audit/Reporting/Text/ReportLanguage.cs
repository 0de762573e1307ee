using System.Globalization;

namespace Audit.Reporting.Text;

/// <summary>
/// A language of the reports: its texts (<see cref="ReportText"/>) and its number formats. The project runs with
/// invariant globalization (no OS culture data), so the formats are written out here rather than taken from a culture:
/// English writes 1,234.5 and 12.3 %; French writes 1 234,5 and 12,3 % (narrow no-break space between thousands and
/// before the percent sign, as the Imprimerie nationale's rules and CLDR's fr locale do).
/// </summary>
public sealed class ReportLanguage
{
    private ReportLanguage(string code, NumberFormatInfo numbers, string percentSpace)
    {
        Code = code;
        Numbers = numbers;
        PercentSpace = percentSpace;
        Text = ReportText.For(code);
    }

    public static ReportLanguage English { get; } = new("en", Format(".", ","), "\u00A0");

    public static ReportLanguage French { get; } = new("fr", Format(",", "\u202F"), "\u202F");

    /// <summary>Every language a report can be written in.</summary>
    public static IReadOnlyList<ReportLanguage> All { get; } = [English, French];

    /// <summary>"en" or "fr".</summary>
    public string Code { get; }

    public NumberFormatInfo Numbers { get; }

    /// <summary>The space before "%".</summary>
    public string PercentSpace { get; }

    public ReportText Text { get; }

    /// <summary>The language of a code ("en", "fr"), or an <see cref="AuditInputException"/> naming the choices.</summary>
    public static ReportLanguage Of(string code) =>
        All.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.OrdinalIgnoreCase))
        ?? throw new AuditInputException($"no report language '{code}'", keyPath: "--lang", expected: string.Join(" or ", All.Select(l => l.Code)), found: code,
            hint: "write --lang en or --lang fr");

    /// <summary>A text by key with its {placeholders} filled (see <see cref="ReportText.Format"/>).</summary>
    public string T(string key, params (string Name, object? Value)[] values) => Text.Format(key, values);

    /// <summary>A number with a fixed number of decimals and thousands separators.</summary>
    public string Number(double value, int decimals) =>
        Clean(value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Numbers));

    /// <summary>A count: whole, with thousands separators.</summary>
    public string Count(double value) => Number(value, 0);

    /// <summary>A proportion as a percentage with one decimal: 0.1234 → "12.3 %".</summary>
    public string Percent(double proportion, int decimals = 1) => Number(proportion * 100, decimals) + PercentSpace + "%";

    /// <summary>A signed difference of proportions in percentage points: +1.2 pts.</summary>
    public string Points(double difference) =>
        (difference > 0 ? "+" : difference < 0 ? "\u2212" : "") + Number(Math.Abs(difference) * 100, 1) + "\u00A0" + Text["unit.points"];

    /// <summary>
    /// An interval from formatted ends: "[13.3, 15.9]" in English; "[13,3 ; 15,9]" in French, where the comma is the
    /// decimal separator and the ends are parted by a semicolon (as French typography does for intervals).
    /// </summary>
    public string Interval(string low, string high) => Code == "fr" ? $"[{low}\u00A0;\u00A0{high}]" : $"[{low}, {high}]";

    /// <summary>A p-value: three decimals, or "&lt; 0.001".</summary>
    public string P(double p) => p < 0.001 ? "<\u00A0" + Number(0.001, 3) : Number(p, 3);

    /// <summary>A p-value after "p": "= 0.012" or "&lt; 0.001".</summary>
    public string PStatement(double p) => p < 0.001 ? "<\u00A0" + Number(0.001, 3) : "=\u00A0" + Number(p, 3);

    /// <summary>A score in the model's units: up to 6 significant digits, no thousands separator.</summary>
    public string Score(double value)
    {
        var text = value.ToString("G6", CultureInfo.InvariantCulture);
        return Clean(Code == "fr" ? text.Replace('.', ',') : text);
    }

    /// <summary>
    /// A number written in full (round-trip digits, no thousands separator) with this language's decimal mark:
    /// 0.780057 stays "0.780057" in English and reads "0,780057" in French.
    /// </summary>
    public string Exact(double value, string format = "R") => Localise(value.ToString(format, CultureInfo.InvariantCulture));

    /// <summary>Invariant digits ("0.5", "-1.2") with this language's decimal mark and minus sign.</summary>
    public string Localise(string invariantNumber) =>
        Code == "fr" ? invariantNumber.Replace('.', ',').Replace('-', '\u2212') : invariantNumber;

    private static NumberFormatInfo Format(string decimalSeparator, string groupSeparator) => new()
    {
        NumberDecimalSeparator = decimalSeparator,
        NumberGroupSeparator = groupSeparator,
        NumberGroupSizes = [3],
        NegativeSign = "\u2212",
        PercentDecimalSeparator = decimalSeparator,
        PercentGroupSeparator = groupSeparator,
    };

    /// <summary>"−0.0" is written "0.0".</summary>
    private static string Clean(string text) => text.StartsWith('\u2212') && text.Skip(1).All(c => c is '0' or '.' or ',' or '\u202F') ? text[1..] : text;
}
