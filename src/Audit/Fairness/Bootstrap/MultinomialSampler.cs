namespace Audit.Fairness.Bootstrap;

/// <summary>
/// Multinomial random vectors by conditional binomials: category i receives Binomial(N_remaining, p_i / p_remaining)
/// of the draws the earlier categories left (the distribution of category i given categories 1..i−1 is exactly that
/// binomial). With <see cref="BinomialSampler"/> a draw costs O(k) for k categories, whatever N.
/// </summary>
public static class MultinomialSampler
{
    /// <summary>
    /// Distributes <paramref name="n"/> draws over categories with probabilities proportional to the integer
    /// <paramref name="weights"/> (counts, say): the remaining probability mass is kept as an exact integer, so the
    /// conditional probabilities carry no rounding drift. Categories of weight 0 receive nothing.
    /// </summary>
    /// <param name="result">Receives the draw per category; same length as <paramref name="weights"/>. Sums to n.</param>
    /// <exception cref="ArgumentException">Lengths differ, a weight is negative, or n &gt; 0 with all weights 0.</exception>
    public static void Sample(Random random, long n, ReadOnlySpan<long> weights, Span<long> result)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        CheckLengths(weights.Length, result.Length);
        long total = 0;
        var last = -1;
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] < 0)
            {
                throw new ArgumentException($"Weight {i} is negative ({weights[i]}).", nameof(weights));
            }
            if (weights[i] > 0)
            {
                total = checked(total + weights[i]);
                last = i;
            }
        }
        CheckMass(n, total > 0);
        result.Clear();
        var remaining = n;
        var mass = total;
        for (var i = 0; i < last && remaining > 0; i++)
        {
            if (weights[i] == 0)
            {
                continue;
            }
            var x = BinomialSampler.Sample(random, remaining, (double)weights[i] / mass);
            result[i] = x;
            remaining -= x;
            mass -= weights[i];
        }
        if (last >= 0)
        {
            result[last] += remaining;
        }
    }

    /// <summary>
    /// Distributes <paramref name="n"/> draws over categories with probabilities proportional to
    /// <paramref name="probabilities"/> (non-negative; they need not sum to 1). The last category with a positive
    /// probability takes what the others left, so the draw always sums to n.
    /// </summary>
    /// <param name="result">Receives the draw per category; same length as <paramref name="probabilities"/>.</param>
    /// <exception cref="ArgumentException">Lengths differ, a probability is negative or not finite, or n &gt; 0 with all probabilities 0.</exception>
    public static void Sample(Random random, long n, ReadOnlySpan<double> probabilities, Span<long> result)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        CheckLengths(probabilities.Length, result.Length);
        var last = -1;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (!(probabilities[i] >= 0) || double.IsPositiveInfinity(probabilities[i]))
            {
                throw new ArgumentException($"Probability {i} is {probabilities[i]}: it must be finite and non-negative.", nameof(probabilities));
            }
            if (probabilities[i] > 0)
            {
                last = i;
            }
        }
        CheckMass(n, last >= 0);
        // The remaining mass as a suffix sum, so that p_i / p_remaining is computed from the same numbers it divides.
        var mass = 0.0;
        for (var i = last; i >= 0; i--)
        {
            mass += probabilities[i];
        }
        result.Clear();
        var remaining = n;
        for (var i = 0; i < last && remaining > 0; i++)
        {
            var pi = probabilities[i];
            if (pi == 0)
            {
                continue;
            }
            var x = BinomialSampler.Sample(random, remaining, Math.Min(1, pi / mass));
            result[i] = x;
            remaining -= x;
            mass -= pi;
            if (mass <= 0)
            {
                break;
            }
        }
        if (last >= 0)
        {
            result[last] += remaining;
        }
    }

    private static void CheckLengths(int categories, int results)
    {
        if (categories != results)
        {
            throw new ArgumentException($"One result per category: {categories} categories, {results} results.", nameof(results));
        }
    }

    private static void CheckMass(long n, bool anyPositive)
    {
        if (n > 0 && !anyPositive)
        {
            throw new ArgumentException("Cannot distribute draws over categories that all have probability 0.");
        }
    }
}
