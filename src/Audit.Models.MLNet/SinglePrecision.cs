namespace Audit.Models.MLNet;

/// <summary>ML.NET computes in single precision; Audit's data and trees are doubles. This bridges the two exactly.</summary>
internal static class SinglePrecision
{
    /// <summary>
    /// The largest double d such that <c>(float)d ≤ t</c>, so that for every double x,
    /// <c>(float)x ≤ t ⇔ x ≤ d</c> (conversion to float is monotone). It is the midpoint between t and the next float
    /// up when that midpoint rounds down to t (round half to even), otherwise the double just below the midpoint.
    /// </summary>
    public static double LargestDoubleAtMost(float t)
    {
        if (float.IsNaN(t) || float.IsPositiveInfinity(t))
        {
            return t;
        }
        var below = (double)t;
        var next = MathF.BitIncrement(t);
        // Past float.MaxValue the next value up is infinity; doubles round to MaxValue until half an ulp above it.
        var midpoint = float.IsPositiveInfinity(next)
            ? below + (below - MathF.BitDecrement(t)) / 2
            : (below + next) / 2;
        return (float)midpoint <= t ? midpoint : Math.BitDecrement(midpoint);
    }
}
