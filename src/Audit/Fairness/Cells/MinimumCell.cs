namespace Audit.Fairness.Cells;

/// <summary>
/// The minimum cell rule on a plain count of people or rows (CONTRACTS.md, "Privacy by default": cells smaller than the
/// plan's minimum size are suppressed in every output). Every comparison of a count with the minimum goes through
/// <see cref="TooFew"/>: the disclosure policy's (<see cref="DisclosurePolicy.IsBelowMinimum"/>, which also knows
/// frequency weights), the score bands', the recourse tables', the explained groups'.
/// </summary>
public static class MinimumCell
{
    /// <summary>Fewer than <paramref name="minCellSize"/> people or rows are too few to publish.</summary>
    public static bool TooFew(long count, int minCellSize) => count < minCellSize;
}
