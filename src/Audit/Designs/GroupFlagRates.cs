using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Fairness.Inference;
using Audit.Results;

namespace Audit.Designs;

/// <summary>
/// Every group's flag rate, its ratio to the reference group and its four-fifths ratio, with the conventions of
/// the fairness stage (CONTRACTS.md, "Disparity conventions"): the ratio's interval is Katz's log interval, the
/// four-fifths comparator is the least-flagged group that is not suppressed, groups below the minimum cell size are
/// suppressed and take part in no comparison. With sampling weights, rates are weighted and intervals use Kish's
/// effective sample size. The designs that re-decide (capacity sweep, flips, model variants, partial models, time)
/// all report groups through this one routine.
/// </summary>
public static class GroupFlagRates
{
    /// <summary>Weighted totals of one group: rows, weight, flagged weight, Σw².</summary>
    public readonly record struct Tally(long Rows, long FlaggedRows, double Weight, double FlaggedWeight, double SquaredWeight)
    {
        public double Rate => Weight > 0 ? FlaggedWeight / Weight : double.NaN;

        /// <summary>Kish's effective size (Σw)² / Σw²; the rows when unweighted.</summary>
        public double EffectiveRows => SquaredWeight > 0 ? Weight * Weight / SquaredWeight : 0;
    }

    /// <param name="include">Rows to count (null: all).</param>
    public static Tally[] Count(GroupAssignment groups, ReadOnlySpan<byte> flags, ReadOnlySpan<double> weights, ReadOnlySpan<bool> include = default)
    {
        var tallies = new Tally[groups.Levels.Length];
        var rows = new long[tallies.Length];
        var flaggedRows = new long[tallies.Length];
        var weight = new double[tallies.Length];
        var flagged = new double[tallies.Length];
        var squared = new double[tallies.Length];
        for (var i = 0; i < flags.Length; i++)
        {
            if (include.Length != 0 && !include[i])
            {
                continue;
            }
            var g = groups.Codes[i];
            var w = weights.Length == 0 ? 1.0 : weights[i];
            rows[g]++;
            weight[g] += w;
            squared[g] += w * w;
            if (flags[i] == 1)
            {
                flaggedRows[g]++;
                flagged[g] += w;
            }
        }
        for (var g = 0; g < tallies.Length; g++)
        {
            tallies[g] = new Tally(rows[g], flaggedRows[g], weight[g], flagged[g], squared[g]);
        }
        return tallies;
    }

    public static IReadOnlyList<GroupFlagRate> Compute(GroupAssignment groups, int reference, ReadOnlySpan<byte> flags, ReadOnlySpan<double> weights, FairnessOptions options, ReadOnlySpan<bool> include = default) =>
        FromTallies(groups.Attribute, groups.Levels, reference, Count(groups, flags, weights, include), options);

    public static IReadOnlyList<GroupFlagRate> FromTallies(string attribute, IReadOnlyList<string> levels, int reference, IReadOnlyList<Tally> tallies, FairnessOptions options)
    {
        // Hidden: too few rows, or hidden by the fairness section (which would otherwise be undone here).
        var disclosure = options.Disclosure;
        bool HiddenAt(int g) => tallies[g].Rows == 0 || disclosure.IsWithheld(attribute, levels[g], tallies[g].Rows, tallies[g].Weight);
        // The most favoured group g*, by the rule of the fairness section: the lowest flag rate among groups shown.
        var comparator = FourFifthsRule.Comparator(tallies.Select((t, g) => HiddenAt(g) ? null : (double?)t.Rate).ToArray());
        var lowest = comparator < 0 ? double.NaN : tallies[comparator].Rate;
        var refTally = tallies[reference];
        var result = new List<GroupFlagRate>();
        for (var g = 0; g < tallies.Count; g++)
        {
            var t = tallies[g];
            if (t.Rows == 0)
            {
                continue;
            }
            if (HiddenAt(g))
            {
                result.Add(new GroupFlagRate(attribute, levels[g], g == reference, Metric.SuppressedCell(), Metric.SuppressedCell(), Metric.SuppressedCell(), null));
                continue;
            }
            var rate = RateMetric(t.FlaggedWeight, t.Weight, t.EffectiveRows, t.Rows, options.Confidence);
            Metric ratio;
            if (HiddenAt(reference))
            {
                ratio = Metric.UndefinedBecause("the reference group is suppressed to protect small groups");
            }
            else if (refTally.FlaggedWeight == 0)
            {
                ratio = Metric.UndefinedBecause("nobody in the reference group is flagged", t.Rows);
            }
            else
            {
                var value = t.Rate / refTally.Rate;
                var ci = ProportionInterval.KatzLogRatio(t.Rate * t.EffectiveRows, t.EffectiveRows, refTally.Rate * refTally.EffectiveRows, refTally.EffectiveRows, options.Confidence);
                ratio = Metric.Of(value, t.Rows) with { Ci = g == reference || ci is null ? null : [ci.Lower, ci.Upper] };
            }
            // The four-fifths verdict is against the fixed 0.8, as in the fairness section: the plan's tolerance is only
            // the band of the ratio to the reference group (CONTRACTS.md).
            Metric fourFifths;
            bool? adverse = null;
            if (FourFifthsRule.Ratio(t.Rate, lowest) is not { } share)
            {
                fourFifths = Metric.UndefinedBecause("every group is flagged", t.Rows);
            }
            else
            {
                fourFifths = Metric.Of(share, t.Rows);
                adverse = FourFifthsRule.Verdict(share);
            }
            result.Add(new GroupFlagRate(attribute, levels[g], g == reference, rate, ratio, fourFifths, adverse));
        }
        return result;
    }

    /// <summary>A weighted proportion with its Wilson interval at the effective size.</summary>
    public static Metric RateMetric(double successes, double total, double effectiveRows, long rows, double confidence)
    {
        if (total <= 0)
        {
            return Metric.UndefinedBecause("no rows", rows);
        }
        var p = successes / total;
        var ci = ProportionInterval.Wilson(Math.Clamp(p * effectiveRows, 0, effectiveRows), effectiveRows, confidence);
        return Metric.Of(p, rows) with { Ci = ci is null ? null : [ci.Lower, ci.Upper] };
    }

    /// <summary>Whether the ratio's interval lies wholly above 1 (significantly more often flagged than the reference).</summary>
    public static bool SignificantlyMore(GroupFlagRate g) => !g.IsReference && g.Ratio.Ci is { } ci && ci[0] > 1;
}
