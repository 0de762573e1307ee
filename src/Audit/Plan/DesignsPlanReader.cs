using Audit.Data;
using Audit.Designs;
using Audit.Yaml;

namespace Audit.Plan;

/// <summary>Reads the plan's <c>designs:</c> key (docs/designs.md). Every error names the key path and line.</summary>
public static class DesignsPlanReader
{
    internal static readonly string[] Keys =
        ["adjusted", "selective_labels", "composition", "capacity", "flip", "drop_one", "compare", "partial_model", "time", "decision_following", "subgroups", "proxy"];
    private static readonly string[] AdjustedKeys = ["controls", "strata", "outcome", "rows"];
    private static readonly string[] ControlKeys = ["column", "factor", "reference"];
    private static readonly string[] SelectiveKeys = ["investigated", "random_sample", "selection_probability"];
    private static readonly string[] CompositionKeys = ["column", "reference", "selected"];
    private static readonly string[] CapacityKeys = ["fractions", "budgets"];
    private static readonly string[] FlipKeys = ["column", "values"];
    private static readonly string[] CompareKeys = ["spec"];
    private static readonly string[] PartialKeys = ["samples", "magnitude"];
    private static readonly string[] TimeKeys = ["period"];
    private static readonly string[] FollowingKeys = ["human_decision"];
    private static readonly string[] ProxyKeys = ["name", "proxy_column", "probabilities", "reference", "replicates"];
    private static readonly string[] SubgroupKeys = ["features", "holdout", "min_share", "alpha", "bins"];

    /// <param name="plan">The plan's top-level map.</param>
    /// <param name="resolve">Turns a path relative to the plan into an absolute one.</param>
    public static DesignsPlan? Read(YamlMap plan, Func<string, string> resolve)
    {
        var designs = plan.OptionalMap("designs", Keys);
        if (designs is null)
        {
            return null;
        }
        var result = new DesignsPlan
        {
            Adjusted = AdjustedOf(designs),
            SelectiveLabels = designs.OptionalMap("selective_labels", SelectiveKeys) is { } s
                ? new SelectiveLabelsPlan(Column(s, "investigated", "the 0/1 column that says which rows were investigated"), OptionalColumn(s, "random_sample"), OptionalColumn(s, "selection_probability"))
                : null,
            Composition = CompositionOf(designs),
            Capacity = CapacityOf(designs),
            Flips = designs.OptionalList("flip").Select(FlipOf).ToArray(),
            DropOne = designs.OptionalBool("drop_one") ?? false,
            Compare = designs.OptionalMap("compare", CompareKeys) is { } c
                ? new ComparePlan(resolve(c.RequiredString("spec", "the other model's spec file, relative to the plan")), c.RequiredString("spec"), c.LineOf("spec"))
                : null,
            PartialModel = PartialOf(designs),
            Time = designs.OptionalMap("time", TimeKeys) is { } t ? new TimePlan(Column(t, "period", "the column holding each row's period (month, year)")) : null,
            DecisionFollowing = designs.OptionalMap("decision_following", FollowingKeys) is { } d
                ? new DecisionFollowingPlan(Column(d, "human_decision", "the 0/1 column of final human decisions (1 = adverse)"))
                : null,
            Subgroups = SubgroupsOf(designs),
            Proxy = ProxyOf(designs),
        };
        return result;
    }

    private static ColumnRef Column(YamlMap map, string key, string what)
    {
        var name = map.OptionalString(key) ?? throw map.Error(key, $"the key '{key}' is required", expected: what);
        return new ColumnRef(name, map.LineOf(key), map.KeyPath(key));
    }

    private static ColumnRef? OptionalColumn(YamlMap map, string key) =>
        map.OptionalString(key) is { } name ? new ColumnRef(name, map.LineOf(key), map.KeyPath(key)) : null;

