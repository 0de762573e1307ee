namespace Audit.Synthetic;

/// <summary>
/// exp, log and the inverse normal CDF computed with IEEE-754 additions, multiplications and divisions only, so that
/// they return the same bits on every machine. .NET's <c>Math.Exp</c> and <c>Math.Log</c> call the
/// platform's C library, which may differ in the last bit between operating systems; a generated population must
/// not. <c>exp</c> and <c>log</c> are Sun's fdlibm 5.3 algorithms (e_exp.c, e_log.c; error below 1 ulp), the inverse
/// normal CDF is Acklam's rational approximation (relative error below 1.15 × 10⁻⁹), which only needs
/// <see cref="Log"/> and <see cref="Math.Sqrt"/> (correctly rounded by IEEE 754 everywhere). .NET does not fuse
/// multiplications and additions unless asked (<see cref="Math.FusedMultiplyAdd"/>), so the sequence of roundings
/// is the one written here.
/// </summary>
public static class PortableMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01; // 0x3fe62e42 fee00000
    private const double Ln2Lo = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
    private const double Two54 = 1.80143985094819840000e+16;
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;

    private const double OverflowThreshold = 7.09782712893383973096e+02;
    private const double UnderflowThreshold = -7.45133219101941108420e+02;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double TwoM1000 = 9.33263618503218878990e-302;
    private const double P1 = 1.66666666666666019037e-01;
    private const double P2 = -2.77777777770155933842e-03;
    private const double P3 = 6.61375632143793436117e-05;
    private const double P4 = -1.65339022054652515390e-06;
    private const double P5 = 4.13813679705723846039e-08;

    private static int High(double x) => (int)(BitConverter.DoubleToInt64Bits(x) >> 32);

    private static uint Low(double x) => (uint)BitConverter.DoubleToInt64Bits(x);

    private static double WithHigh(double x, int high) =>
        BitConverter.Int64BitsToDouble(((long)high << 32) | Low(x));

    /// <summary>The natural logarithm (fdlibm's __ieee754_log).</summary>
    public static double Log(double x)
    {
        var hx = High(x);
        var lx = Low(x);
        var k = 0;
        if (hx < 0x00100000)
        {
            if (((hx & 0x7fffffff) | (int)lx) == 0)
            {
                return double.NegativeInfinity;
            }
            if (hx < 0)
            {
                return double.NaN;
            }
            k -= 54;
            x *= Two54; // a subnormal number: scale it up
            hx = High(x);
        }
        if (hx >= 0x7ff00000)
        {
            return x + x;
        }
        k += (hx >> 20) - 1023;
        hx &= 0x000fffff;
        var i = (hx + 0x95f64) & 0x100000;
        x = WithHigh(x, hx | (i ^ 0x3ff00000)); // normalise x or x/2
        k += i >> 20;
        var f = x - 1.0;
        double dk;
        double r;
        if ((0x000fffff & (2 + hx)) < 3)
        {
            // |f| < 2^-20
            if (f == 0)
            {
                if (k == 0)
                {
                    return 0;
                }
                dk = k;
                return dk * Ln2Hi + dk * Ln2Lo;
            }
            r = f * f * (0.5 - 0.33333333333333333 * f);
            if (k == 0)
            {
                return f - r;
            }
            dk = k;
            return dk * Ln2Hi - ((r - dk * Ln2Lo) - f);
        }
        var s = f / (2.0 + f);
        dk = k;
        var z = s * s;
        i = hx - 0x6147a;
        var w = z * z;
        var j = 0x6b851 - hx;
        var t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
        var t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
        i |= j;
        r = t2 + t1;
        if (i > 0)
        {
            var hfsq = 0.5 * f * f;
            return k == 0
                ? f - (hfsq - s * (hfsq + r))
                : dk * Ln2Hi - ((hfsq - (s * (hfsq + r) + dk * Ln2Lo)) - f);
        }
        return k == 0
            ? f - s * (f - r)
            : dk * Ln2Hi - ((s * (f - r) - dk * Ln2Lo) - f);
    }

    /// <summary>e to the power x (fdlibm's __ieee754_exp).</summary>
    public static double Exp(double x)
    {
        var hx = (uint)High(x);
        var xsb = (int)((hx >> 31) & 1);
        hx &= 0x7fffffff;
        if (hx >= 0x40862E42)
        {
            if (hx >= 0x7ff00000)
            {
                if (((hx & 0xfffff) | Low(x)) != 0)
                {
                    return x + x; // NaN
                }
                return xsb == 0 ? x : 0.0;
            }
            if (x > OverflowThreshold)
            {
                return double.PositiveInfinity;
            }
            if (x < UnderflowThreshold)
            {
                return 0;
            }
        }

        double hi = 0, lo = 0;
        var k = 0;
        if (hx > 0x3fd62e42)
        {
            // |x| > 0.5 ln 2: reduce to x - k ln 2
            if (hx < 0x3FF0A2B2)
            {
                hi = xsb == 0 ? x - Ln2Hi : x + Ln2Hi;
                lo = xsb == 0 ? Ln2Lo : -Ln2Lo;
                k = 1 - xsb - xsb;
            }
            else
            {
                k = (int)(InvLn2 * x + (xsb == 0 ? 0.5 : -0.5));
                double t = k;
                hi = x - t * Ln2Hi; // t * Ln2Hi is exact here
                lo = t * Ln2Lo;
            }
            x = hi - lo;
        }
        else if (hx < 0x3e300000)
        {
            // |x| < 2^-28
            return 1.0 + x;
        }

        var tt = x * x;
        var c = x - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
        if (k == 0)
        {
            return 1.0 - ((x * c) / (c - 2.0) - x);
        }
        var y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
        if (k >= -1021)
        {
            return WithHigh(y, High(y) + (k << 20));
        }
        return WithHigh(y, High(y) + ((k + 1000) << 20)) * TwoM1000;
    }

    /// <summary>1 / (1 + e^−x).</summary>
    public static double Logistic(double x) => 1 / (1 + Exp(-x));

    private static readonly double[] A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
    private static readonly double[] B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
    private static readonly double[] C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
    private static readonly double[] D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
    private const double PLow = 0.02425;

    /// <summary>
    /// The standard normal quantile of p in (0, 1): P. J. Acklam, "An algorithm for computing the inverse normal
    /// cumulative distribution function" (2003), without the refinement step; relative error below 1.15 × 10⁻⁹.
    /// </summary>
    public static double NormalQuantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            return p == 0 ? double.NegativeInfinity : p == 1 ? double.PositiveInfinity : double.NaN;
        }
        if (p < PLow)
        {
            var q = Math.Sqrt(-2 * Log(p));
            return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
                   ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        if (p > 1 - PLow)
        {
            var q = Math.Sqrt(-2 * Log(1 - p));
            return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
                   ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        var m = p - 0.5;
        var r = m * m;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * m /
               (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }
}
