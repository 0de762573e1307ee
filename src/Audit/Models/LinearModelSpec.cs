using System.Globalization;
using Audit.Data;
using Audit.Yaml;

namespace Audit.Models;

/// <summary>
/// Loads a declarative scorecard, linear or logistic model from YAML (spec v1, documented in docs/model-spec.md):
/// variables (numeric with a weight or bins, boolean, categorical with a weight per level), interactions, the link,
/// the adverse tail, coefficients known, given by sign or interval, or unknown, grade bands with consequences and
/// override rules, scaling to a published scale, and per variable its labels, unit, data source, actionability and
/// source. Every error names the key path and line.
/// </summary>
public static class LinearModelSpec
{
    private static readonly string[] TopKeys =
        ["spec_version", "name", "kind", "adverse", "status", "notes", "source", "description", "intercept", "features", "interactions", "grades", "overrides", "scaling"];
    private static readonly string[] FeatureKeys =
        ["name", "type", "weight", "weights", "bins", "other", "missing", "description", "label", "unit", "data_source", "actionability", "source"];
    private static readonly string[] CoefficientKeys = ["value", "sign", "interval", "unknown", "source", "calibrated"];
    private static readonly string[] BinKeys = ["min", "max", "points", "source"];
    private static readonly string[] LabelKeys = ["fr", "en"];
    private static readonly string[] InteractionKeys = ["name", "when", "weight", "source"];
    private static readonly string[] GradeKeys = ["name", "from", "consequence", "source"];
    private static readonly string[] OverrideKeys = ["when", "grade", "cap", "source"];
    private static readonly string[] ScalingKeys = ["base_score", "base_odds", "points_to_double_odds", "min", "max", "source"];

    /// <summary>What the spec says about where its numbers come from.</summary>
    public static readonly string[] Statuses = ["published", "reconstructed", "illustrative"];

    /// <summary>Most interactions a spec may declare (published scorecards have a handful; CAF's reconstruction has 2).</summary>
    public const int MaxInteractions = 200;

    public static LinearModel Load(string path, string displayName) => FromYaml(YamlDocument.Load(path, displayName, TopKeys));

    public static LinearModel Parse(string yaml, string displayName) => FromYaml(YamlDocument.Parse(yaml, displayName, TopKeys));

    private static LinearModel FromYaml(YamlMap spec)
    {
        if (spec.OptionalLong("spec_version") is { } version && version != 1)
        {
            throw spec.Error("spec_version", "unsupported spec version", expected: "1", found: version.ToString(CultureInfo.InvariantCulture));
        }
        var (localizedName, nameByLanguage) = spec.OptionalLocalized("name");
        var name = localizedName ?? throw spec.Error("name", "the key 'name' is required", expected: "a text value");
        var kind = spec.OptionalChoice("kind", "linear", "logistic")
            ?? throw spec.Error("kind", "the key 'kind' is required", expected: "linear (a sum of points) or logistic (a probability from log-odds)");
        var adverse = spec.OptionalChoice("adverse", "high", "low")
            ?? throw spec.Error("adverse", "the key 'adverse' is required", expected: "high or low",
                hint: "say whether a high score (adverse: high) or a low score (adverse: low) is worse for the person");
        var tail = adverse == "high" ? AdverseTail.High : AdverseTail.Low;
        var status = spec.OptionalChoice("status", Statuses);
        var intercept = spec.Has("intercept") ? CoefficientAt(spec, "intercept") : Coefficient.Zero;

        var terms = TermsOf(spec);
        var interactions = InteractionsOf(spec, terms);
        var grades = GradesOf(spec, tail);
        var overrides = OverridesOf(spec, grades, terms);
        var scaling = ScalingOf(spec, kind, tail);

        return new LinearModel(name, kind == "logistic", tail, intercept.Value ?? 0, terms,
            spec.OptionalString("source"), spec.OptionalLocalized("description").Text, grades, interactions, overrides, scaling, intercept)
        {
            NameByLanguage = nameByLanguage,
            DescriptionByLanguage = spec.OptionalLocalized("description").ByLanguage,
            SpecFile = spec.File,
            Status = status,
        };
    }

