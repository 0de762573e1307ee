namespace Audit.Fairness;

/// <summary>
/// The reference group rule (CONTRACTS.md, "Reference group"), defined once for the fairness section, the designs and
/// the regression designs: the group the plan names; otherwise the largest group by weighted count (rows when
/// unweighted), the first in output order on a tie. For an intersection, the combination of the named groups when
/// every crossed attribute names one and that combination is listed; otherwise the largest cell.
/// </summary>
public static class ReferenceGroup
{
    /// <summary>How the reference was chosen, as the result states it (<c>referenceRule</c>).</summary>
    public const string Explicit = "explicit";

    /// <inheritdoc cref="Explicit"/>
    public const string Largest = "largest";

    /// <summary>The index of the largest size, the first on a tie: how the default reference group is chosen.</summary>
    public static int LargestOf(IReadOnlyList<double> sizes)
    {
        var largest = 0;
        for (var i = 1; i < sizes.Count; i++)
        {
            if (sizes[i] > sizes[largest])
            {
                largest = i;
            }
        }
        return largest;
    }

    /// <summary>
    /// The reference among <paramref name="groups"/> (each a group's level of every crossed attribute) weighing
    /// <paramref name="sizes"/>: the one whose levels are the named ones, else the largest. Index −1 is never returned.
    /// </summary>
    /// <param name="named">The named reference level of each crossed attribute, null where the plan names none.</param>
    /// <returns>The index and <see cref="Explicit"/> or <see cref="Largest"/>.</returns>
    public static (int Index, string Rule) Among(IReadOnlyList<IReadOnlyList<string>> groups, IReadOnlyList<double> sizes, IReadOnlyList<string?> named)
    {
        if (named.All(n => n is not null))
        {
            for (var i = 0; i < groups.Count; i++)
            {
                if (groups[i].SequenceEqual(named!))
                {
                    return (i, Explicit);
                }
            }
        }
        return (LargestOf(sizes), Largest);
    }

    /// <summary>The plan's reference group of one attribute (its level index), or the largest group by weight among the rows.</summary>
    /// <param name="weights">Per row, or empty when unweighted.</param>
    public static int Of(AttributeInput attribute, ReadOnlySpan<double> weights)
    {
        if (attribute.Reference is { } named && Array.IndexOf(attribute.Groups.Levels, named) is var index and >= 0)
        {
            return index;
        }
        var totals = new double[attribute.Groups.Levels.Length];
        var codes = attribute.Groups.Codes;
        for (var i = 0; i < codes.Length; i++)
        {
            totals[codes[i]] += weights.Length == 0 ? 1 : weights[i];
        }
        return LargestOf(totals);
    }
}
