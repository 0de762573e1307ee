namespace Audit.Explain;

/// <summary>An estimated attribution with a standard error per feature (<see cref="KernelShap"/>).</summary>
/// <param name="Coalitions">How many coalitions were evaluated (each one is N model calls, N the background rows).</param>
public sealed record AttributionEstimate(Attribution Attribution, IReadOnlyList<double> StandardErrors, int Coalitions);

/// <summary>
/// KernelSHAP: Shapley values of a game over F features estimated from a seeded sample of coalitions, for models
/// whose structure is not known (Lundberg and Lee 2017, "A Unified Approach to Interpreting Model Predictions",
/// NeurIPS). This is the <b>unbiased</b> form of Covert and Lee (2021, "Improving KernelSHAP: Practical Shapley Value
/// Estimation via Linear Regression", AISTATS, §3): the Shapley values solve
/// <c>min_β E_p[(v(z) − v(∅) − zᵀβ)²]</c> subject to <c>1ᵀβ = v(1) − v(∅)</c>, where z is a coalition drawn from the
/// Shapley kernel distribution p (size s with probability ∝ 1/(s(F−s)), 0 &lt; s &lt; F, then uniform among subsets of
/// that size). So <c>φ = A⁻¹(b − 1·(1ᵀA⁻¹b − v(1) + v(∅))/(1ᵀA⁻¹1))</c> with <c>A = E[zzᵀ]</c> known exactly
/// (<c>A_ii = 1/2</c>, <c>A_ij = Σ_s p(s)·s(s−1)/(F(F−1))</c>) and <c>b = E[z(v(z) − v(∅))]</c> estimated by a sample
/// mean. Coalitions are drawn in <b>pairs</b> (z and its complement, Covert and Lee §4.1), which cuts the variance.
/// </summary>
/// <remarks>
/// <b>Standard errors.</b> φ is a linear map M of the sample mean b̂ (plus a constant), and b̂ is a mean of n
/// independent paired terms <c>u = ½[z(v(z) − v(∅)) + (1−z)(v(1−z) − v(∅))]</c>, so <c>Cov(φ) = M·Cov(u)·Mᵀ/n</c> with
/// Cov(u) the terms' sample covariance: the central-limit standard error of Covert and Lee §3.2, computed from the one
/// run (no repeated runs needed). The estimate is exactly efficient: <c>Σφ = v(1) − v(∅)</c> whatever the sample.
/// </remarks>
public static class KernelShap
{
    /// <summary>
    /// Estimates the Shapley values of <paramref name="game"/>, which returns v(S) for a batch of coalitions (a true
    /// entry = the feature is in S); it is called once, with ∅, the full coalition and the 2·<paramref name="pairs"/>
    /// sampled coalitions.
    /// </summary>
    public static AttributionEstimate Estimate(int features, Func<IReadOnlyList<bool[]>, double[]> game, int pairs, int seed)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pairs, 2);
        var coalitions = new List<bool[]> { new bool[features], Enumerable.Repeat(true, features).ToArray() };
        if (features == 1)
        {
            var ends = game(coalitions);
            return new AttributionEstimate(new Attribution(ends[0], [ends[1] - ends[0]], ends[1]), [0.0], 2);
        }
        var (sizeProbability, cumulative) = SizeDistribution(features);
        AddPairs(coalitions, features, pairs, cumulative, new Random(seed));
        var v = game(coalitions);
        var empty = v[0];
        var full = v[1];
        var (mean, covariance) = PairedTermMoments(coalitions, v, features, pairs);
        var (map, inverseOnes, onesInverseOnes) = ConstrainedSolution(sizeProbability, features);
        var phi = new double[features];
        var standardErrors = new double[features];
        for (var i = 0; i < features; i++)
        {
            phi[i] = inverseOnes[i] * (full - empty) / onesInverseOnes;
            for (var j = 0; j < features; j++)
            {
                phi[i] += map[i, j] * mean[j];
            }
            // (M·Σ·Mᵀ)_ii / n
            var variance = 0.0;
            for (var j = 0; j < features; j++)
            {
                for (var k = 0; k < features; k++)
                {
                    variance += map[i, j] * covariance[j, k] * map[i, k];
                }
            }
            standardErrors[i] = Math.Sqrt(Math.Max(variance, 0) / pairs);
        }
        return new AttributionEstimate(new Attribution(empty, phi, full), standardErrors, coalitions.Count);
    }

    /// <summary>The Shapley kernel's distribution of coalition sizes, p(s) ∝ 1/(s(F−s)) for 0 &lt; s &lt; F, and its cumulative for sampling.</summary>
    private static (double[] Probability, double[] Cumulative) SizeDistribution(int features)
    {
        var sizeProbability = new double[features];
        for (var s = 1; s < features; s++)
        {
            sizeProbability[s] = 1.0 / (s * (features - s));
        }
        var total = sizeProbability.Sum();
        var cumulative = new double[features];
        var running = 0.0;
        for (var s = 1; s < features; s++)
        {
            sizeProbability[s] /= total;
            running += sizeProbability[s];
            cumulative[s] = running;
        }
        return (sizeProbability, cumulative);
    }

    /// <summary>Draws <paramref name="pairs"/> coalitions from the kernel distribution and adds each with its complement.</summary>
    private static void AddPairs(List<bool[]> coalitions, int features, int pairs, double[] cumulative, Random random)
    {
        var order = Enumerable.Range(0, features).ToArray();
        for (var p = 0; p < pairs; p++)
        {
            var u = random.NextDouble();
            var size = 1;
            while (size < features - 1 && cumulative[size] < u)
            {
                size++;
            }
            // The first `size` entries of a partial Fisher-Yates shuffle: a uniform subset of that size.
            for (var i = 0; i < size; i++)
            {
                var j = i + random.Next(features - i);
                (order[i], order[j]) = (order[j], order[i]);
            }
            var z = new bool[features];
            for (var i = 0; i < size; i++)
            {
                z[order[i]] = true;
            }
            coalitions.Add(z);
            coalitions.Add(z.Select(b => !b).ToArray());
        }
    }

    /// <summary>The paired terms u = ½[z(v(z) − v(∅)) + (1−z)(v(1−z) − v(∅))]: their mean b̂ and sample covariance.</summary>
    private static (double[] Mean, double[,] Covariance) PairedTermMoments(List<bool[]> coalitions, double[] v, int features, int pairs)
    {
        var empty = v[0];
        var terms = new double[pairs, features];
        var mean = new double[features];
        for (var p = 0; p < pairs; p++)
        {
            var z = coalitions[2 + 2 * p];
            var inZ = v[2 + 2 * p] - empty;
            var inComplement = v[3 + 2 * p] - empty;
            for (var j = 0; j < features; j++)
            {
                terms[p, j] = 0.5 * (z[j] ? inZ : inComplement);
                mean[j] += terms[p, j] / pairs;
            }
        }
        var covariance = new double[features, features];
        for (var p = 0; p < pairs; p++)
        {
            for (var i = 0; i < features; i++)
            {
                for (var j = 0; j < features; j++)
                {
                    covariance[i, j] += (terms[p, i] - mean[i]) * (terms[p, j] - mean[j]) / (pairs - 1);
                }
            }
        }
        return (mean, covariance);
    }

    /// <summary>
    /// The linear map of the constrained least squares, from the exactly known A = E[zzᵀ]: M = A⁻¹ − (A⁻¹1)(1ᵀA⁻¹)/(1ᵀA⁻¹1),
    /// with A⁻¹1 and 1ᵀA⁻¹1, so that φ = M·b̂ + A⁻¹1·(v(1) − v(∅))/(1ᵀA⁻¹1).
    /// </summary>
    private static (double[,] Map, double[] InverseOnes, double OnesInverseOnes) ConstrainedSolution(double[] sizeProbability, int features)
    {
        // A = (½ − c)·I + c·11ᵀ, so A⁻¹ = (I − c/(α + cF)·11ᵀ)/α with α = ½ − c (Sherman-Morrison).
        var c = 0.0;
        for (var s = 2; s < features; s++)
        {
            c += sizeProbability[s] * s * (s - 1) / ((double)features * (features - 1));
        }
        var alpha = 0.5 - c;
        var inverse = new double[features, features];
        for (var i = 0; i < features; i++)
        {
            for (var j = 0; j < features; j++)
            {
                inverse[i, j] = ((i == j ? 1 : 0) - c / (alpha + c * features)) / alpha;
            }
        }
        var inverseOnes = new double[features];
        for (var i = 0; i < features; i++)
        {
            for (var j = 0; j < features; j++)
            {
                inverseOnes[i] += inverse[i, j];
            }
        }
        var onesInverseOnes = inverseOnes.Sum();
        var map = new double[features, features];
        for (var i = 0; i < features; i++)
        {
            for (var j = 0; j < features; j++)
            {
                map[i, j] = inverse[i, j] - inverseOnes[i] * inverseOnes[j] / onesInverseOnes;
            }
        }
        return (map, inverseOnes, onesInverseOnes);
    }
}