    /// <summary>The features' terms, in the spec's order; a feature listed twice is an error.</summary>
    private static List<LinearTerm> TermsOf(YamlMap spec)
    {
        var features = spec.OptionalList("features");
        if (features.Count == 0)
        {
            throw spec.Error("features", "the model has no features", expected: "a list of features with their weights");
        }
        var terms = new List<LinearTerm>();
        foreach (var item in features)
        {
            var term = TermOf(item.AsMap(FeatureKeys));
            if (terms.Any(t => t.Feature == term.Feature))
            {
                throw item.Error($"the feature '{term.Feature}' is listed twice", found: term.Feature);
            }
            terms.Add(term);
        }
        return terms;
    }

    /// <summary>The interactions: each on two or more features' conditions, under a name no other term has.</summary>
    private static List<InteractionTerm> InteractionsOf(YamlMap spec, List<LinearTerm> terms)
    {
        if (spec.OptionalList("interactions").Count is var declared && declared > MaxInteractions)
        {
            // The explanations stage shares each interaction among its inputs for every person: 2,000 interactions took 61 s.
            throw spec.Error("interactions", $"the spec declares {declared:N0} interactions, more than the {MaxInteractions:N0} allowed",
                expected: $"at most {MaxInteractions:N0} interactions", hint: "published scorecards have a handful; a generated spec with thousands is refused (docs/robustness.md)");
        }
        var interactions = new List<InteractionTerm>();
        foreach (var item in spec.OptionalList("interactions"))
        {
            var map = item.AsMap(InteractionKeys);
            var when = ConditionsOf(map, terms);
            if (when.Count < 2)
            {
                throw map.Error("when", "an interaction needs conditions on two or more features", expected: "e.g. when: { aah: true, en_emploi: true }");
            }
            var label = map.OptionalString("name") ?? string.Join(" & ", when.Select(c => $"{c.Feature}={c.Value}"));
            // Explanations, reports and tables name a term by its name: two terms of one name would be added up or
            // overwritten without a word (issue 16, class 5).
            if (interactions.Any(i => i.Name == label) || terms.Any(t => t.Feature == label))
            {
                throw map.Error(map.Has("name") ? "name" : "when",
                    interactions.Any(i => i.Name == label) ? $"the interaction name '{label}' is used twice" : $"the interaction name '{label}' is also a feature's name",
                    expected: "a name of its own for every interaction", found: label, hint: "give each interaction a distinct 'name'");
            }
            var weight = map.Has("weight") ? CoefficientAt(map, "weight") : throw map.Error("weight", "the key 'weight' is required", expected: "the points added when every condition holds");
            interactions.Add(new InteractionTerm(label, when, weight, map.OptionalString("source")));
        }
        return interactions;
    }

    /// <summary>The override rules, each setting or capping a grade the spec declares.</summary>
    private static List<GradeOverride> OverridesOf(YamlMap spec, GradeScale? grades, List<LinearTerm> terms)
    {
        var overrides = new List<GradeOverride>();
        foreach (var item in spec.OptionalList("overrides"))
        {
            var map = item.AsMap(OverrideKeys);
            if (grades is null)
            {
                throw item.Error("an override sets or caps a grade, but the spec declares no grades", hint: "declare 'grades' first");
            }
            var set = map.OptionalString("grade");
            var cap = map.OptionalString("cap");
            if ((set is null) == (cap is null))
            {
                throw item.Error("an override gives either 'grade' (set the grade) or 'cap' (the grade can be no better than)", expected: "exactly one of grade, cap");
            }
            var target = set ?? cap!;
            if (!grades.Bands.Any(b => b.Name == target))
            {
                throw map.Error(set is null ? "cap" : "grade", $"the spec has no grade '{target}'", expected: "one of " + string.Join(", ", grades.FavourableToAdverse), found: target);
            }
            overrides.Add(new GradeOverride(ConditionsOf(map, terms), set, cap, map.OptionalString("source")));
        }
        return overrides;
    }

