namespace Audit.Models.Onnx;

/// <summary>
/// Turns a tree split that ONNX Runtime evaluates in single precision into an equal split on the data's doubles.
/// </summary>
/// <remarks>
/// The loader hands ONNX Runtime <c>(float)x</c> (round to nearest, ties to even) and the tree compares it with a
/// float threshold t. <see cref="RegressionTree"/> compares the double x itself with <c>x ≤ T</c>, so T must be
/// the largest double whose float rounding is ≤ t: the midpoint m between t and the next float up when the tie
/// rounds down to t (t's last mantissa bit is 0), else the double just below m. Since rounding is monotone, every
/// x ≤ T rounds to at most t and every x &gt; T rounds above it, so the two splits agree on every double.
/// </remarks>
internal static class FloatThreshold
{
    /// <summary>The largest double x with <c>(float)x ≤ t</c> (a BRANCH_LEQ split on a float input); t finite.</summary>
    public static double LessOrEqual(float t)
    {
        if (!float.IsFinite(t))
        {
            throw new ArgumentOutOfRangeException(nameof(t), "A split threshold must be finite.");
        }
        if (t == 0)
        {
            t = 0f; // -0 compares equal to +0
        }
        // Above float.MaxValue the next "float" would be 2^128 (the rounding boundary to infinity).
        var up = t == float.MaxValue ? Math.Pow(2, 128) : (double)MathF.BitIncrement(t);
        var midpoint = ((double)t + up) / 2; // exact: both are floats, 24-bit significands
        var tieRoundsDown = (BitConverter.SingleToInt32Bits(t) & 1) == 0;
        return tieRoundsDown ? midpoint : Math.BitDecrement(midpoint);
    }

    /// <summary>The largest double x with <c>(float)x &lt; t</c> (a BRANCH_LT split on a float input); t finite.</summary>
    public static double Less(float t)
    {
        if (!float.IsFinite(t) || t == -float.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(t), "A split threshold must be finite and above the lowest float.");
        }
        // (float)x < t exactly when (float)x ≤ the float just below t.
        return LessOrEqual(MathF.BitDecrement(t == 0 ? 0f : t));
    }
}
