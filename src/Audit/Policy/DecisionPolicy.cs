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

    /// <summary>The policy in English, for the one-person explanation's record of operations only: the report words the facts of its PolicySection with Reporting/Text/PolicyText (issue 17 item 5).</summary>
    public abstract string Describe(AdverseTail adverse);

    /// <summary>The decisions for scores in the order of <paramref name="order"/>, whose tie rule they follow (<see cref="ScoreOrder"/>).</summary>
    public abstract PolicyOutcome Decide(ScoreOrder order);

    /// <summary>The decisions for double scores alone, without a model to settle exact ties: equal doubles are equal scores.</summary>
    public PolicyOutcome Decide(ReadOnlySpan<double> scores, AdverseTail adverse) => Decide(new ScoreOrder(scores, adverse));

    /// <summary>The decisions for a model's scores of a table, ties settled by the exact rule of <see cref="ScoreOrder"/>.</summary>
    public PolicyOutcome Decide(IScoringModel model, Data.Table table, ReadOnlySpan<double> scores) => Decide(ScoreOrder.Of(model, table, scores));

    /// <summary>
    /// The decisions for a model's scores of a table, or, for a policy that flags grades, for the grades the model
    /// assigns (<paramref name="gradesOf"/>, overrides included; asked only by such a policy): the one rule the audit's
    /// decision and a person's decisions under sampled models follow.
    /// </summary>
    public virtual PolicyOutcome Decide(IScoringModel model, Data.Table table, double[] scores, Func<int[]?> gradesOf) => Decide(model, table, scores);
}

/// <summary>The decisions and what the report needs to know about how they were made.</summary>
/// <param name="Flags">1 = flagged, 0 = not, one per row.</param>
/// <param name="Cutoff">The score at the boundary (for ranking policies: the score of the last flagged row, or, when rows tied with it in exact arithmetic differ in the last bits of their doubles, the least adverse of those doubles: <see cref="ScoreOrder"/>); null for <see cref="DecisionsAsGiven"/>.</param>
/// <param name="Flagged">Number of flagged rows.</param>
/// <param name="TiedAtCutoff">Rows whose score equals the cut-off score by the rule of <see cref="ScoreOrder"/>, flagged or not (ranking policies only, when the cut-off splits them: some of them were flagged and some not, by row order).</param>
/// <param name="TiedAtCutoffFlagged">Of those, how many were flagged.</param>
public sealed record PolicyOutcome(byte[] Flags, double? Cutoff, long Flagged, long TiedAtCutoff, long TiedAtCutoffFlagged);
