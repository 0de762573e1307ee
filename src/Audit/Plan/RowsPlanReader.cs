using Audit.Data;
using Audit.Synthetic;
using Audit.Yaml;

namespace Audit.Plan;

/// <summary>
/// Reads which rows and columns the audit works on: the plan's <c>derive:</c> (new columns from formulas) and
/// <c>filter:</c> (conditions every row must meet), and the one grammar of a row condition that <c>filter:</c> and
/// <c>designs.adjusted.rows</c> share (docs/audit-plan.md). Every error names the key path and line.
/// </summary>
public static class RowsPlanReader
{
    private static readonly string[] ConditionKeys = ["column", "min", "max", "in", "not_in"];
    private static readonly string[] DeriveKeys = ["name", "formula", "type", "levels"];

    /// <summary>The plan's <c>filter:</c>: the conditions a row must all meet to be audited; empty without the key.</summary>
    public static IReadOnlyList<RowCondition> FilterOf(YamlMap plan) => ConditionsOf(plan.OptionalList("filter"));

    /// <summary>A list of row conditions <c>{ column, min, max, in, not_in }</c>, each with at least one test.</summary>
    internal static IReadOnlyList<RowCondition> ConditionsOf(IReadOnlyList<YamlValue> items) => [.. items.Select(ConditionOf)];

    private static RowCondition ConditionOf(YamlValue item)
    {
        var m = item.AsMap(ConditionKeys);
        var name = m.OptionalString("column") ?? throw m.Error("column", "the key 'column' is required", expected: "the column the condition reads");
        var column = new ColumnRef(name, m.LineOf("column"), m.KeyPath("column"));
        IReadOnlyList<string>? Values(string key) => m.Has(key) ? m.OptionalList(key).Select(v => v.AsString()).ToArray() : null;
        var condition = new RowCondition(column, m.OptionalDouble("min"), m.OptionalDouble("max"), Values("in"), Values("not_in"));
        if (condition is { Min: null, Max: null, In: null, NotIn: null })
        {
            throw item.Error("a row condition needs min, max, in or not_in", expected: "e.g. { column: days_b_screening_arrest, min: -30, max: 30 }");
        }
        if (condition is { Min: { } min, Max: { } max } && min > max)
        {
            throw item.Error("min is above max: no row can meet the condition", expected: "min ≤ max",
                found: FormattableString.Invariant($"min {min}, max {max}"));
        }
        return condition;
    }

    /// <summary>The plan's <c>derive:</c>: new columns in the order written (a formula may read the columns derived above it).</summary>
    public static IReadOnlyList<DerivedColumn> DeriveOf(YamlMap plan)
    {
        var result = new List<DerivedColumn>();
        foreach (var item in plan.OptionalList("derive"))
        {
            var m = item.AsMap(DeriveKeys);
            var name = m.RequiredString("name", hint: "name the new column, e.g. 'name: age_band'");
            if (result.Any(d => d.Name == name))
            {
                throw m.Error("name", $"the column '{name}' is derived twice", found: name, hint: "give each derived column its own name");
            }
            var formula = m.RequiredString("formula", hint: "e.g. 'formula: \"cut(age, [25, 45])\"' (docs/population-spec.md, 'Formulas')");
            var type = m.OptionalChoice("type", "numeric", "categorical", "boolean") switch
            {
                "categorical" => ColumnType.Categorical,
                "boolean" => ColumnType.Boolean,
                _ => ColumnType.Numeric,
            };
            IReadOnlyList<string>? levels = null;
            if (type == ColumnType.Categorical)
            {
                levels = m.OptionalList("levels").Select(v => v.AsString()).ToArray();
                if (levels.Count == 0)
                {
                    throw m.Error("levels", "a categorical derived column needs its levels", expected: "the levels the formula numbers 0, 1, 2, ..., e.g. [under 25, 25-44, 45 and over]");
                }
                if (levels.GroupBy(l => l, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
                {
                    throw m.Error("levels", $"the level '{twice.Key}' is listed twice", found: twice.Key);
                }
            }
            else if (m.Has("levels"))
            {
                throw m.Error("levels", "levels apply to a categorical derived column", hint: "add 'type: categorical' or remove 'levels'");
            }
            result.Add(new DerivedColumn(name, formula, type, levels, m.LineOf("formula"), item.Path));
        }
        return result;
    }
}