    /// <summary>The scaling of a logistic model's log-odds to a published scale (<see cref="ScoreScaling"/>), when the spec gives one.</summary>
    private static ScoreScaling? ScalingOf(YamlMap spec, string kind, AdverseTail tail)
    {
        ScoreScaling? scaling = null;
        if (spec.OptionalMap("scaling", ScalingKeys) is { } s)
        {
            if (kind != "logistic")
            {
                throw spec.Error("scaling", "scaling maps log-odds to a published scale, so it needs kind: logistic");
            }
            if (tail != AdverseTail.Low)
            {
                throw spec.Error("adverse", "a scaled score rises as the risk falls, so its adverse tail is low", expected: "adverse: low");
            }
            double Required(string key, string what) => Bounded(s, key) ?? throw s.Error(key, $"the key '{key}' is required", expected: what);
            var baseOdds = Required("base_odds", "the odds of the favourable outcome at base_score, e.g. 50 for 50:1");
            var pdo = Required("points_to_double_odds", "the points that double the odds, e.g. 20");
            if (baseOdds <= 0 || pdo <= 0)
            {
                throw s.Error(baseOdds <= 0 ? "base_odds" : "points_to_double_odds", "must be above 0");
            }
            var (min, max) = (Bounded(s, "min"), Bounded(s, "max"));
            if (min is not null && max is not null && min >= max)
            {
                throw s.Error("max", "the scale's maximum must lie above its minimum", expected: $"a max above {min}", found: max.Value.ToString(CultureInfo.InvariantCulture));
            }
            scaling = new ScoreScaling(Required("base_score", "the score at base_odds, e.g. 600"), baseOdds, pdo, min, max);
        }
        return scaling;
    }

    /// <summary>
    /// A coefficient: a number; <c>unknown</c>; or a mapping with <c>value</c>, or <c>sign: "+"</c>/<c>"-"</c>, or
    /// <c>interval: [lo, hi]</c>, or <c>unknown: true</c>, each with an optional <c>source</c>.
    /// </summary>
    private static Coefficient CoefficientAt(YamlMap map, string key)
    {
        var item = map.OptionalFreeMapValue(key);
        return CoefficientOf(item);
    }

    /// <summary>A number of the spec within ±10^15 (<see cref="NumericMagnitude"/>), or null when absent.</summary>
    private static double? Bounded(YamlMap map, string key) =>
        map.OptionalDouble(key) is not { } value || NumericMagnitude.IsWithin(value)
            ? map.OptionalDouble(key)
            : throw map.Error(key, "a number too large for the audit", expected: NumericMagnitude.Range, found: map.OptionalString(key),
                hint: "check the number (a typo in the exponent?); beyond ±1e15 the sums of the audit lose their units or overflow");

    /// <summary>
    /// A coefficient within ±10^15 (<see cref="NumericMagnitude"/>): a weight of 1e306 made the scores or their sums
    /// infinite, which ended in an internal error (issue 16, class 4).
    /// </summary>
    private static Coefficient CoefficientOf(YamlValue item)
    {
        var coefficient = UncheckedCoefficientOf(item);
        foreach (var number in new[] { coefficient.Value, coefficient.Low, coefficient.High })
        {
            if (number is { } x && !NumericMagnitude.IsWithin(x))
            {
                throw item.Error("a coefficient too large for the audit", expected: NumericMagnitude.Range,
                    found: x.ToString("R", CultureInfo.InvariantCulture),
                    hint: "check the number (a typo in the exponent?); beyond ±1e15 the sums of the audit lose their units or overflow");
            }
        }
        return coefficient;
    }

    private static Coefficient UncheckedCoefficientOf(YamlValue item)
    {
        if (item.IsScalar)
        {
            var text = item.AsString();
            return text == "unknown" ? new Coefficient(null) : Coefficient.Of(item.AsDouble());
        }
        var m = item.AsMap(CoefficientKeys);
        var given = new[] { "value", "sign", "interval", "unknown" }.Where(m.Has).ToArray();
        if (given.Length != 1)
        {
            throw item.Error("a coefficient is given in exactly one way", expected: "one of value, sign, interval, unknown");
        }
        var source = m.OptionalString("source");
        if (m.Has("calibrated") && given[0] != "value")
        {
            throw m.Error("calibrated", "only a value can be calibrated to a published figure", expected: "calibrated: beside value: (the figure the value was fitted to)");
        }
        switch (given[0])
        {
            case "value":
                return new Coefficient(m.OptionalDouble("value"), Source: source, Calibrated: m.OptionalString("calibrated"));
            case "sign":
                var sign = m.OptionalChoice("sign", "+", "-", "positive", "negative");
                return new Coefficient(null, Sign: sign is "+" or "positive" ? 1 : -1, Source: source);
            case "interval":
                var bounds = m.OptionalList("interval").Select(v => v.AsDouble()).ToArray();
                if (bounds.Length != 2 || bounds[0] > bounds[1])
                {
                    throw m.Error("interval", "an interval is two numbers, the lower first", expected: "[lo, hi]");
                }
                return new Coefficient(null, Low: bounds[0], High: bounds[1], Source: source);
            default:
                if (m.OptionalBool("unknown") != true)
                {
                    throw m.Error("unknown", "write 'unknown: true' (or give a value, sign or interval)");
                }
                return new Coefficient(null, Source: source);
        }
    }