    private static ColumnRef ColumnOfItem(YamlValue item, YamlMap? map, string what) =>
        map is null ? new ColumnRef(item.AsString(), item.Line, item.Path) : Column(map, "column", what);

    private static AdjustedPlan? AdjustedOf(YamlMap designs)
    {
        var map = designs.OptionalMap("adjusted", AdjustedKeys);
        if (map is null)
        {
            return null;
        }
        var controls = new List<ControlSpec>();
        foreach (var item in map.OptionalList("controls"))
        {
            var m = item.IsScalar ? null : item.AsMap(ControlKeys);
            var column = ColumnOfItem(item, m, "a column to adjust for");
            var reference = m?.OptionalString("reference");
            controls.Add(new ControlSpec(column, (m?.OptionalBool("factor") ?? false) || reference is not null, reference));
        }
        var strata = map.OptionalList("strata").Select(v => new ColumnRef(v.AsString(), v.Line, v.Path)).ToArray();
        var rows = RowsPlanReader.ConditionsOf(map.OptionalList("rows"));
        if (controls.Count == 0 && strata.Length == 0)
        {
            throw designs.Error("adjusted", "name the legitimate factors to adjust for", expected: "'controls' (regression) and/or 'strata' (Mantel-Haenszel)");
        }
        return new AdjustedPlan(controls, strata, OptionalColumn(map, "outcome"), rows);
    }

    private static CompositionPlan? CompositionOf(YamlMap designs)
    {
        var map = designs.OptionalMap("composition", CompositionKeys);
        if (map is null)
        {
            return null;
        }
        var column = Column(map, "column", "the column that says how each row was selected");
        var reference = map.OptionalList("reference").Select(v => v.AsString()).ToArray();
        if (reference.Length == 0)
        {
            throw map.Error("reference", "the key 'reference' is required", expected: "the value(s) that mark the random reference sample, e.g. [Random]");
        }
        IReadOnlyList<string>? selected = map.Has("selected") ? map.OptionalList("selected").Select(v => v.AsString()).ToArray() : null;
        if (selected is not null && selected.Intersect(reference).Any())
        {
            throw map.Error("selected", "a value cannot mark both the reference sample and the selected set", found: string.Join(", ", selected.Intersect(reference)));
        }
        return new CompositionPlan(column, reference, selected);
    }

