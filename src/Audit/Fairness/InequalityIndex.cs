using Audit.Fairness.Cells;

namespace Audit.Fairness;

/// <summary>
/// Generalized entropy and Theil indices of individual "benefits", after Speicher et al. (2018), "A Unified
/// Approach to Quantifying Algorithmic Unfairness", as implemented by AIF360 (<c>generalized_entropy_index</c>,
/// <c>theil_index</c>, <c>between_group_generalized_entropy_index</c>). AIF360 defines b = ŷ − y + 1 with 1 the
/// favourable prediction and label. Here the favourable prediction is "not flagged" (1 − decision) and the
/// favourable label is "no adverse outcome" (1 − label), so b = (1 − d) − (1 − l) + 1 = l − d + 1:
/// 0 for a person flagged without cause (false positive), 2 for a person not flagged despite the adverse outcome
/// (false negative), 1 otherwise. Only labelled rows count. Since b takes three values, the indices are functions
/// of the weighted counts of the three values, i.e. of group statistics.
/// </summary>
public static class InequalityIndex
{
    /// <summary>
    /// GE(α) = 1 / (n α (α − 1)) Σ [(b_i / μ)^α − 1] for α ∉ {0, 1}; Theil (α = 1) = (1 / n) Σ (b_i / μ) ln(b_i / μ)
    /// with 0 ln 0 = 0; α = 0: −(1 / n) Σ ln(b_i / μ). <paramref name="values"/> and <paramref name="weights"/>
    /// describe the distribution: each value with its total weight. Null when the total weight or the mean is 0.
    /// </summary>
    public static double? GeneralizedEntropy(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double alpha)
    {
        double total = 0, sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            total += weights[i];
            sum += weights[i] * values[i];
        }
        if (total <= 0 || sum <= 0)
        {
            return null;
        }
        var mean = sum / total;
        double acc = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (weights[i] == 0)
            {
                continue;
            }
            var r = values[i] / mean;
            if (alpha == 1)
            {
                acc += weights[i] * (r > 0 ? r * Math.Log(r) : 0);
            }
            else if (alpha == 0)
            {
                if (r == 0)
                {
                    return double.PositiveInfinity;
                }
                acc -= weights[i] * Math.Log(r);
            }
            else
            {
                acc += weights[i] * (Math.Pow(r, alpha) - 1);
            }
        }
        return alpha is 0 or 1 ? acc / total : acc / (total * alpha * (alpha - 1));
    }

    /// <summary>The benefits 0, 1, 2 and their weights in a cell: b = 0 (label 0, flagged), b = 2 (label 1, not flagged), b = 1 otherwise.</summary>
    public static (double B0, double B1, double B2) BenefitWeights(ConfusionCounts c) =>
        (c.Weight(0, 1), c.Weight(0, 0) + c.Weight(1, 1), c.Weight(1, 0));

    /// <summary>The index over everybody, from the overall counts.</summary>
    public static double? Total(ConfusionCounts overall, double alpha)
    {
        var (b0, b1, b2) = BenefitWeights(overall);
        return GeneralizedEntropy([0, 1, 2], [b0, b1, b2], alpha);
    }

    /// <summary>The between-group part: every person's benefit replaced by the mean benefit of their group.</summary>
    public static double? BetweenGroups(IReadOnlyList<ConfusionCounts> cells, double alpha)
    {
        var values = new double[cells.Count];
        var weights = new double[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            var (b0, b1, b2) = BenefitWeights(cells[i]);
            var w = b0 + b1 + b2;
            weights[i] = w;
            values[i] = w > 0 ? (b1 + 2 * b2) / w : 0;
        }
        return GeneralizedEntropy(values, weights, alpha);
    }
}
