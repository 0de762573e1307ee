using System.Globalization;

namespace Audit.Results;

/// <summary>
/// How a number printed beside a threshold is rounded so that the sentence never contradicts itself: the printed number
/// compares with the printed threshold as the verdict does. A four-fifths ratio of 0.7991 with adverse impact prints
/// "0.799 &lt; 0.8", never "0.80 &lt; 0.8"; a ratio of 1.2502 outside the band [0.8, 1.25] prints 1.2502, never 1.25.
/// Two decimals where they suffice; more only where the verdict needs them. A function of numbers only, beside the
/// records: the Fairness stage fills a finding's digits with it and the pages print every other ratio with it.
/// </summary>
public static class ThresholdDigits
{
    /// <summary>The decimals a ratio is usually printed with.</summary>
    public const int Usual = 2;

    /// <summary>The decimals of the tolerance band's bounds as printed.</summary>
    public const int BandDecimals = 3;

    private const int Most = 15;

    /// <summary>
    /// The fewest decimals, at least <paramref name="fewest"/>, with which <paramref name="value"/> rounds strictly below
    /// (<paramref name="below"/>) or strictly above the printed <paramref name="threshold"/>; rounding is that of .NET's
    /// fixed-point formats ("F", "N"), which every report uses.
    /// </summary>
    public static int Decimals(double value, decimal threshold, bool below, int fewest = Usual)
    {
        for (var d = fewest; d < Most; d++)
        {
            var printed = decimal.Parse(value.ToString("F" + d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (below ? printed < threshold : printed > threshold)
            {
                return d;
            }
        }
        return Most;
    }

    /// <summary>The decimals of a four-fifths ratio: enough to print below 0.8 when the verdict is adverse impact.</summary>
    public static int FourFifths(double ratio, bool? adverseImpact, int fewest = Usual) =>
        adverseImpact == true ? Decimals(ratio, (decimal)FourFifthsRule.Threshold, below: true, fewest) : fewest;

    /// <summary>
    /// The band [τ, 1/τ] as printed: each bound rounded to <see cref="BandDecimals"/> decimals towards the inside of the
    /// band (τ up, 1/τ down), so that every ratio outside the band can be printed outside the printed band (1/0.7 is
    /// printed 1.428, since a ratio of 1.4286 lies outside the band and could not print above 1.429).
    /// </summary>
    public static (decimal Low, decimal High) ToleranceBand(double tolerance)
    {
        var scale = (decimal)Math.Pow(10, BandDecimals);
        return (Math.Ceiling((decimal)tolerance * scale) / scale, Math.Floor((decimal)(1 / tolerance) * scale) / scale);
    }

    /// <summary>The decimals of a ratio to the reference group listed as outside the tolerance band: enough to print outside the printed band.</summary>
    public static int OutsideBand(double ratio, double tolerance)
    {
        var (low, high) = ToleranceBand(tolerance);
        return ratio < (double)low ? Decimals(ratio, low, below: true) : ratio > (double)high ? Decimals(ratio, high, below: false) : Usual;
    }
}
