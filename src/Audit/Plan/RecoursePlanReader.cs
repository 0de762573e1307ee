using System.Globalization;
using Audit.Models;
using Audit.Recourse;
using Audit.Yaml;

namespace Audit.Plan;

/// <summary>Reads the plan's <c>recourse:</c> key (docs/recourse.md) into <see cref="RecourseOptions"/>. Every error names the key path and line.</summary>
public static class RecoursePlanReader
{
    private static readonly string[] Keys = ["method", "grid", "search_samples", "max_changes", "features", "one_hot", "jurisdiction", "decision_types", "rating_window"];
    private static readonly string[] FeatureKeys = ["actionability", "min", "max", "step", "max_change", "levels", "cost_per_unit", "cost_weight", "change_cost", "note"];

    /// <summary>Reads <c>recourse:</c> from a plan; null when the key is absent. Its line goes to <paramref name="positions"/>.</summary>
    /// <param name="resolve">Turns the jurisdiction's path, relative to the plan, into an absolute one.</param>
    public static (RecourseOptions? Options, PlanPositions Positions) Read(YamlMap plan, Func<string, string> resolve, PlanPositions positions)
    {
        if (!plan.Has("recourse"))
        {
            return (null, positions);
        }
        var map = plan.OptionalMap("recourse", Keys)!;
        var grid = map.OptionalLong("grid") ?? RecourseOptions.DefaultGrid;
        if (grid is < 2 or > 1000)
        {
            throw map.Error("grid", "out of range", expected: "a number of grid points from 2 to 1000", found: grid.ToString(CultureInfo.InvariantCulture));
        }
        var samples = map.OptionalLong("search_samples") ?? RecourseOptions.DefaultSearchSamples;
        if (samples is < 10 or > 100_000)
        {
            throw map.Error("search_samples", "out of range", expected: "from 10 to 100000", found: samples.ToString(CultureInfo.InvariantCulture));
        }
        var maxChanges = map.OptionalLong("max_changes");
        if (maxChanges is < 1 or > 100)
        {
            throw map.Error("max_changes", "out of range", expected: "a number of inputs from 1 to 100", found: maxChanges.Value.ToString(CultureInfo.InvariantCulture));
        }
        var rules = map.OptionalFreeMap("features").Select(f => FeatureRuleOf(f.Key, f.Value)).ToList();
        var groups = OneHotGroupsOf(map);
        var jurisdiction = map.OptionalString("jurisdiction");
        return (new RecourseOptions
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
            RatingWindow = RatingWindowPlanReader.Read(map),
        }, positions.With("recourse", map.Line));
    }

    /// <summary>One feature's rule under <c>recourse.features</c>.</summary>
    private static FeatureRuleOverride FeatureRuleOf(string name, YamlValue value)
    {
        var f = value.AsMap(FeatureKeys);
        var kind = f.OptionalChoice("actionability", "immutable", "increase_only", "decrease_only", "free", "legal_event");
        double? Positive(string key)
        {
            var v = f.OptionalDouble(key);
            if (v is <= 0)
            {
                throw f.Error(key, "must be above 0", found: v.Value.ToString(CultureInfo.InvariantCulture));
            }
            return v;
        }
        var (min, max) = (f.OptionalDouble("min"), f.OptionalDouble("max"));
        if (min is not null && max is not null && min > max)
        {
            throw f.Error("max", "the range's maximum is below its minimum", expected: $"a max of at least {min}");
        }
        return new FeatureRuleOverride(name, value.Line, value.Path)
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
        };
    }

    /// <summary>The one-hot groups under <c>recourse.one_hot</c>: each two or more different columns, no column in two groups.</summary>
    private static List<OneHotGroup> OneHotGroupsOf(YamlMap map)
    {
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
        return groups;
    }
}
