using System.Globalization;

namespace Audit.Models;

/// <summary>
/// The arithmetic of the tie rule (<see cref="Policy.ScoreOrder"/>): a number of a spec or of the data is read as the decimal
/// its shortest round-trip text writes (the double 0.1 is the decimal 0.1, not 0.1000000000000000055…), and sums and
/// products are done in <see cref="decimal"/> (96-bit integer, scale 0 to 28) only while they stay exact. Whatever
/// decimal cannot hold exactly (beyond ±7.9 × 10^28, more than 28 decimal places, a product or sum that would round)
/// is null, never a rounded value: the caller then falls back to comparing doubles.
/// </summary>
/// <remarks>
/// Why the shortest round-trip text: a spec writes <c>0.1</c> and a CSV writes <c>7</c>; the double parsed from
/// each is the nearest to that text, and its shortest round-trip text (.NET's "R") gives the text back whenever it had
/// at most 15 significant digits, and otherwise the shortest text that reads as the same double. Issue 20 will
/// translate the same rule to SQL <c>DECIMAL</c>.
/// </remarks>
public static class ExactDecimal
{
    /// <summary>
    /// The decimal written by <paramref name="x"/>'s shortest round-trip text ("0.1" for 0.1), or null when decimal
    /// cannot hold it exactly (NaN, infinities, beyond ±7.9 × 10^28, more than 28 decimal places).
    /// </summary>
    public static decimal? Of(double x)
    {
        if (!double.IsFinite(x))
        {
            return null;
        }
        var text = x.ToString("R", CultureInfo.InvariantCulture);
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }
        // Parsing rounds past 28 decimal places (1E-30 reads 0). The text is the shortest that reads back as x, so a
        // rounded (shorter) value cannot read back as x: reading back is an exact test of "nothing was lost".
        return double.Parse(value.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture) == x ? value : null;
    }

    /// <summary>a + b when decimal holds it exactly, else null.</summary>
    public static decimal? Add(decimal a, decimal b)
    {
        decimal sum;
        try
        {
            sum = a + b;
        }
        catch (OverflowException)
        {
            return null;
        }
        // The exact sum has the larger scale; decimal reduces the scale only when it has to round.
        return sum.Scale == Math.Max(a.Scale, b.Scale) ? sum : null;
    }

    /// <summary>a × b when decimal holds it exactly, else null.</summary>
    public static decimal? Multiply(decimal a, decimal b)
    {
        decimal product;
        try
        {
            product = a * b;
        }
        catch (OverflowException)
        {
            return null;
        }
        // The exact product's scale is the sum of the scales; decimal reduces it only when it has to round.
        return product.Scale == a.Scale + b.Scale ? product : null;
    }
}
