using System.Text.Json.Serialization;

namespace Audit.Results;

/// <summary>
/// The verdict on one group's ratio to its reference group for one verdict metric (the flag rate; with labels also the
/// false positive and false negative rates), as CONTRACTS.md ("Verdict") defines it: the ratio with a simultaneous
/// interval at level 1 − α/m (m = the comparisons of that metric in the report); a disparity <see cref="Against"/> the
/// group when the whole interval lies above 1/τ, <see cref="InFavour"/> of it when wholly below τ (the directions swap
/// for the false negative rate), otherwise <see cref="NotEstablished"/>. The point estimate alone never decides.
/// The rule is computed once, in <c>Audit.Fairness.DisparityVerdict</c>; every section, design and plot reads this record.
/// </summary>
/// <param name="Direction"><see cref="Against"/>, <see cref="InFavour"/> or <see cref="NotEstablished"/>.</param>
/// <param name="Ratio">The point estimate of the ratio to the reference; null when infinite (<see cref="Infinite"/>) or undefined.</param>
/// <param name="Low">The simultaneous interval's lower bound (0 when the group has no case); null when no interval could be computed (sampling weights without bootstrap).</param>
/// <param name="High">The upper bound; null when unbounded (the reference group has no case) or not computed.</param>
/// <param name="Level">The interval's level, 1 − α/m.</param>
/// <param name="Comparisons">m: the comparisons of this metric in the report (the family the Holm correction uses).</param>
/// <param name="Method"><see cref="Katz"/>, <see cref="Exact"/> (a zero or infinite ratio) or <see cref="Bootstrap"/> (sampling weights).</param>
public sealed record Verdict(string Direction, double? Ratio, double? Low, double? High, double Level, int Comparisons, string Method)
{
    /// <summary>A disparity against the group: the whole interval lies on the adverse side of the tolerance band.</summary>
    public const string Against = "against";

    /// <summary>A disparity in the group's favour: the whole interval lies on the favourable side of the band.</summary>
    public const string InFavour = "inFavour";

    /// <summary>Neither: the interval reaches into the tolerance band (or the ratio is undefined).</summary>
    public const string NotEstablished = "notEstablished";

    /// <summary>Katz's log interval of the ratio.</summary>
    public const string Katz = "katz";

    /// <summary>
    /// Not emitted: Fisher's conditional test bounds the odds ratio, not the risk ratio (docs/metrics.md, "Verdict"); a
    /// zero or infinite ratio gets the <see cref="Exact"/> interval instead. Kept so that the name is not reused.
    /// </summary>
    public const string Fisher = "fisher";

    /// <summary>
    /// The exact interval of a zero or infinite ratio: the ratios compatible with both groups' exact (Clopper-Pearson)
    /// one-sided bounds, each at error 1 − √(1 − α/(2m)), so that the bound holds with probability at least 1 − α/(2m)
    /// on its side (docs/metrics.md, "Verdict").
    /// </summary>
    public const string Exact = "exact";

    /// <summary>The Poisson bootstrap of rows (sampling weights).</summary>
    public const string Bootstrap = "bootstrap";

    /// <summary>True when the group has cases and the reference none: the ratio is infinite (and <see cref="Ratio"/> null).</summary>
    public bool Infinite { get; init; }

    /// <summary>τ, the tolerance the direction was decided against (the band [τ, 1/τ]); the pages print an established bound on its side of the printed band.</summary>
    public double? Tolerance { get; init; }

    /// <summary>The group's cases (numerator of the metric: flagged people for the flag rate), a weight sum with frequency weights.</summary>
    public double? Cases { get; init; }

    /// <summary>The group's people the metric is taken over (its denominator).</summary>
    public double? Size { get; init; }

    /// <summary>The reference group's cases.</summary>
    public double? ReferenceCases { get; init; }

    /// <summary>The reference group's people the metric is taken over.</summary>
    public double? ReferenceSize { get; init; }

    /// <summary>
    /// With the bootstrap: how many replicates lie beyond each bound of the interval (replicates × α/(2m)); below
    /// <see cref="FewTailReplicates"/> the bound rests on too few replicates to be precise, which the report says.
    /// </summary>
    public double? TailReplicates { get; init; }

    /// <summary>Fewer replicates than this beyond a bound make a bootstrap bound imprecise (a rule of thumb: Efron and Tibshirani 1993, §19.3, ask for about 1000 replicates at 90 % to 95 %, i.e. 25 to 50 beyond each bound).</summary>
    public const double FewTailReplicates = 10;

    /// <summary>Whether the verdict states a disparity (either way); derived from <see cref="Direction"/>, not written to JSON.</summary>
    [JsonIgnore]
    public bool Established => Direction is Against or InFavour;

    /// <summary>
    /// The ranking key of CONTRACTS.md: how far the bound nearer to 1 lies from 1 on a log scale, |ln bound|; 0 when the
    /// interval contains 1 or is unknown. An unbounded interval (infinite ratio) ranks by its finite bound. Derived, not
    /// written to JSON.
    /// </summary>
    [JsonIgnore]
    public double Distance =>
        Low is { } lo && lo > 1 ? Math.Log(lo)
        : High is { } hi && hi < 1 ? (hi > 0 ? -Math.Log(hi) : double.PositiveInfinity)
        : 0;
}
