using System.Security.Cryptography;
using Audit.Data;
using Audit.Results;

namespace Audit.Synthetic;

/// <summary>
/// People generated from a population spec (a plan's <c>data.population</c>): the rows, the report's
/// <see cref="PopulationSection"/> and the caveats that say the data, and any synthetic label, are not real.
/// </summary>
public static class SyntheticData
{
    /// <summary>Generates the rows asked for, in memory (no temporary file).</summary>
    public static Table Generate(PopulationDraw draw, Action<long, long>? progress = null)
    {
        var spec = PopulationSpecLoader.Load(draw.SpecPath, draw.SpecDisplay);
        return PopulationGenerator.GenerateTable(spec, draw.Rows, draw.Seed, progress: progress);
    }

    /// <param name="labelColumn">The audit's label column, or null: the report says whether it is the spec's synthetic outcome.</param>
    public static PopulationSection Describe(PopulationDraw draw, Table table, string? labelColumn)
    {
        var spec = PopulationSpecLoader.Load(draw.SpecPath, draw.SpecDisplay);
        string sha;
        using (var stream = File.OpenRead(draw.SpecPath))
        {
            sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        var label = spec.SyntheticLabel?.Name;
        return new PopulationSection(
            new FileHash(Results.ReportedFile.Name(draw.SpecDisplay), sha),
            spec.Name,
            spec.Unit,
            table.RowCount,
            draw.Seed,
            PopulationGenerator.Method,
            table.Columns.Select(c => c.Name).ToArray(),
            label,
            label is not null && labelColumn == label,
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
