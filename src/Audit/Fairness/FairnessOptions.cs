namespace Audit.Fairness;

/// <summary>How the fairness analysis is run (from the plan).</summary>
public sealed record FairnessOptions
{
    private readonly DisclosurePolicy? disclosure;

    /// <summary>
    /// The audit's disclosure policy, for later stages (designs) to apply: set from the fairness section once it is built;
    /// until then the minimum cell rule of <see cref="MinCellSize"/> and <see cref="FrequencyWeights"/> alone.
    /// </summary>
    public DisclosurePolicy Disclosure
    {
        get => disclosure ?? DisclosurePolicy.Primary(MinCellSize, FrequencyWeights);
        init => disclosure = value;
    }

    /// <summary>Cells (and rate denominators) with fewer rows are suppressed.</summary>
    public int MinCellSize { get; init; } = 10;

    /// <summary>Frequency weights: suppression counts people (weight sums), not rows.</summary>
    public bool FrequencyWeights { get; init; }

    /// <summary>
    /// Ratios to the reference group within [Tolerance, 1 / Tolerance] pass the tolerance verdict. 0.8 by default,
    /// as Aequitas's default fairness threshold and the four-fifths rule's number.
    /// </summary>
    public double Tolerance { get; init; } = DefaultTolerance;

    /// <summary>The sets of attributes to cross, as indices into the attribute list (each set has at least two).</summary>
    public IReadOnlyList<IReadOnlyList<int>> Intersections { get; init; } = [];

    /// <summary>The α of the generalized entropy index (AIF360's default is 2).</summary>
    public double EntropyAlpha { get; init; } = 2;

    /// <summary>Confidence level of every interval.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Multiple-testing correction over the report's family of comparisons: holm, bh (Benjamini-Hochberg) or none.</summary>
    public string Correction { get; init; } = "holm";

    /// <summary>Bootstrap replicates for intervals without a standard analytical form (0: none).</summary>
    public int BootstrapReplicates { get; init; } = DefaultBootstrapReplicates;

    /// <summary>Seed of the bootstrap.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>
    /// The most levels an attribute (or intersection) may have for the headline findings to list its disparities one by
    /// one (plan key <c>fairness.display_levels</c>); past it the headlines warn and group them: the top established
    /// groups and a count of the rest. Distinct from <c>limits.max_levels</c>, which refuses data with too many levels.
    /// </summary>
    public int DisplayLevels { get; init; } = DefaultDisplayLevels;

    public const int DefaultDisplayLevels = 20;

    public const double DefaultTolerance = 0.8;

    public const int DefaultBootstrapReplicates = 1000;

    /// <summary>Every pair of attributes: the default intersections.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Pairs(int attributes) =>
        [.. from a in Enumerable.Range(0, attributes) from b in Enumerable.Range(a + 1, attributes - a - 1) select (IReadOnlyList<int>)[a, b]];

    /// <summary>Every set of two or more attributes, smaller sets first, each in attribute order.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> AllCombinations(int attributes)
    {
        var sets = new List<IReadOnlyList<int>>();
        for (var mask = 1; mask < 1 << attributes; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) >= 2)
            {
                sets.Add(Enumerable.Range(0, attributes).Where(i => (mask & (1 << i)) != 0).ToArray());
            }
        }
        return sets.OrderBy(s => s.Count).ThenBy(s => string.Join(",", s.Select(i => i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))), StringComparer.Ordinal).ToArray();
    }
}
