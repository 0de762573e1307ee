namespace Audit.Fairness.Bootstrap;

/// <summary>
/// Binomial random variates in O(1) expected time, whatever the number of trials: algorithm BTPE (Kachitvichyanukul
/// and Schmeiser, 1988, "Binomial random variate generation", Communications of the ACM 31(2), 216–222) when
/// <c>n·min(p, 1 − p) ≥ 30</c>, and inversion of the cumulative distribution (their algorithm BINV) below.
/// </summary>
/// <remarks>
/// Written here because MathNet.Numerics 5.0.0's <c>Binomial.Sample</c> draws one uniform per trial (its
/// <c>SampleUnchecked</c> loops <c>k += rnd.NextDouble() &lt; p ? 1 : 0</c> n times, src/Numerics/Distributions/Binomial.cs),
/// so it is O(n) per draw and takes n as an <c>int</c>: a multinomial bootstrap of 13.8 million rows would cost
/// 13.8 million uniforms per replicate instead of a few per cell.
/// <para>
/// The cut-off 30 is the one of ranlib's <c>ignbin</c>, the authors' own implementation (GSL uses 14: the choice
/// only moves work between two exact methods). The uniforms come from the caller's <see cref="Random"/>, so a seeded
/// generator (MathNet's <c>Xoshiro256StarStar</c> with an explicit seed) gives reproducible draws.
/// </para>
/// </remarks>
public static class BinomialSampler
{
    /// <summary>Below this mean <c>n·min(p, 1 − p)</c> inversion is used, from it BTPE (ranlib's <c>ignbin</c> cut-off).</summary>
    public const double BtpeThreshold = 30;

    /// <summary>
    /// BINV restarts a search that passes this many successes (a guard against rounding in the recurrence; with a mean
    /// below 30 the probability of more than 110 is below 1e-25). Ranlib's and GSL's value.
    /// </summary>
    private const long InversionLimit = 110;

