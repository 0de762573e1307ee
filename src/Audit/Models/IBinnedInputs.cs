namespace Audit.Models;

/// <summary>
/// A capability: some inputs enter the score by bins (a scorecard's points per range), so the score jumps at known
/// values of them. Recourse puts those values, and the value just below each, on the grid of candidate moves, so that
/// the cheapest move across a bin edge is among the candidates (<see cref="ITreeEnsemble"/> gives the same for trees
/// through its split thresholds).
/// </summary>
public interface IBinnedInputs
{
    /// <summary>Per binned input, the values at which its points change: every bin's lower end, in the spec's order.</summary>
    IReadOnlyDictionary<string, IReadOnlyList<double>> BinEdges { get; }
}
