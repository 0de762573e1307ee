using Audit.Models;
using Audit.Yaml;

namespace Audit.Recourse;

/// <summary>
/// The plan's <c>recourse:</c> key (docs/recourse.md): how to search for recourse, the actionability rules that
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

    public long Line { get; init; }

    public const int DefaultGrid = 21;

    public const int DefaultSearchSamples = 400;

    private static readonly string[] Keys = ["method", "grid", "search_samples", "max_changes", "features", "one_hot", "jurisdiction", "decision_types"];
    private static readonly string[] FeatureKeys = ["actionability", "min", "max", "step", "max_change", "levels", "cost_per_unit", "cost_weight", "change_cost", "note"];

    /// <summary>Reads <c>recourse:</c> from a plan; null when the key is absent.</summary>
    public static RecourseOptions? Read(YamlMap plan, Func<string, string> resolve)
    {
        if (!plan.Has("recourse"))
        {
            return null;
        }
        var map = plan.OptionalMap("recourse", Keys)!;
        var grid = map.OptionalLong("grid") ?? DefaultGrid;
        if (grid is < 2 or > 1000)
        {
            throw map.Error("grid", "out of range", expected: "a number of grid points from 2 to 1000", found: grid.ToString());
        }
        var samples = map.OptionalLong("search_samples") ?? DefaultSearchSamples;
        if (samples is < 10 or > 100_000)
        {
            throw map.Error("search_samples", "out of range", expected: "from 10 to 100000", found: samples.ToString());
        }
        var maxChanges = map.OptionalLong("max_changes");
        if (maxChanges is < 1 or > 100)
        {
            throw map.Error("max_changes", "out of range", expected: "a number of inputs from 1 to 100", found: maxChanges.Value.ToString());
        }
        var rules = new List<FeatureRuleOverride>();
        foreach (var (name, value) in map.OptionalFreeMap("features"))
        {
            var f = value.AsMap(FeatureKeys);
            var kind = f.OptionalChoice("actionability", "immutable", "increase_only", "decrease_only", "free", "legal_event");
            double? Positive(string key)
            {
                var v = f.OptionalDouble(key);
                if (v is <= 0)
                {
                    throw f.Error(key, "must be above 0", found: v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                return v;
            }
            var (min, max) = (f.OptionalDouble("min"), f.OptionalDouble("max"));
            if (min is not null && max is not null && min > max)
            {
                throw f.Error("max", "the range's maximum is below its minimum", expected: $"a max of at least {min}");
            }
            rules.Add(new FeatureRuleOverride(name, value.Line, value.Path)
            {
                Actionability = kind switch
                {
                    "immutable" or "legal_event" => Actionability.Immutable,
                    "increase_only" => Actionability.IncreaseOnly,
                    "decrease_only" => Actionability.DecreaseOnly,
                    "free" => Actionability.Free,
                    _ => null,
                },
                LegalEvent = kind == "legal_event",
                Min = min,
                Max = max,
                Step = Positive("step"),
                MaxChange = Positive("max_change"),
                Levels = f.Has("levels") ? f.OptionalList("levels").Select(v => v.AsString()).ToArray() : null,
                CostPerUnit = Positive("cost_per_unit"),
                CostWeight = Positive("cost_weight"),
                ChangeCost = Positive("change_cost"),
                Note = f.OptionalString("note"),
            });
        }
        var groups = new List<OneHotGroup>();
        foreach (var (name, value) in map.OptionalFreeMap("one_hot"))
        {
            var members = value.AsList().Select(v => v.AsString()).ToArray();
            if (members.Length < 2 || members.Distinct().Count() != members.Length)
            {
                throw value.Error("a one-hot group lists two or more different columns", expected: "e.g. region: [region_nord, region_sud, region_est]");
            }
            if (groups.SelectMany(g => g.Members).Intersect(members).FirstOrDefault() is { } twice)
            {
                throw value.Error($"the column '{twice}' is in two one-hot groups", found: twice);
            }
            groups.Add(new OneHotGroup(name, members, value.Line, value.Path));
        }
        var jurisdiction = map.OptionalString("jurisdiction");
        return new RecourseOptions
        {
            Method = map.OptionalChoice("method", "auto", "exact", "search") ?? "auto",
            Grid = (int)grid,
            SearchSamples = (int)samples,
            MaxChanges = (int?)maxChanges,
            Features = rules,
            OneHot = groups,
            Jurisdiction = jurisdiction is null ? null : resolve(jurisdiction),
            JurisdictionDisplay = jurisdiction,
            DecisionTypes = map.Has("decision_types") ? map.OptionalList("decision_types").Select(v => v.AsString()).ToArray() : null,
            Line = map.Line,
        };
    }
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
