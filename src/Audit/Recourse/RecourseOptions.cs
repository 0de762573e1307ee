using Audit.Models;

namespace Audit.Recourse;

/// <summary>
/// The plan's <c>recourse:</c> key (docs/recourse.md; read in Plan/): how to search for recourse, the actionability rules that
/// override the model spec's, and the jurisdiction whose routes to contest the report lists.
/// </summary>
public sealed record RecourseOptions
{
    /// <summary><c>auto</c> (exact when the model's structure is known, search otherwise), <c>exact</c> or <c>search</c>.</summary>
    public string Method { get; init; } = "auto";

    /// <summary>Points of the default grid of a numeric feature: quantiles of the population between the range's ends.</summary>
    public int Grid { get; init; } = DefaultGrid;

    /// <summary>Random candidates per radius of the black-box search.</summary>
    public int SearchSamples { get; init; } = DefaultSearchSamples;

    /// <summary>At most this many inputs may change in one person's recourse (key <c>max_changes</c>); null: no limit.</summary>
    public int? MaxChanges { get; init; }

    /// <summary>Per-feature rules from the plan, by feature name.</summary>
    public IReadOnlyList<FeatureRuleOverride> Features { get; init; } = [];

    /// <summary>Boolean inputs that encode one category together (one-hot), each group read as one categorical input.</summary>
    public IReadOnlyList<OneHotGroup> OneHot { get; init; } = [];

    /// <summary>The jurisdiction file (absolute path), or null.</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>As the plan wrote it.</summary>
    public string? JurisdictionDisplay { get; init; }

    /// <summary>The decision types whose routes apply (null: every type in the file).</summary>
    public IReadOnlyList<string>? DecisionTypes { get; init; }

    /// <summary>The score is an average of ratings over a window: recourse counts future ratings instead of searching for changes (part F; docs/recourse.md).</summary>
    public RatingWindowOptions? RatingWindow { get; init; }

    public const int DefaultGrid = 21;

    public const int DefaultSearchSamples = 400;
}

/// <summary>
/// Boolean model inputs that encode one category (a one-hot encoding): they move together, exactly one set (or none,
/// when the population has rows with none), and recourse treats them as one categorical input named <see cref="Name"/>.
/// </summary>
public sealed record OneHotGroup(string Name, IReadOnlyList<string> Members, long Line, string KeyPath);

/// <summary>What the plan says about one feature's actionability, overriding the model spec.</summary>
/// <param name="Line">The plan line, for errors about the feature's name.</param>
public sealed record FeatureRuleOverride(string Feature, long Line, string KeyPath)
{
    public Actionability? Actionability { get; init; }

    /// <summary>Changes only through a legal event (a marriage, a separation, a birth): never proposed as recourse.</summary>
    public bool LegalEvent { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public double? Step { get; init; }

    /// <summary>The largest change one person can make, in the feature's unit (a numeric feature's own reach: "at most 300 EUR more a month").</summary>
    public double? MaxChange { get; init; }

    public IReadOnlyList<string>? Levels { get; init; }

    public double? CostPerUnit { get; init; }

    public double? CostWeight { get; init; }

    public double? ChangeCost { get; init; }

    public string? Note { get; init; }
}
