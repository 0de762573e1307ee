using Audit.Data;
using Audit.Yaml;

namespace Audit.Models;

/// <summary>
/// Loads a declarative linear or logistic model from YAML. The format is documented in docs/model-spec.md:
/// <code>
/// name: ...
/// kind: logistic          # or linear
/// adverse: high           # or low
/// source: "citation"
/// intercept: -2.1
/// features:
///   - name: revenu
///     type: numeric
///     weight: -0.0004
///   - name: situation
///     type: categorical
///     weights: { couple: 0, seul: 0.6 }
///     other: 0.0           # optional: weight of a level not listed
///     missing: 0.0         # optional: contribution of a missing value
/// </code>
/// </summary>
public static class LinearModelSpec
{
    private static readonly string[] TopKeys = ["name", "kind", "adverse", "source", "description", "intercept", "features", "grades"];
    private static readonly string[] GradeKeys = ["name", "from"];
    private static readonly string[] FeatureKeys = ["name", "type", "weight", "weights", "other", "missing", "description"];

    public static LinearModel Load(string path, string displayName)
    {
        var spec = YamlDocument.Load(path, displayName, TopKeys);
        return FromYaml(spec);
    }

    public static LinearModel Parse(string yaml, string displayName) => FromYaml(YamlDocument.Parse(yaml, displayName, TopKeys));

    private static LinearModel FromYaml(YamlMap spec)
    {
        var name = spec.RequiredString("name");
        var kind = spec.OptionalChoice("kind", "linear", "logistic")
            ?? throw spec.Error("kind", "the key 'kind' is required", expected: "linear or logistic");
        var adverse = spec.OptionalChoice("adverse", "high", "low")
            ?? throw spec.Error("adverse", "the key 'adverse' is required", expected: "high or low",
                hint: "say whether a high score (adverse: high) or a low score (adverse: low) is worse for the person");
        var intercept = spec.OptionalDouble("intercept") ?? 0.0;
        var features = spec.OptionalList("features");
        if (features.Count == 0)
        {
            throw spec.Error("features", "the model has no features", expected: "a list of features with their weights");
        }
        var terms = new List<LinearTerm>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in features)
        {
            var f = item.AsMap(FeatureKeys);
            var featureName = f.RequiredString("name");
            if (!names.Add(featureName))
            {
                throw f.Error("name", $"the feature '{featureName}' is listed twice");
            }
            var type = f.OptionalChoice("type", "numeric", "categorical", "boolean")
                ?? throw f.Error("type", "the key 'type' is required", expected: "numeric, categorical or boolean");
            var columnType = type switch
            {
                "numeric" => ColumnType.Numeric,
                "boolean" => ColumnType.Boolean,
                _ => ColumnType.Categorical,
            };
            var levelWeights = new Dictionary<string, double>(StringComparer.Ordinal);
            double weight = 0;
            if (columnType == ColumnType.Categorical)
            {
                if (f.Has("weight"))
                {
                    throw f.Error("weight", "a categorical feature takes one weight per level", expected: "'weights: { level: weight, ... }'");
                }
                foreach (var (level, value) in f.OptionalFreeMap("weights"))
                {
                    levelWeights[level] = value.AsDouble();
                }
                if (levelWeights.Count == 0)
                {
                    throw f.Error("weights", "the key 'weights' is required for a categorical feature", expected: "a weight per level");
                }
            }
            else
            {
                if (f.Has("weights"))
                {
                    throw f.Error("weights", $"a {type} feature takes a single weight", expected: "'weight: number'");
                }
                weight = f.OptionalDouble("weight") ?? throw f.Error("weight", "the key 'weight' is required", expected: "a number");
            }
            if (columnType != ColumnType.Categorical && f.Has("other"))
            {
                throw f.Error("other", "'other' applies only to categorical features");
            }
            terms.Add(new LinearTerm(featureName, columnType, weight, levelWeights, f.OptionalDouble("missing"), f.OptionalDouble("other"), f.OptionalString("description")));
        }
        var tail = adverse == "high" ? AdverseTail.High : AdverseTail.Low;
        return new LinearModel(name, kind == "logistic", tail, intercept, terms,
            spec.OptionalString("source"), spec.OptionalString("description"), GradesOf(spec, tail));
    }

    /// <summary>
    /// <c>grades:</c> a list by increasing score, each <c>{ name, from }</c> where <c>from</c> is the lowest score of
    /// the grade (inclusive); the first grade has no <c>from</c>. E.g. <c>[{ name: D }, { name: C, from: 600 }, { name: B, from: 850 }]</c>.
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
                throw g.Error("from", "grades must be listed by increasing score", expected: $"a 'from' above {bands[^1].From}");
            }
            if (bands.Any(b => b.Name == gradeName))
            {
                throw g.Error("name", $"the grade '{gradeName}' is listed twice");
            }
            bands.Add(new GradeBand(gradeName, from));
        }
        return new GradeScale(bands, tail);
    }
}