    private static CapacityPlan? CapacityOf(YamlMap designs)
    {
        if (designs.Has("capacity") && designs.OptionalFreeMapValue("capacity").IsScalar)
        {
            // capacity: true sweeps the default fractions.
            return designs.OptionalBool("capacity") == true ? new CapacityPlan(CapacityPlan.DefaultFractions, []) : null;
        }
        var map = designs.OptionalMap("capacity", CapacityKeys);
        if (map is null)
        {
            return null;
        }
        var fractions = map.OptionalList("fractions").Select(v => v.AsDouble()).ToArray();
        foreach (var (f, i) in fractions.Select((f, i) => (f, i)))
        {
            if (f is <= 0 or > 1)
            {
                throw map.Error("fractions", "out of range", expected: "fractions above 0 and at most 1 (0.005 for 0.5 %)", found: f.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        var budgets = map.OptionalList("budgets").Select(v => (long)v.AsDouble()).ToArray();
        if (budgets.Any(b => b < 1))
        {
            throw map.Error("budgets", "out of range", expected: "numbers of controls, 1 or more");
        }
        return new CapacityPlan(fractions.Length == 0 && budgets.Length == 0 ? CapacityPlan.DefaultFractions : fractions, budgets);
    }

    private static FlipPlan FlipOf(YamlValue item)
    {
        var m = item.IsScalar ? null : item.AsMap(FlipKeys);
        var column = ColumnOfItem(item, m, "the column to set to each value in turn");
        IReadOnlyList<string>? values = m is not null && m.Has("values") ? m.OptionalList("values").Select(v => v.AsString()).ToArray() : null;
        return new FlipPlan(column, values);
    }

    private static PartialModelPlan? PartialOf(YamlMap designs)
    {
        if (designs.Has("partial_model") && designs.OptionalFreeMapValue("partial_model").IsScalar)
        {
            return designs.OptionalBool("partial_model") == true
                ? new PartialModelPlan(PartialModelPlan.DefaultSamples, PartialModelPlan.DefaultMagnitude, designs.LineOf("partial_model"))
                : null;
        }
        var map = designs.OptionalMap("partial_model", PartialKeys);
        if (map is null)
        {
            return null;
        }
        var samples = map.OptionalLong("samples") ?? PartialModelPlan.DefaultSamples;
        if (samples is < 2 or > 100_000)
        {
            throw map.Error("samples", "out of range", expected: "from 2 to 100000 sampled models", found: samples.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var magnitude = map.OptionalDouble("magnitude") ?? PartialModelPlan.DefaultMagnitude;
        if (magnitude <= 0)
        {
            throw map.Error("magnitude", "out of range", expected: "a positive number (log-odds or points per standard deviation)");
        }
        return new PartialModelPlan((int)samples, magnitude, map.Line);
    }

    private static SubgroupsPlan? SubgroupsOf(YamlMap designs)
    {
        if (designs.Has("subgroups") && designs.OptionalFreeMapValue("subgroups").IsScalar)
        {
            return designs.OptionalBool("subgroups") == true ? new SubgroupsPlan([]) : null;
        }
        var map = designs.OptionalMap("subgroups", SubgroupKeys);
        if (map is null)
        {
            return null;
        }
        double Fraction(string key, double fallback, double low, double high, string expected)
        {
            var value = map.OptionalDouble(key) ?? fallback;
            return value > low && value < high ? value : throw map.Error(key, "out of range", expected: expected, found: value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var bins = map.OptionalLong("bins") ?? 10;
        if (bins is < 2 or > 100)
        {
            throw map.Error("bins", "out of range", expected: "from 2 to 100 quantile bins");
        }
        return new SubgroupsPlan(
            map.OptionalList("features").Select(v => new ColumnRef(v.AsString(), v.Line, v.Path)).ToArray(),
            Fraction("holdout", 0.5, 0, 1, "a share above 0 and below 1, such as 0.5"),
            Fraction("min_share", 0.02, 0, 1, "a share above 0 and below 1, such as 0.02"),
            Fraction("alpha", 0.01, 0, 1, "a level above 0 and below 1, such as 0.01"),
            (int)bins);
    }

    private static ProxyPlan? ProxyOf(YamlMap designs)
    {
        var map = designs.OptionalMap("proxy", ProxyKeys);
        if (map is null)
        {
            return null;
        }
        var probabilities = map.OptionalFreeMap("probabilities").Select(p => new ProxyProbability(p.Key, new ColumnRef(p.Value.AsString(), p.Value.Line, p.Value.Path))).ToArray();
        if (probabilities.Length < 2)
        {
            throw map.Error("probabilities", "name a probability column for each group (two or more)", expected: "e.g. { FR: p_fr, UE: p_ue, hors_UE: p_hors_ue }");
        }
        var reference = map.OptionalString("reference");
        if (reference is not null && probabilities.All(p => p.Group != reference))
        {
            throw map.Error("reference", $"'{reference}' is not one of the groups under 'probabilities'", expected: string.Join(", ", probabilities.Select(p => p.Group)), found: reference);
        }
        var replicates = map.OptionalLong("replicates") ?? ProxyEstimation.DefaultReplicates;
        if (replicates is < 10 or > 10_000)
        {
            throw map.Error("replicates", "out of range", expected: "from 10 to 10000 bootstrap replicates");
        }
        return new ProxyPlan(map.OptionalString("name") ?? "proxy group", Column(map, "proxy_column", "the proxy column (country of birth, neighbourhood)"), probabilities, reference, (int)replicates);
    }
}
