using System.Globalization;
using Audit.Data;
using Audit.Fairness;
using Audit.Results;

namespace Audit.Designs;

/// <summary>
/// How strongly the final human decision follows the score: the question on which the CJEU's SCHUFA judgment
/// (C-634/21, 7 Dec 2023) turns, since a score that the decision-maker "draws strongly on" is itself a decision under
/// GDPR Art. 22. With a column of final decisions (1 = adverse), on the rows where it is known:
/// <list type="bullet">
/// <item>agreement, the share of rows where the human decision equals the score's (flagged = adverse), with a Wilson interval;</item>
/// <item>Cohen's kappa (1960), κ = (pₒ − pₑ) / (1 − pₑ), agreement beyond chance;</item>
/// <item>P(adverse | flagged) and P(adverse | not flagged);</item>
/// <item>per group: how often a flag is overruled, how often an unflagged person is decided against, and the
/// disparity (ratio to the reference group, Katz interval) of the score's flags next to that of the human decisions:
/// whether overrides reduce or add to the disparity.</item>
/// </list>
/// </summary>
public static class DecisionFollowing
{
    public static DecisionFollowingResult Run(DesignInput input, DecisionFollowingPlan plan)
    {
        var human = BinaryColumn.Read(input.Table, plan.HumanDecision.Name, "human decision", "1 when the final decision was adverse, 0 when not, empty when unknown");
        return Measure(input.Outcome.Flags, human, input.Weights, input.Attributes, input.References, input.Options, plan.HumanDecision.Name);
    }

    public static DecisionFollowingResult Measure(byte[] flags, byte[] human, ReadOnlySpan<double> weights, IReadOnlyList<AttributeInput> attributes, IReadOnlyList<int> references, FairnessOptions options, string column)
    {
        var n = flags.Length;
        var known = new bool[n];
        // Weighted 2 × 2: [flag, human].
        var cell = new double[2, 2];
        var squared = new double[2, 2];
        long rows = 0;
        for (var i = 0; i < n; i++)
        {
            if (human[i] > 1)
            {
                continue;
            }
            known[i] = true;
            rows++;
            var w = weights.Length == 0 ? 1.0 : weights[i];
            cell[flags[i], human[i]] += w;
            squared[flags[i], human[i]] += w * w;
        }
        var total = cell[0, 0] + cell[0, 1] + cell[1, 0] + cell[1, 1];
        var totalSquared = squared[0, 0] + squared[0, 1] + squared[1, 0] + squared[1, 1];
        if (rows == 0)
        {
            throw new AuditInputException("no row has a human decision", column: column, expected: "0 or 1 on the rows where a final decision was taken");
        }
        var effective = total * total / totalSquared;
        var agreement = GroupFlagRates.RateMetric(cell[0, 0] + cell[1, 1], total, effective, rows, options.Confidence);
        var po = (cell[0, 0] + cell[1, 1]) / total;
        var flaggedShare = (cell[1, 0] + cell[1, 1]) / total;
        var humanShare = (cell[0, 1] + cell[1, 1]) / total;
        var pe = flaggedShare * humanShare + (1 - flaggedShare) * (1 - humanShare);
        var kappa = pe < 1 ? Metric.Of((po - pe) / (1 - pe), rows) : Metric.UndefinedBecause("both decisions are constant", rows);
        Metric Conditional(int flag)
        {
            var t = cell[flag, 0] + cell[flag, 1];
            var s = squared[flag, 0] + squared[flag, 1];
            var count = 0L;
            for (var i = 0; i < n; i++)
            {
                count += known[i] && flags[i] == flag ? 1 : 0;
            }
            return t > 0 ? GroupFlagRates.RateMetric(cell[flag, 1], t, t * t / s, count, options.Confidence) : Metric.UndefinedBecause("no such rows", 0);
        }
        var followed = Conditional(1);
        var added = Conditional(0);

        var groups = OverridesByGroup(flags, human, weights, attributes, references, options, known);
        return new DecisionFollowingResult(column, rows, agreement, kappa, followed, added, groups);
    }

