using Audit.Models;

namespace Audit.Policy;

/// <summary>
/// Turns scores into decisions (1 = flagged, the adverse outcome). Scores are first oriented by the model's
/// adverse tail, so "more adverse" always means "more likely to be flagged".
/// </summary>
public abstract record DecisionPolicy
{
    /// <summary>A short name: threshold, top_fraction, budget, as_given.</summary>
    public abstract string Kind { get; }

    /// <summary>The policy in words, for the report.</summary>
    public abstract string Describe(AdverseTail adverse);

    public abstract PolicyOutcome Decide(ReadOnlySpan<double> scores, AdverseTail adverse);
}

/// <summary>The decisions and what the report needs to know about how they were made.</summary>
/// <param name="Flags">1 = flagged, 0 = not, one per row.</param>
/// <param name="Cutoff">The score at the boundary (for ranking policies: the score of the last flagged row); null for <see cref="DecisionsAsGiven"/>.</param>
/// <param name="Flagged">Number of flagged rows.</param>
/// <param name="TiedAtCutoff">Rows whose score equals the cut-off score, flagged or not (ranking policies only: some of them were flagged and some not, by row order).</param>
/// <param name="TiedAtCutoffFlagged">Of those, how many were flagged.</param>
public sealed record PolicyOutcome(byte[] Flags, double? Cutoff, long Flagged, long TiedAtCutoff, long TiedAtCutoffFlagged);
