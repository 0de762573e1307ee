namespace Audit.Explain;

/// <summary>
/// The attributions of many rows against one background, stored once per distinct input (people with identical
/// inputs share one explanation) in flat arrays: row i's contributions are those of its distinct input
/// <c>IndexOf[i]</c>.
/// </summary>
public sealed class AttributionSet
{
    private readonly double[] values;
    private readonly double[] contributions;
    private readonly double[]? standardErrors;
    private readonly int[] indexOf;

    /// <param name="values">One output per distinct input.</param>
    /// <param name="contributions">Distinct inputs × features, row-major.</param>
    /// <param name="standardErrors">Same layout; null when the attributions are exact.</param>
    /// <param name="indexOf">For each row explained, its distinct input.</param>
    public AttributionSet(IReadOnlyList<string> features, double baseline, double[] values, double[] contributions, double[]? standardErrors, int[] indexOf)
    {
        Features = features;
        Baseline = baseline;
        this.values = values;
        this.contributions = contributions;
        this.standardErrors = standardErrors;
        this.indexOf = indexOf;
        for (var d = 0; d < values.Length; d++)
        {
            var sum = baseline;
            for (var f = 0; f < features.Count; f++)
            {
                sum += contributions[d * features.Count + f];
            }
            MaxAdditivityError = Math.Max(MaxAdditivityError, Math.Abs(sum - values[d]));
        }
    }

    /// <summary>
    /// The largest additivity error an explanation may carry (the explanations issue's tolerance for TreeSHAP; the
    /// closed form and enumeration reach about 1e-15). Above it the attributions are not Shapley values of the
    /// game, which is a bug, not a property of the data.
    /// </summary>
    public const double AdditivityTolerance = 1e-6;

    public IReadOnlyList<string> Features { get; }

    /// <summary>
    /// Throws when <see cref="MaxAdditivityError"/> exceeds <see cref="AdditivityTolerance"/>, relative to the size of the
    /// numbers added (above 1): the outputs, and the baseline and contributions, whose rounding errors add up even when
    /// they cancel. Terms of ±10^20 that cancel to an output near 0 carry a rounding error near 10^4, which failed the
    /// check and ended in an internal error (issue 16, class 4), though no attribution was wrong.
    /// </summary>
    public AttributionSet EnsureAdditive()
    {
        var scale = 1.0;
        for (var d = 0; d < values.Length; d++)
        {
            var added = Math.Abs(Baseline);
            for (var f = 0; f < Features.Count; f++)
            {
                added += Math.Abs(contributions[d * Features.Count + f]);
            }
            scale = Math.Max(scale, Math.Max(Math.Abs(values[d]), added));
        }
        return MaxAdditivityError <= AdditivityTolerance * scale
            ? this
            : throw new InvalidOperationException($"The attributions fail the additivity check: error {MaxAdditivityError:R} above {AdditivityTolerance * scale:R}.");
    }

    /// <summary>v(∅): the mean output over the background.</summary>
    public double Baseline { get; }

    /// <summary>Rows explained.</summary>
    public int Count => indexOf.Length;

    /// <summary>Distinct inputs among them (each explained once).</summary>
    public int DistinctCount => values.Length;

    /// <summary>The largest <c>|Baseline + Σ contributions − value|</c> over the rows: the additivity check.</summary>
    public double MaxAdditivityError { get; }

    public bool HasStandardErrors => standardErrors is not null;

    /// <summary>Row i's output in the explanation space.</summary>
    public double Value(int row) => values[indexOf[row]];

    public double Contribution(int row, int feature) => contributions[indexOf[row] * Features.Count + feature];

    /// <summary>The standard error of a sampled contribution; 0 for exact ones.</summary>
    public double StandardError(int row, int feature) => standardErrors is null ? 0 : standardErrors[indexOf[row] * Features.Count + feature];

    public Attribution this[int row] =>
        new(Baseline, contributions.AsSpan(indexOf[row] * Features.Count, Features.Count).ToArray(), values[indexOf[row]]);
}
