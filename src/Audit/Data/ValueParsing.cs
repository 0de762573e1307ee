using System.Globalization;

namespace Audit.Data;

/// <summary>Parsing of text fields into typed values, shared by the CSV reader and type inference.</summary>
internal static class ValueParsing
{
    private static readonly NumberFormatInfo DecimalCommaFormat = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = "\u00A0",
        NegativeSign = "-",
        PositiveSign = "+",
    };

    /// <summary>
    /// Parses a number. With a decimal point, the invariant culture; with a decimal comma, ',' as the separator
    /// and no '.' accepted, so "1.234" in a decimal-comma file is an error rather than a silent 1234 or 1.234.
    /// Thousands separators are never accepted. "NaN" and infinities are refused: a missing value is written empty or NA.
    /// A NUL character is refused too: .NET's parser skips trailing NULs, so "12\0" was read as 12 (issue 16, class 5).
    /// "-0" is the number 0: IEEE 754 holds 0 and −0 equal, so a column of numbers groups them as one value, and that
    /// value is written "0" whichever came first (before, a "-0" on the first row renamed the group "0" to "-0").
    /// </summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, bool decimalComma, out double value)
    {
        text = text.Trim();
        if ((decimalComma && text.Contains('.')) || text.Contains('\0'))
        {
            value = double.NaN;
            return false;
        }
        var ok = double.TryParse(text, NumberStyles.Float, decimalComma ? DecimalCommaFormat : CultureInfo.InvariantCulture, out value);
        if (value == 0)
        {
            value = 0; // −0 becomes 0
        }
        return ok && double.IsFinite(value);
    }

    /// <summary>Parses true/false, yes/no, 1/0 (case-insensitive).</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        text = text.Trim();
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text.SequenceEqual("1"))
        {
            value = true;
            return true;
        }
        if (text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase) || text.SequenceEqual("0"))
        {
            value = false;
            return true;
        }
        value = false;
        return false;
    }

    /// <summary>True for words that can only be a boolean (not 0/1, which stay numeric when inferred).</summary>
    public static bool IsBooleanWord(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        return !text.SequenceEqual("1") && !text.SequenceEqual("0") && TryParseBoolean(text, out _);
    }
}