    private static LinearTerm TermOf(YamlMap f)
    {
        var featureName = f.RequiredString("name");
        var type = f.OptionalChoice("type", "numeric", "categorical", "boolean")
            ?? throw f.Error("type", "the key 'type' is required", expected: "numeric, categorical or boolean");
        var columnType = type switch
        {
            "numeric" => ColumnType.Numeric,
            "boolean" => ColumnType.Boolean,
            _ => ColumnType.Categorical,
        };
        var levels = new Dictionary<string, Coefficient>(StringComparer.Ordinal);
        var weight = Coefficient.Zero;
        IReadOnlyList<Bin>? bins = null;
        switch (columnType)
        {
            case ColumnType.Categorical:
                Refuse(f, "weight", "a categorical feature takes one weight per level", "'weights: { level: weight, ... }'");
                Refuse(f, "bins", "bins apply to numeric features", "'weights' per level");
                foreach (var (level, value) in f.OptionalFreeMap("weights"))
                {
                    levels[level] = CoefficientOf(value);
                }
                if (levels.Count == 0)
                {
                    throw f.Error("weights", "the key 'weights' is required for a categorical feature", expected: "a weight per level");
                }
                break;
            case ColumnType.Numeric when f.Has("bins"):
                Refuse(f, "weight", "a binned feature takes points per bin", "'bins' only");
                Refuse(f, "weights", "a numeric feature takes a weight or bins", "'bins'");
                bins = BinsOf(f, featureName);
                break;
            default:
                Refuse(f, "weights", $"a {type} feature takes a single weight", "'weight: number'");
                Refuse(f, "bins", "bins apply to numeric features", "'weight'");
                weight = f.Has("weight") ? CoefficientAt(f, "weight") : throw f.Error("weight", "the key 'weight' is required", expected: "a number, a sign, an interval or unknown");
                break;
        }
        if (columnType != ColumnType.Categorical && f.Has("other"))
        {
            throw f.Error("other", "'other' applies only to categorical features");
        }
        var label = f.OptionalMap("label", LabelKeys);
        Actionability? actionability = f.OptionalChoice("actionability", "immutable", "increase_only", "decrease_only", "free") switch
        {
            "immutable" => Actionability.Immutable,
            "increase_only" => Actionability.IncreaseOnly,
            "decrease_only" => Actionability.DecreaseOnly,
            "free" => Actionability.Free,
            _ => null,
        };
        var info = new FeatureInfo(label?.OptionalString("fr"), label?.OptionalString("en"), f.OptionalString("unit"), f.OptionalString("data_source"),
            actionability, f.OptionalString("source"), f.OptionalString("description"));
        return new LinearTerm(featureName, columnType, weight, levels,
            f.Has("missing") ? CoefficientAt(f, "missing") : null,
            f.Has("other") ? CoefficientAt(f, "other") : null,
            bins, info);
    }

    private static void Refuse(YamlMap f, string key, string problem, string expected)
    {
        if (f.Has(key))
        {
            throw f.Error(key, problem, expected: expected);
        }
    }

