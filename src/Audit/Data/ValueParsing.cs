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
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseNumber(ReadOnlySpan<char> text, bool decimalComma, out double value)
    {
        text = text.Trim();
        if (TryParseShortDecimal(text, decimalComma ? ',' : '.', out value))
        {
            return true;
        }
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

    /// <summary>Powers of ten exactly representable as doubles (10^0 to 10^22).</summary>
    private static readonly double[] ExactPowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// The common case of <see cref="TryParseNumber"/> without the general parser (issue 21: it was a third of the CSV
    /// read): an optional sign, at least one digit, optionally the decimal separator and at least one digit, at most 15
    /// digits in all. The digits then form an integer m below 10^15 &lt; 2^53 and the value is m / 10^f with f ≤ 15:
    /// both are exact doubles, so the one IEEE division is the correctly rounded value of the decimal, the very bits
    /// double.Parse returns (it rounds correctly too; Clinger's fast path). Anything else returns false and takes the
    /// general parser; the property tests compare the two on random text.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static bool TryParseShortDecimal(ReadOnlySpan<char> text, char separator, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            i = 1;
        }
        ulong mantissa = 0;
        var start = i;
        while (i < text.Length && (uint)(text[i] - '0') <= 9)
        {
            mantissa = mantissa * 10 + (uint)(text[i] - '0');
            i++;
        }
        var integerDigits = i - start;
        var fractionDigits = 0;
        if (i < text.Length && text[i] == separator)
        {
            i++;
            var fractionStart = i;
            while (i < text.Length && (uint)(text[i] - '0') <= 9)
            {
                mantissa = mantissa * 10 + (uint)(text[i] - '0');
                i++;
            }
            fractionDigits = i - fractionStart;
            if (fractionDigits == 0)
            {
                return false;
            }
        }
        if (i != text.Length || integerDigits == 0 || integerDigits + fractionDigits > 15)
        {
            return false;
        }
        var magnitude = fractionDigits == 0 ? mantissa : mantissa / ExactPowersOfTen[fractionDigits];
        value = negative && mantissa != 0 ? -magnitude : magnitude; // −0 becomes 0, as below
        return true;
    }

    /// <summary>Parses true/false, yes/no, 1/0 (case-insensitive).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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
