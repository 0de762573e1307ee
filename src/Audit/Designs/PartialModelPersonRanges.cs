using Audit.Data;
using Audit.Models;
using Audit.Policy;
using Audit.Results;

namespace Audit.Designs;

/// <summary>
/// One person under each model the partial-model design samples (<see cref="PartialModelSampler.Sampled"/>): what
/// <c>audit explain</c> and <c>audit recourse</c> give beside the central model's answer, as ranges
/// (<see cref="PersonUnderSampledModels"/>, the result the pages read). Each sampled model scores everybody and is
/// decided by the plan's policy (re-ranked, as in the design); the person's score, share of people with a less
/// adverse score, rank, flag and each term's contribution are taken from it.
/// </summary>
public static class PartialModelPersonRanges
{
    /// <param name="spec">The partially published spec.</param>
    /// <param name="population">The audited population the design samples over (its spreads scale numeric weights).</param>
    /// <param name="table">The people decided: the population, or the population with the person's row appended.</param>
    /// <param name="decide">The plan's decision, for one model's scores of <paramref name="table"/>.</param>
    /// <param name="changed">One row with the person's inputs after a change, or null.</param>
    /// <param name="ranked">Whether the policy ranks (the cut-off is the last person flagged), for the changed row's side.</param>
    public static PersonUnderSampledModels Compute(LinearModel spec, Table population, PartialModelPlan plan, long seed, Table table, int row,
        Func<IScoringModel, double[], PolicyOutcome> decide, Table? changed, bool ranked)
    {
        double scoreMin = double.PositiveInfinity, scoreMax = double.NegativeInfinity;
        double percentileMin = double.PositiveInfinity, percentileMax = double.NegativeInfinity;
        long rankMin = long.MaxValue, rankMax = long.MinValue;
        int flaggedIn = 0, lifts = 0;
        var names = spec.TermNames;
        var termMin = Enumerable.Repeat(double.PositiveInfinity, names.Count).ToArray();
        var termMax = Enumerable.Repeat(double.NegativeInfinity, names.Count).ToArray();
        var terms = new double[names.Count];
        foreach (var model in PartialModelSampler.Sampled(spec, population, plan, seed))
        {
            var scores = model.Score(table);
            var outcome = decide(model, scores);
            var score = scores[row];
            var adverseHigh = model.Adverse == AdverseTail.High;
            long lessAdverse = 0, moreAdverse = 0;
            foreach (var s in scores)
            {
                lessAdverse += (adverseHigh ? s < score : s > score) ? 1 : 0;
                moreAdverse += (adverseHigh ? s > score : s < score) ? 1 : 0;
            }
            var percentile = 100.0 * lessAdverse / scores.Length;
            scoreMin = Math.Min(scoreMin, score);
            scoreMax = Math.Max(scoreMax, score);
            percentileMin = Math.Min(percentileMin, percentile);
            percentileMax = Math.Max(percentileMax, percentile);
            rankMin = Math.Min(rankMin, moreAdverse + 1);
            rankMax = Math.Max(rankMax, moreAdverse + 1);
            model.Contributions(table, row, terms);
            for (var t = 0; t < terms.Length; t++)
            {
                termMin[t] = Math.Min(termMin[t], terms[t]);
                termMax[t] = Math.Max(termMax[t], terms[t]);
            }
            if (outcome.Flags[row] == 1)
            {
                flaggedIn++;
                if (changed is not null && outcome.Cutoff is { } cutoff
                    && new DecisionTarget(cutoff, model.Adverse, ranked).IsFavourable(model.Score(changed)[0]))
                {
                    lifts++;
                }
            }
        }
        return new PersonUnderSampledModels(plan.Samples, seed, plan.Magnitude, PartialModelSampler.SampledCoefficients(spec).Count,
            scoreMin, scoreMax, percentileMin, percentileMax, rankMin, rankMax, flaggedIn,
            names.Select((name, t) => new TermRange(name, termMin[t], termMax[t])).ToArray(), changed is null ? null : lifts);
    }
}