    /// <summary>
    /// Bins [min, max) by increasing value, each with its points. The first may omit min (from −∞), the last may omit
    /// max (to +∞); each bin must start where the previous ends: a gap or an overlap is an error.
    /// </summary>
    private static List<Bin> BinsOf(YamlMap f, string feature)
    {
        var items = f.OptionalList("bins");
        if (items.Count == 0)
        {
            throw f.Error("bins", "no bins", expected: "a list of { min, max, points }");
        }
        var bins = new List<Bin>();
        for (var i = 0; i < items.Count; i++)
        {
            var b = items[i].AsMap(BinKeys);
            var min = b.OptionalDouble("min");
            var max = b.OptionalDouble("max");
            if (min is null && i > 0)
            {
                throw b.Error("min", $"bin {i + 1} of '{feature}' has no 'min' (only the first bin may start at −∞)");
            }
            if (max is null && i < items.Count - 1)
            {
                throw b.Error("max", $"bin {i + 1} of '{feature}' has no 'max' (only the last bin may end at +∞)");
            }
            if (min is not null && max is not null && min >= max)
            {
                throw b.Error("max", $"bin {i + 1} of '{feature}' is empty", expected: "min < max", found: $"[{min}, {max})");
            }
            if (i > 0 && min != bins[^1].Max)
            {
                var overlap = min < bins[^1].Max;
                throw b.Error("min", $"the bins of '{feature}' {(overlap ? "overlap" : "leave a gap")}: bin {i + 1} starts at {min} where bin {i} ends at {bins[^1].Max}",
                    expected: "each bin to start where the previous one ends", hint: "bins are [min, max): 18 ≤ age < 25 is { min: 18, max: 25 }");
            }
            var points = b.Has("points") ? CoefficientAt(b, "points") : throw b.Error("points", "the key 'points' is required");
            bins.Add(new Bin(min, max, points with { Source = points.Source ?? b.OptionalString("source") }));
        }
        return bins;
    }

    /// <summary>Conditions <c>when: { feature: value }</c> on declared boolean or categorical features.</summary>
    private static List<Condition> ConditionsOf(YamlMap map, IReadOnlyList<LinearTerm> terms)
    {
        var conditions = new List<Condition>();
        foreach (var (feature, value) in map.OptionalFreeMap("when"))
        {
            var term = terms.FirstOrDefault(t => t.Feature == feature);
            if (term is null)
            {
                var suggestion = NameSuggestion.Closest(feature, terms.Select(t => t.Feature));
                throw value.Error($"unknown variable '{feature}'" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)"),
                    expected: "a feature declared under 'features'", found: feature);
            }
            var wanted = value.AsString();
            switch (term.Type)
            {
                case ColumnType.Boolean when wanted is not ("true" or "false"):
                    throw value.Error("a boolean condition is true or false", found: wanted);
                case ColumnType.Categorical when !term.LevelWeights.ContainsKey(wanted) && term.Other is null:
                    throw value.Error($"'{feature}' has no level '{wanted}'", expected: "one of " + string.Join(", ", term.LevelWeights.Keys), found: wanted);
                case ColumnType.Numeric:
                    throw value.Error("conditions apply to boolean and categorical features", found: feature);
            }
            conditions.Add(new Condition(feature, wanted));
        }
        if (conditions.Count == 0)
        {
            throw map.Error("when", "the key 'when' is required", expected: "conditions such as { aah: true }");
        }
        return conditions;
    }

    /// <summary>
    /// <c>grades:</c> a list by increasing score, each <c>{ name, from, consequence, source }</c> where <c>from</c> is the
    /// lowest score of the grade (inclusive); the first grade has no <c>from</c>.
    /// </summary>
    private static GradeScale? GradesOf(YamlMap spec, AdverseTail tail)
    {
        var items = spec.OptionalList("grades");
        if (items.Count == 0)
        {
            return null;
        }
        if (items.Count < 2)
        {
            throw spec.Error("grades", "a grade scale needs at least two grades");
        }
        var bands = new List<GradeBand>();
        foreach (var item in items)
        {
            var g = item.AsMap(GradeKeys);
            var gradeName = g.RequiredString("name");
            var from = g.OptionalDouble("from");
            if (bands.Count == 0 && from is not null)
            {
                throw g.Error("from", "the first (lowest) grade takes every score below the next one, so it has no 'from'", hint: "remove 'from' here");
            }
            if (bands.Count > 0 && from is null)
            {
                throw g.Error("from", "the key 'from' is required", expected: "the lowest score of this grade");
            }
            if (bands.Count > 1 && from <= bands[^1].From)
            {
                throw g.Error("from", "grades must be listed by increasing score (thresholds must increase)", expected: $"a 'from' above {bands[^1].From}");
            }
            if (bands.Any(b => b.Name == gradeName))
            {
                throw g.Error("name", $"the grade '{gradeName}' is listed twice");
            }
            bands.Add(new GradeBand(gradeName, from, g.OptionalString("consequence"), g.OptionalString("source")));
        }
        return new GradeScale(bands, tail);
    }
}