    /// <summary>A draw from Binomial(<paramref name="n"/>, <paramref name="p"/>): the number of successes in n trials.</summary>
    /// <param name="random">The source of uniforms; only <see cref="Random.NextDouble"/> is called.</param>
    /// <param name="n">Number of trials, at least 0 (at most 2^53, where doubles still count exactly).</param>
    /// <param name="p">Probability of success, in [0, 1].</param>
    public static long Sample(Random random, long n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability must be in [0, 1].");
        }
        if (n == 0 || p == 0)
        {
            return 0;
        }
        if (p == 1)
        {
            return n;
        }
        // Both methods sample the smaller of p and 1 − p; the draw is mirrored back.
        var r = Math.Min(p, 1 - p);
        var y = n * r < BtpeThreshold ? Inversion(random, n, r) : Btpe(random, n, r);
        return p > 0.5 ? n - y : y;
    }

    /// <summary>
    /// BINV: walk the cumulative distribution from 0 with the recurrence f(x) = f(x − 1)·((n + 1)·s / x − s),
    /// s = p / q. Expected time O(1 + n·p), bounded here since n·p &lt; 30.
    /// </summary>
    private static long Inversion(Random random, long n, double p)
    {
        var q = 1 - p;
        var s = p / q;
        var a = s * (n + 1);
        var f0 = Math.Exp(n * LogOneMinus(p)); // q^n without the loss of precision of Math.Log(1 - p) for tiny p
        var limit = Math.Min(n, InversionLimit);
        while (true)
        {
            long x = 0;
            var f = f0;
            var u = random.NextDouble();
            while (true)
            {
                if (u < f)
                {
                    return x;
                }
                if (x >= limit)
                {
                    break;
                }
                u -= f;
                x++;
                f *= a / x - s;
            }
        }
    }

    /// <summary>
    /// BTPE (the paper's steps 0–5.3, for p ≤ 1/2): a triangle, two parallelograms and two exponential tails majorise
    /// the distribution; a point under the triangle is accepted at once, others by the ratio f(y)/f(M), computed by
    /// recursion near the mode, else through a squeeze and Stirling's approximation.
    /// </summary>
    private static long Btpe(Random random, long n, double p)
    {
        // Step 0: set-up, depending only on (n, p).
        var r = p;
        var q = 1 - p;
        var nrq = n * r * q;
        var fm = n * r + r;
        var m = (long)Math.Floor(fm);
        var p1 = Math.Floor(2.195 * Math.Sqrt(nrq) - 4.6 * q) + 0.5;
        var xm = m + 0.5;
        var xl = xm - p1;
        var xr = xm + p1;
        var c = 0.134 + 20.5 / (15.3 + m);
        var a = (fm - xl) / (fm - xl * r);
        var lambdaL = a * (1 + a / 2);
        a = (xr - fm) / (xr * q);
        var lambdaR = a * (1 + a / 2);
        var p2 = p1 * (1 + 2 * c);
        var p3 = p2 + c / lambdaL;
        var p4 = p3 + c / lambdaR;

        while (true)
        {
            // Step 1: the triangular region, accepted without further test.
            var u = random.NextDouble() * p4;
            var v = random.NextDouble();
            if (u <= p1)
            {
                return (long)Math.Floor(xm - p1 * v + u);
            }
            long y;
            if (u <= p2)
            {
                // Step 2: the parallelograms.
                var x = xl + (u - p1) / c;
                v = v * c + 1 - Math.Abs(m - x + 0.5) / p1;
                if (v > 1)
                {
                    continue;
                }
                y = (long)Math.Floor(x);
            }
            else if (u <= p3)
            {
                // Step 3: the left exponential tail.
                y = (long)Math.Floor(xl + Math.Log(v) / lambdaL);
                if (y < 0 || v == 0)
                {
                    continue;
                }
                v *= (u - p2) * lambdaL;
            }
            else
            {
                // Step 4: the right exponential tail.
                y = (long)Math.Floor(xr - Math.Log(v) / lambdaR);
                if (y > n || v == 0)
                {
                    continue;
                }
                v *= (u - p3) * lambdaR;
            }

            // Step 5.0: near the mode (or for a small variance), compare v with f(y)/f(M) computed by recursion.
            var k = Math.Abs(y - m);
            if (k <= 20 || k >= nrq / 2 - 1)
            {
                var s = r / q;
                var g = s * (n + 1);
                var f = 1.0;
                if (m < y)
                {
                    for (var i = m + 1; i <= y; i++)
                    {
                        f *= g / i - s;
                    }
                }
                else if (m > y)
                {
                    for (var i = y + 1; i <= m; i++)
                    {
                        f /= g / i - s;
                    }
                }
                if (v <= f)
                {
                    return y;
                }
                continue;
            }

            // Step 5.2: squeeze on log(v) with bounds of log(f(y)/f(M)).
            var rho = k / nrq * ((k * (k / 3.0 + 0.625) + 1.0 / 6) / nrq + 0.5);
            var t = -(double)k * k / (2 * nrq);
            var logV = Math.Log(v);
            if (logV < t - rho)
            {
                return y;
            }
            if (logV > t + rho)
            {
                continue;
            }

            // Step 5.3: the final test, log(f(y)/f(M)) by Stirling's formula with its correction terms.
            double x1 = y + 1, f1 = m + 1, z = n + 1 - m, w = n - y + 1;
            var bound = xm * Math.Log(f1 / x1)
                + (n - m + 0.5) * Math.Log(z / w)
                + (y - m) * Math.Log(w * r / (x1 * q))
                + StirlingCorrection(f1) + StirlingCorrection(z) + StirlingCorrection(x1) + StirlingCorrection(w);
            if (logV <= bound)
            {
                return y;
            }
        }
    }

    /// <summary>
    /// The remainder of Stirling's series for log Γ, 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹),
    /// written over the common denominator 166320 as in the paper (166320 / 12 = 13860).
    /// </summary>
    private static double StirlingCorrection(double x)
    {
        var x2 = x * x;
        return (13860 - (462 - (132 - (99 - 140 / x2) / x2) / x2) / x2) / x / 166320;
    }

    /// <summary>
    /// log(1 − p), accurate for tiny p (Goldberg 1991, "What every computer scientist should know about floating-point
    /// arithmetic", theorem 4): .NET's <c>double.LogP1</c> computes log(1 + x) as written, losing the digits of a small x.
    /// </summary>
    private static double LogOneMinus(double p)
    {
        var u = 1 - p;
        return u == 1 ? -p : Math.Log(u) * -p / (u - 1);
    }
}
