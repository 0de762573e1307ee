using ScottPlot;

namespace Audit.Reporting.Plots;

/// <summary>
/// Ticks of a numeric axis at multiples of a 1-2-5 step, each labelled with as many decimals as the step needs, so that
/// no two tick labels of an axis are alike ("0, 0.5, 1, 1.5", never "0, 1, 1, 2" from rounding a 0.5 step to whole
/// numbers). The step gives about one tick per 90 pixels across and per 50 down (Heckbert 1990, "Nice numbers for
/// graph labels", Graphics Gems).
/// </summary>
public sealed class NiceTicks(Func<double, int, string> format, int fewestDecimals = 0) : ITickGenerator
{
    public Tick[] Ticks { get; set; } = [];

    public int MaxTickCount { get; set; } = 1000;

    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        var across = edge is Edge.Bottom or Edge.Top;
        var target = Math.Clamp((int)(size.Length / (across ? 90 : 50)), 2, 10);
        var step = Step(range.Max - range.Min, target);
        var decimals = Math.Max(fewestDecimals, Decimals(step));
        var ticks = new List<Tick>();
        for (var i = Math.Ceiling(range.Min / step - 1e-9); i * step <= range.Max + step * 1e-9 && ticks.Count < MaxTickCount; i++)
        {
            var value = i * step;
            ticks.Add(new Tick(value, format(value, decimals), true));
        }
        Ticks = [.. ticks];
    }

    /// <summary>The 1-2-5 step (times a power of ten) nearest above span / target.</summary>
    public static double Step(double span, int target)
    {
        if (!(span > 0) || !double.IsFinite(span))
        {
            return 1;
        }
        var raw = span / target;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var mantissa = raw / power;
        return (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10) * power;
    }

    /// <summary>The decimals a 1-2-5 step needs: 0 for 1, 2, 5, 10, ...; 1 for 0.1, 0.2, 0.5; and so on.</summary>
    public static int Decimals(double step) => Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));

    /// <summary>The smallest multiple of a 1-2-5 step above <paramref name="value"/>: the axis end above the largest bar.</summary>
    public static double CeilingAbove(double value, int target = 10)
    {
        if (!(value > 0))
        {
            return 1;
        }
        var step = Step(value, target);
        return Math.Ceiling(value / step + 1e-9) * step;
    }
}
