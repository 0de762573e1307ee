namespace Audit.Explain;

/// <summary>
/// One person's exact attribution: how each feature moved the model's output from the background's mean output to
/// this person's, in the explanation space of the method that made it (the raw margin, before the link, for
/// <see cref="InterventionalTreeShap"/>). Shapley values are additive, so
/// <c>Baseline + Σ Contributions = Value</c> up to rounding; <see cref="AdditivityError"/> is that rounding, the
/// check every explanation carries.
/// </summary>
/// <param name="Baseline">The mean output over the background rows: the value of the empty coalition.</param>
/// <param name="Contributions">The Shapley value of each feature, in the model's feature order (for a tree ensemble,
/// <see cref="Models.ITreeEnsemble.TreeFeatures"/>).</param>
/// <param name="Value">The output for this person: the value of the full coalition.</param>
public sealed record Attribution(double Baseline, IReadOnlyList<double> Contributions, double Value)
{
    /// <summary><c>|Baseline + Σ Contributions − Value|</c>: zero in exact arithmetic, a few ulps in doubles.</summary>
    public double AdditivityError
    {
        get
        {
            var sum = Baseline;
            for (var j = 0; j < Contributions.Count; j++)
            {
                sum += Contributions[j];
            }
            return Math.Abs(sum - Value);
        }
    }
}
