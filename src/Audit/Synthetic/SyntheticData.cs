using System.Security.Cryptography;
using Audit.Data;
using Audit.Plan;
using Audit.Results;

namespace Audit.Synthetic;

/// <summary>
/// A plan's data generated from a population spec (<c>data.population</c>): the rows, the report's
/// <see cref="PopulationSection"/> and the caveats that say the data, and any synthetic label, are not real.
/// </summary>
public static class SyntheticData
{
    /// <summary>Generates the rows the plan asks for, in memory (no temporary file).</summary>
    public static Table Generate(AuditPlan plan, Action<long, long>? progress = null)
    {
        var source = plan.Data.Population ?? throw new InvalidOperationException("The plan's data is not a population spec.");
        var spec = PopulationSpecLoader.Load(plan.Data.Path, plan.Data.Display);
        return PopulationGenerator.GenerateTable(spec, source.Rows, SeedOf(plan), progress: progress);
    }

    /// <summary>The generation seed: the plan's <c>data.seed</c>, else the plan's seed.</summary>
    public static long SeedOf(AuditPlan plan) => plan.Data.Population?.Seed ?? plan.Seed;

    public static PopulationSection Describe(AuditPlan plan, Table table)
    {
        var spec = PopulationSpecLoader.Load(plan.Data.Path, plan.Data.Display);
        string sha;
        using (var stream = File.OpenRead(plan.Data.Path))
        {
            sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        var label = spec.SyntheticLabel?.Name;
        return new PopulationSection(
            new FileHash(Results.ReportedFile.Name(plan.Data.Display), sha),
            spec.Name,
            spec.Unit,
            table.RowCount,
            SeedOf(plan),
            PopulationGenerator.Method,
            table.Columns.Select(c => c.Name).ToArray(),
            label,
            label is not null && plan.Label?.Name == label,
            spec.Household is { } h ? new HouseholdColumns(h.Adults, h.Children) : null);
    }

    /// <summary>What a reader must know about results computed on generated people.</summary>
    public static IEnumerable<Caveat> Caveats(PopulationSection population)
    {
        yield return new Caveat(Caveat.SyntheticData, new Dictionary<string, double> { ["rows"] = population.Rows },
            // The seed is a name, not a quantity: a 64-bit seed does not survive a double.
            new Dictionary<string, string> { ["spec"] = population.Spec.Path, ["seed"] = population.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (population.LabelIsSynthetic)
        {
            yield return new Caveat(Caveat.SyntheticLabel, Names: new Dictionary<string, string> { ["label"] = population.SyntheticLabel! });
        }
    }
}
