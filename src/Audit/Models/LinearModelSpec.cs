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
    private static readonly string[] TopKeys = ["name", "kind", "adverse", "source", "description", "intercept", "features"];
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
        return new LinearModel(name, kind == "logistic", adverse == "high" ? AdverseTail.High : AdverseTail.Low, intercept, terms,
            spec.OptionalString("source"), spec.OptionalString("description"));
    }
}
