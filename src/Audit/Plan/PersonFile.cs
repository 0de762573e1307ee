using System.Globalization;
using Audit.Data;
using Audit.Yaml;

namespace Audit.Plan;

/// <summary>
/// A person described in a YAML or JSON file (<c>revenu: 850</c>, <c>parent_isole: true</c>, ...), added as one more
/// row of the audited population so that the person is scored, ranked and explained against the same people and
/// background as everybody else. Keys are the data's column names; a column left out is missing for the person.
/// </summary>
public static class PersonFile
{
    /// <summary>The population with the person appended as its last row.</summary>
    public static Table Append(Table population, string path, string display)
    {
        var map = YamlDocument.Load(path, display, population.Columns.Select(c => c.Name).ToArray());
        return new Table(population.Columns.Select(column => Extend(column, map)));
    }

    private static Column Extend(Column column, YamlMap map)
    {
        var given = map.Has(column.Name) ? map.OptionalString(column.Name) : null;
        switch (column)
        {
            case NumericColumn numeric:
                {
                    var value = double.NaN;
                    if (given is not null && !double.TryParse(given, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                    {
                        throw map.Error(column.Name, "wrong type", expected: "a number (with a decimal point)", found: given);
                    }
                    return new NumericColumn(column.Name, [.. numeric.Values, value]);
                }
            case BooleanColumn boolean:
                {
                    var value = given?.ToLowerInvariant() switch
                    {
                        null => BooleanColumn.Missing,
                        "true" or "1" or "yes" => (byte)1,
                        "false" or "0" or "no" => (byte)0,
                        _ => throw map.Error(column.Name, "wrong type", expected: "true or false", found: given),
                    };
                    return new BooleanColumn(column.Name, [.. boolean.Values, value]);
                }
            case CategoricalColumn categorical:
                {
                    var levels = categorical.Levels.ToList();
                    var code = CategoricalColumn.Missing;
                    if (given is not null)
                    {
                        code = levels.IndexOf(given);
                        if (code < 0)
                        {
                            levels.Add(given);
                            code = levels.Count - 1;
                        }
                    }
                    return new CategoricalColumn(column.Name, [.. categorical.Codes, code], [.. levels]);
                }
            default:
                throw new InvalidOperationException("Unknown column type.");
        }
    }
}
