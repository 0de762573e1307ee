namespace Audit.Recourse;

/// <summary>
/// Future ratings dilute past ones (docs/recourse.md, "Future ratings dilute past ones"): past ratings cannot be
/// changed, so a driver under a rating threshold gets back over it only by new ratings that push old ones out of the
/// averaging window. The model, with a window of <c>W</c> ratings, <c>n ≤ W</c> ratings in it now averaging <c>a</c>,
/// and every future rating counted at its expected value <c>μ</c> (the mean of the driver's group's ratings): after
/// <c>k</c> more ratings the window holds <c>w = min(n + k, W)</c> ratings, of which <c>m = min(k, W)</c> are new and
/// <c>w − m</c> old, and the old ones that stay are counted at their average <c>a</c> (which old ratings leave is not
/// known from the shares, so each is worth the average):
/// <code>average(k) = ((w − m) a + m μ) / w</code>
/// that is <c>(n a + k μ) / (n + k)</c> while <c>n + k ≤ W</c>, then <c>((W − k) a + k μ) / W</c> up to <c>k = W</c>, then <c>μ</c>.
/// The average moves monotonically from <c>a</c> towards <c>μ</c>, so when <c>a</c> is below the threshold <c>T</c>
/// the driver never gets back when <c>μ &lt; T</c>, and otherwise the first <c>k</c> with <c>average(k) ≥ T</c> is
/// found in closed form: <c>k = ⌈n (T − a) / (μ − T)⌉</c> if that keeps <c>n + k ≤ W</c>, else <c>k = ⌈W (T − a) / (μ − a)⌉</c>
/// (then k ≤ W: once W new ratings are in, the average is μ ≥ T).
/// </summary>
public static class RatingDilution
{
    /// <summary>Uber's rating window: the last 500 trips (Team-BHP on Uber's India guidelines; models/platform-rating-deactivation.yaml).</summary>
    public const int DefaultWindow = 500;

    /// <summary>
    /// An average this close below the threshold counts as reaching it: an average of whole-star ratings is a
    /// fraction, and binary floating point makes 4.6 come out as 4.599999999999999; no average of at most 10⁶
    /// ratings lies within 10⁻⁹ below a threshold of 2 decimals without being on it.
    /// </summary>
    public const double Tolerance = 1e-9;

    /// <summary>The window's average after <paramref name="k"/> more ratings of expected value <paramref name="mu"/> (the model above).</summary>
    public static double AverageAfter(long n, double a, double mu, long k, int window)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var w = Math.Min(n + k, window);
        var m = Math.Min(k, window);
        return w == 0 ? a : ((w - m) * a + m * mu) / w;
    }

    /// <summary>
    /// The number of future ratings at expected value <paramref name="mu"/> after which the window's average is at
    /// least <paramref name="threshold"/>: 0 when it already is, null ("never") when <paramref name="mu"/> is below
    /// the threshold and the average is too.
    /// </summary>
    /// <param name="n">Ratings in the window now, 0 to <paramref name="window"/>.</param>
    /// <param name="a">Their average (stars).</param>
    public static long? FutureRatings(long n, double a, double mu, double threshold, int window = DefaultWindow)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, (long)window);
        bool Reached(long k) => AverageAfter(n, a, mu, k, window) >= threshold - Tolerance;
        if (Reached(0))
        {
            return 0;
        }
        if (!Reached(window))
        {
            return null;   // after W new ratings the average is μ: never reached when μ < T
        }
        var growing = n * (threshold - a) / (mu - threshold);
        var guess = mu > threshold && growing <= window - n
            ? (long)Math.Ceiling(growing)
            : (long)Math.Ceiling(window * (threshold - a) / (mu - a));
        // The closed form in floating point may be one off at an exact tie: step to the first k that reaches T.
        var k = Math.Clamp(guess, 1, window);
        while (k > 1 && Reached(k - 1))
        {
            k--;
        }
        while (!Reached(k))
        {
            k++;
        }
        return k;
    }
}
