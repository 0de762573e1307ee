using System.Globalization;
using Audit.Yaml;

namespace Audit.Plan;

/// <summary>
/// The plan's <c>data: { population: spec.yaml, rows: N, seed: S }</c> (docs/audit-plan.md): the audit reads people
/// generated on the fly from a population spec instead of a file.
/// </summary>
public static class PopulationPlanData
{
    private static readonly string[] FileKeys = ["path", "format", "delimiter", "decimal_comma", "missing", "encoding"];

    internal static DataSource Read(YamlMap data, Func<string, string> resolve)
    {
        foreach (var key in FileKeys)
        {
            if (data.Has(key))
            {
                throw data.Error(key, $"'{key}' describes a data file; with 'population' the rows are generated",
                    hint: $"remove '{key}', or remove 'population' to read a file");
            }
        }
        var spec = data.RequiredString("population");
        var rows = data.OptionalLong("rows") ?? throw data.Error("rows", "the key 'rows' is required with 'population'",
            expected: "the number of rows to generate, such as 100000");
        if (rows is < 1 or > int.MaxValue)
        {
            throw data.Error("rows", "out of range", expected: "a number of rows from 1 to 2147483647", found: rows.ToString(CultureInfo.InvariantCulture));
        }
        return new DataSource(resolve(spec), spec, DataFormat.Population, null, false, [], data.LineOf("population"))
        {
            Population = new PopulationSource((int)rows, data.OptionalLong("seed")),
        };
    }

    /// <summary>The people a plan generates: its population spec, rows, and its <c>data.seed</c>, else the plan's seed.</summary>
    public static Synthetic.PopulationDraw DrawOf(AuditPlan plan)
    {
        var source = plan.Data.Population ?? throw new InvalidOperationException("The plan's data is not a population spec.");
        return new Synthetic.PopulationDraw(plan.Data.Path, plan.Data.Display, source.Rows, source.Seed ?? plan.Seed);
    }

    internal static void RefuseWithoutPopulation(YamlMap data)
    {
        foreach (var key in new[] { "rows", "seed" })
        {
            if (data.Has(key))
            {
                throw data.Error(key, $"'{key}' applies only to a generated population ('data.population')", hint: $"remove '{key}'");
            }
        }
    }
}
