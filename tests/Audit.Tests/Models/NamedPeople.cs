using System.Globalization;
using Audit.Data;

namespace Audit.Tests.Models;

/// <summary>
/// A small table of named people for golden tests of the shipped specs: one row per person, one column per
/// variable. A column's type follows its values: numbers are numeric, true/false boolean, text categorical.
/// </summary>
public static class NamedPeople
{
    public static Table Of(params (string Name, Dictionary<string, object> Values)[] people)
    {
        var columns = people[0].Values.Keys.ToArray();
        foreach (var (name, values) in people)
        {
            Assert.True(values.Keys.ToHashSet().SetEquals(columns), $"{name} does not have the same variables as {people[0].Name}");
        }
        return new Table(columns.Select(column => ColumnOf(column, people.Select(p => p.Values[column]).ToArray())));
    }

    /// <summary>The path of a shipped spec, models/NAME.</summary>
    public static string Spec(string fileName) => Path.Combine(SharedData.RepositoryRoot, "models", fileName);

    private static Column ColumnOf(string name, object[] values) => values[0] switch
    {
        bool => new BooleanColumn(name, values.Select(v => (byte)((bool)v ? 1 : 0)).ToArray()),
        string => CategoricalColumn.FromValues(name, values.Select(v => (string?)v).ToArray()),
        _ => new NumericColumn(name, values.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray()),
    };
}