    /// <summary>
    /// Per group of each attribute: how often a flag is overruled and an unflagged person decided against, and the
    /// group's ratio to the reference under the score and under the human decisions (rows with a known decision only).
    /// </summary>
    private static List<OverrideByGroup> OverridesByGroup(byte[] flags, byte[] human, ReadOnlySpan<double> weights, IReadOnlyList<AttributeInput> attributes,
        IReadOnlyList<int> references, FairnessOptions options, bool[] known)
    {
        var groups = new List<OverrideByGroup>();
        for (var a = 0; a < attributes.Count; a++)
        {
            var g = attributes[a].Groups;
            var scoreRates = GroupFlagRates.Compute(g, references[a], flags, weights, options, known);
            var humanRates = GroupFlagRates.Compute(g, references[a], human.Select(h => h == 1 ? (byte)1 : (byte)0).ToArray(), weights, options, known);
            foreach (var level in Enumerable.Range(0, g.Levels.Length))
            {
                var s = scoreRates.FirstOrDefault(x => x.Group == g.Levels[level]);
                var h = humanRates.FirstOrDefault(x => x.Group == g.Levels[level]);
                if (s is null || h is null)
                {
                    continue;
                }
                if (s.FlagRate.Suppressed == true)
                {
                    groups.Add(new OverrideByGroup(g.Attribute, g.Levels[level], Metric.SuppressedCell(), Metric.SuppressedCell(), Metric.SuppressedCell(), Metric.SuppressedCell(), "suppressed"));
                    continue;
                }
                var (overruled, addedAdverse) = OverrideRates(g.Codes, level, flags, human, weights, known, options.Confidence);
                groups.Add(new OverrideByGroup(g.Attribute, g.Levels[level], overruled, addedAdverse, s.Ratio, h.Ratio, s.IsReference ? "reference group" : Effect(s.Ratio, h.Ratio)));
            }
        }
        return groups;
    }

    /// <summary>Within one group (rows whose code is <paramref name="level"/>): the weighted share of flags overruled and of unflagged people decided against.</summary>
    private static (Metric Overruled, Metric AddedAdverse) OverrideRates(int[] codes, int level, byte[] flags, byte[] human, ReadOnlySpan<double> weights,
        bool[] known, double confidence)
    {
        double flaggedW = 0, overruledW = 0, unflaggedW = 0, addedW = 0, flaggedW2 = 0, unflaggedW2 = 0;
        long flaggedRows = 0, unflaggedRows = 0;
        for (var i = 0; i < flags.Length; i++)
        {
            if (!known[i] || codes[i] != level)
            {
                continue;
            }
            var w = weights.Length == 0 ? 1.0 : weights[i];
            if (flags[i] == 1)
            {
                flaggedW += w;
                flaggedW2 += w * w;
                flaggedRows++;
                overruledW += human[i] == 0 ? w : 0;
            }
            else
            {
                unflaggedW += w;
                unflaggedW2 += w * w;
                unflaggedRows++;
                addedW += human[i] == 1 ? w : 0;
            }
        }
        var overruled = flaggedW > 0 ? GroupFlagRates.RateMetric(overruledW, flaggedW, flaggedW * flaggedW / flaggedW2, flaggedRows, confidence) : Metric.UndefinedBecause("nobody in the group is flagged", 0);
        var addedAdverse = unflaggedW > 0 ? GroupFlagRates.RateMetric(addedW, unflaggedW, unflaggedW * unflaggedW / unflaggedW2, unflaggedRows, confidence) : Metric.UndefinedBecause("everybody in the group is flagged", 0);
        return (overruled, addedAdverse);
    }

    /// <summary>Whether the human decisions' ratio lies closer to 1 than the score's (on the log scale), with "unclear" when the intervals overlap widely.</summary>
    private static string Effect(Metric score, Metric human)
    {
        if (score.Value is not { } s || human.Value is not { } h || s <= 0 || h <= 0)
        {
            return "undefined";
        }
        var before = Math.Abs(Math.Log(s));
        var after = Math.Abs(Math.Log(h));
        return Math.Abs(before - after) < 0.01 ? "leaves the disparity as it was" : after < before ? "reduces the disparity" : "adds to the disparity";
    }
}
