namespace Audit.Fairness.Cells;

/// <summary>
/// How group cells are numbered when attributes are crossed: a cell is the mixed-radix number of its groups'
/// codes, the first attribute most significant and the last varying fastest. Shared by the statistics that are
/// kept per cell (<see cref="GroupStatistics"/>, <see cref="Scores.ScoreStatistics"/>), so that their cells line up.
/// </summary>
public sealed class CellLayout
{
    private readonly int[] radix;

    public CellLayout(IReadOnlyList<string> attributes, IReadOnlyList<string[]> levels)
    {
        if (attributes.Count != levels.Count)
        {
            throw new ArgumentException("One list of levels per attribute.", nameof(levels));
        }
        Attributes = attributes;
        Levels = levels;
        radix = levels.Select(l => l.Length).ToArray();
        CellCount = radix.Aggregate(1, (a, b) => checked(a * b));
    }

    /// <summary>The layout of these groups crossed.</summary>
    public static CellLayout Of(IReadOnlyList<GroupAssignment> groups) =>
        new(groups.Select(g => g.Attribute).ToArray(), groups.Select(g => g.Levels).ToArray());

    /// <summary>The attributes crossed (one for a single attribute).</summary>
    public IReadOnlyList<string> Attributes { get; }

    /// <summary>The group labels of each attribute, in output order.</summary>
    public IReadOnlyList<string[]> Levels { get; }

    /// <summary>Number of cells: the product of the attributes' level counts.</summary>
    public int CellCount { get; }

    /// <summary>The number of levels of attribute <paramref name="attribute"/>.</summary>
    public int Radix(int attribute) => radix[attribute];

    /// <summary>The group code of each attribute for a cell.</summary>
    public void Digits(int cell, Span<int> digits)
    {
        for (var a = radix.Length - 1; a >= 0; a--)
        {
            digits[a] = cell % radix[a];
            cell /= radix[a];
        }
    }

    /// <summary>The group label of each attribute for a cell.</summary>
    public string[] CellLabels(int cell)
    {
        var labels = new string[Attributes.Count];
        for (var a = Attributes.Count - 1; a >= 0; a--)
        {
            labels[a] = Levels[a][cell % radix[a]];
            cell /= radix[a];
        }
        return labels;
    }

    /// <summary>True when both number the same attributes and levels the same way (so that their cells can be added).</summary>
    public bool SameAs(CellLayout other) =>
        Attributes.SequenceEqual(other.Attributes) && Levels.Zip(other.Levels).All(p => p.First.SequenceEqual(p.Second));
}
