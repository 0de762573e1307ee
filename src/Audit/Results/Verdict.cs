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
/// <param name="Low">The simultaneous interval's lower bound (0 when the group has no case).</param>
/// <param name="High">The upper bound; null when unbounded (the reference group has no case).</param>
/// <param name="Level">The interval's level, 1 − α/m.</param>
/// <param name="Comparisons">m: the comparisons of this metric in the report (the family the Holm correction uses).</param>
/// <param name="Method"><see cref="Katz"/>, <see cref="Fisher"/> (inverted exact test, for a zero or infinite ratio) or <see cref="Bootstrap"/> (sampling weights).</param>
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

    /// <summary>The interval from inverting Fisher's exact test (a zero or infinite ratio).</summary>
    public const string Fisher = "fisher";

    /// <summary>The Poisson bootstrap of rows (sampling weights).</summary>
    public const string Bootstrap = "bootstrap";

    /// <summary>True when the group has cases and the reference none: the ratio is infinite (and <see cref="Ratio"/> null).</summary>
    public bool Infinite { get; init; }

    /// <summary>Whether the verdict states a disparity (either way).</summary>
    public bool Established => Direction is Against or InFavour;
}
