using System.Globalization;

namespace Audit.Models;

/// <summary>A named grade and the lowest score it starts at (inclusive); the lowest grade has no lower bound.</summary>
/// <param name="Consequence">What the grade entails for the person (e.g. "blacklist: no plane or train tickets").</param>
/// <param name="Source">Where the threshold comes from.</param>
public sealed record GradeBand(string Name, double? From, string? Consequence = null, string? Source = null);

/// <summary>
/// Ordered grade bands over a score (CONTRACTS.md: "A model spec may declare ordered grade bands"), e.g. a points
/// system's AAA to D. Bands are listed by increasing score; a score gets the band with the highest <c>from</c> at or
/// below it. Which end is adverse follows the model's adverse tail: with <c>adverse: low</c> the lowest band is the
/// worst grade.
/// </summary>
public sealed class GradeScale
{
    public GradeScale(IReadOnlyList<GradeBand> bands, AdverseTail adverse)
    {
        if (bands.Count < 2)
        {
            throw new ArgumentException("A grade scale has at least two grades.", nameof(bands));
        }
        Bands = bands;
        Adverse = adverse;
    }

    /// <summary>The bands by increasing score.</summary>
    public IReadOnlyList<GradeBand> Bands { get; }

    public AdverseTail Adverse { get; }

    /// <summary>The grade names from the most favourable to the most adverse.</summary>
    public IReadOnlyList<string> FavourableToAdverse =>
        Adverse == AdverseTail.High ? Bands.Select(b => b.Name).ToArray() : Bands.Reverse().Select(b => b.Name).ToArray();

    /// <summary>The most adverse grade.</summary>
    public string Worst => FavourableToAdverse[^1];

    /// <summary>The index in <see cref="Bands"/> of the grade with this name, or -1.</summary>
    public int BandIndex(string name)
    {
        for (var b = 0; b < Bands.Count; b++)
        {
            if (Bands[b].Name == name)
            {
                return b;
            }
        }
        return -1;
    }

    /// <summary>How adverse a band is: 0 for the most favourable grade, up to Bands.Count − 1 for the worst.</summary>
    public int AdversityRank(int band) => Adverse == AdverseTail.High ? band : Bands.Count - 1 - band;

    /// <summary>The index in <see cref="Bands"/> of a score's band.</summary>
    public int BandOf(double score)
    {
        for (var b = Bands.Count - 1; b > 0; b--)
        {
            if (score >= Bands[b].From!.Value)
            {
                return b;
            }
        }
        return 0;
    }

    /// <summary>"D: below 600; C: 600 to below 850; …".</summary>
    public string Describe() => string.Join("; ", Bands.Select((b, i) =>
        i == 0 ? $"{b.Name}: below {F(Bands[1].From!.Value)}"
        : i == Bands.Count - 1 ? $"{b.Name}: {F(b.From!.Value)} or more"
        : $"{b.Name}: {F(b.From!.Value)} to below {F(Bands[i + 1].From!.Value)}"));

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
