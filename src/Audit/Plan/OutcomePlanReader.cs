using Audit.Data;
using Audit.Yaml;

namespace Audit.Plan;

/// <summary>
/// Reads a column reference that may carry an outcome (docs/audit-plan.md#outcomes): a plain column name, or a mapping
/// <c>{ column: credit, outcome: favourable, values: { favourable: [1], adverse: [2] } }</c> for <c>roles.label</c> and
/// <c>model.decision_column</c>. The keys live inside the reference, so they cannot collide with
/// <c>designs.adjusted.outcome</c> or <c>designs.adjusted.rows</c>.
/// </summary>
internal static class OutcomePlanReader
{
    private static readonly string[] ReferenceKeys = ["column", "outcome", "values"];
    private static readonly string[] ValuesKeys = ["favourable", "adverse"];

    /// <summary>The column and its coding; (null, null) when the key is absent; a null coding for a plain name (1 = adverse).</summary>
    internal static (ColumnRef? Column, OutcomeCoding? Coding) Read(YamlMap? parent, string key)
    {
        if (parent is null || !parent.Has(key))
        {
            return (null, null);
        }
        var value = parent.OptionalFreeMapValue(key);
        if (!value.IsMap)
        {
            var name = parent.OptionalString(key)!;
            return (new ColumnRef(name, parent.LineOf(key), parent.KeyPath(key)), null);
        }
        var map = value.AsMap(ReferenceKeys);
        var column = map.OptionalString("column") is { } columnName
            ? new ColumnRef(columnName, map.LineOf("column"), map.KeyPath("column"))
            : throw map.Error("column", "the key 'column' is required", expected: "the name of a data column",
                hint: $"for example '{key}: {{ column: credit, outcome: favourable, values: {{ favourable: [1], adverse: [2] }} }}'");
        var outcome = map.OptionalChoice("outcome", "adverse", "favourable") == "favourable" ? OutcomeKind.Favourable : OutcomeKind.Adverse;
        var values = map.OptionalMap("values", ValuesKeys);
        if (values is null)
        {
            return (column, new OutcomeCoding(outcome) { KeyPath = map.KeyPath("values") });
        }
        var favourable = Codes(values, "favourable");
        var adverse = Codes(values, "adverse");
        var both = favourable.Intersect(adverse, StringComparer.Ordinal).FirstOrDefault();
        if (both is not null)
        {
            throw values.Error("adverse", $"the code '{both}' is listed as both favourable and adverse", found: both, hint: "list each code once");
        }
        return (column, new OutcomeCoding(outcome, favourable, adverse) { KeyPath = values.Path });
    }

    private static string[] Codes(YamlMap values, string key)
    {
        var codes = values.IsList(key) ? values.OptionalList(key).Select(v => v.AsString()).ToArray()
            : values.OptionalString(key) is { } one ? [one] : [];
        if (codes.Length == 0)
        {
            throw values.Error(key, $"no {key} code is given", expected: $"the codes of the {key} outcome as the data write them, such as [1] or [\">50K\"]",
                hint: "every code in the data must be listed as favourable or adverse");
        }
        var twice = codes.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw values.Error(key, $"the code '{twice.Key}' is listed twice", found: twice.Key, hint: "list each code once");
        }
        return codes;
    }
}
