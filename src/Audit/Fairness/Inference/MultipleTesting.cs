namespace Audit.Fairness.Inference;

/// <summary>
/// Adjusted p-values for a family of tests (one per group compared with the reference, say), so that a group is not
/// called significant merely because many groups were tested. Results are in the input order and equal R's
/// <c>p.adjust</c>.
/// <para>
/// A missing p-value (null or NaN, like R's <c>NA</c>) stays missing and is left out of the family: m counts the
/// present values only (R's default <c>n = length(p[!is.na(p)])</c>). A present value outside [0, 1] throws
/// <see cref="ArgumentOutOfRangeException"/>.
/// </para>
/// </summary>
public static class MultipleTesting
{
    /// <summary>
    /// Holm's step-down adjustment, controlling the family-wise error rate (Holm 1979), as adjusted p-values
    /// (Wright 1992): with the m present p-values sorted ascending, p(1) ≤ … ≤ p(m),
    /// <code>
    /// adjusted p(i) = min(1, max over j ≤ i of (m − j + 1) p(j))
    /// </code>
    /// R: <c>p.adjust(p, "holm")</c>. Never below the raw value, never below the Benjamini–Hochberg value, and in the
    /// same order as the raw values.
    /// </summary>
    /// <remarks>
    /// Holm, S. (1979). A simple sequentially rejective multiple test procedure. Scandinavian Journal of Statistics 6,
    /// 65–70. Wright, S. P. (1992). Adjusted P-values for simultaneous inference. Biometrics 48, 1005–1013.
    /// </remarks>
    public static double?[] Holm(IReadOnlyList<double?> p)
    {
        var (order, values, result) = Present(p);
        var m = order.Length;
        var running = 0.0;
        for (var i = 0; i < m; i++)
        {
            running = Math.Max(running, Math.Min(1, (m - i) * values[i]));
            result[order[i]] = running;
        }
        return result;
    }

    /// <summary>
    /// The Benjamini–Hochberg step-up adjustment, controlling the false discovery rate for independent (or positively
    /// dependent) tests (Benjamini and Hochberg 1995): with the m present p-values sorted ascending,
    /// <code>
    /// adjusted p(i) = min(1, min over j ≥ i of (m / j) p(j))
    /// </code>
    /// R: <c>p.adjust(p, "BH")</c>. Never below the raw value and in the same order as the raw values.
    /// </summary>
    /// <remarks>
    /// Benjamini, Y. and Hochberg, Y. (1995). Controlling the false discovery rate: a practical and powerful approach
    /// to multiple testing. Journal of the Royal Statistical Society B 57, 289–300.
    /// </remarks>
    public static double?[] BenjaminiHochberg(IReadOnlyList<double?> p)
    {
        var (order, values, result) = Present(p);
        var m = order.Length;
        var running = 1.0;
        for (var i = m - 1; i >= 0; i--)
        {
            running = Math.Min(running, (double)m / (i + 1) * values[i]);
            result[order[i]] = running;
        }
        return result;
    }

    /// <summary>
    /// The present p-values sorted ascending, with their input positions, and a result array of nulls. Ties need no
    /// stable order: both adjustments give tied raw values the same adjusted value.
    /// </summary>
    private static (int[] Order, double[] Values, double?[] Result) Present(IReadOnlyList<double?> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var order = new List<int>(p.Count);
        for (var i = 0; i < p.Count; i++)
        {
            if (p[i] is { } value && !double.IsNaN(value))
            {
                if (value is < 0 or > 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(p), value, $"p[{i}] is not a probability (between 0 and 1).");
                }
                order.Add(i);
            }
        }
        var positions = order.ToArray();
        var values = positions.Select(i => p[i]!.Value).ToArray();
        Array.Sort(values, positions);
        return (positions, values, new double?[p.Count]);
    }
}
