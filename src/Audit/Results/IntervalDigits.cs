using System.Globalization;

namespace Audit.Results;

/// <summary>
/// How many decimals an estimate and its interval print with, so that an interval never reads "0.8 [0.8, 0.8]" unless
/// its bounds are equal: the fewest decimals, at least the usual ones, with which the value and both bounds print
/// differently wherever the numbers differ; but never more than <see cref="SignificantDigits"/> significant digits of the
/// largest of the three (beyond that, digits are noise: the interval is then honestly that narrow). Rounding is that of
/// .NET's fixed-point formats ("F", "N"), which every report uses. One function for the HTML, Markdown and letters.
/// </summary>
public static class IntervalDigits
{
    /// <summary>The most significant digits the largest of value and bounds is printed with when more decimals are needed.</summary>
    public const int SignificantDigits = 4;

    /// <summary>
    /// The decimals for <paramref name="value"/> and its interval [<paramref name="low"/>, <paramref name="high"/>], in
    /// the units they are printed in (pass percentages for rates): <paramref name="fewest"/> when they suffice, else the
    /// first count that separates every pair of different numbers, up to <see cref="MostDecimals"/>.
    /// </summary>
    public static int Decimals(double value, double low, double high, int fewest)
    {
        var most = MostDecimals(value, low, high, fewest);
        for (var d = fewest; d < most; d++)
        {
            if (Distinct(value, low, d) && Distinct(value, high, d) && Distinct(low, high, d))
            {
                return d;
            }
        }
        return most;
    }

    /// <summary>
    /// The cap: the decimals that print the largest magnitude of the three with <see cref="SignificantDigits"/>
    /// significant digits (0.812 → 4 decimals, 95.31 → 2), never fewer than <paramref name="fewest"/>.
    /// </summary>
    public static int MostDecimals(double value, double low, double high, int fewest)
    {
        var largest = Math.Max(Math.Abs(value), Math.Max(Math.Abs(low), Math.Abs(high)));
        if (!double.IsFinite(largest) || largest == 0)
        {
            return fewest;
        }
        var exponent = (int)Math.Floor(Math.Log10(largest));
        return Math.Max(fewest, SignificantDigits - 1 - exponent);
    }

    private static bool Distinct(double a, double b, int decimals) =>
        a == b || !double.IsFinite(a) || !double.IsFinite(b) || Printed(a, decimals) != Printed(b, decimals);

    /// <summary>The number as printed; "−0.0" is printed "0.0" (ReportLanguage cleans the sign of a zero).</summary>
    private static string Printed(double x, int decimals)
    {
        var text = x.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text.StartsWith('-') && text.Skip(1).All(c => c is '0' or '.') ? text[1..] : text;
    }
}
