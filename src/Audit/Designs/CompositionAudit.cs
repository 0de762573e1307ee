using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Fairness.Inference;
using Audit.Results;

namespace Audit.Designs;

/// <summary>
/// The composition of the people selected by the model against a random reference sample, attribute by attribute:
/// the design of Lighthouse Reports and Svenska Dagbladet's audit of Sweden's temporary parental benefit (2024), where
/// only the investigated files are known and a random control sample stands for the population. For each group:
/// its share of the reference sample and of the selected set, the difference (selected − reference) with Newcombe's
/// hybrid score interval and a two-proportion z test, and the ratio with Katz's log interval; per attribute, Pearson's
/// chi-square test that the two sets have the same distribution (the 2 × k table; <see cref="ProportionTest.ChiSquareHomogeneity"/>).
/// Shares are weighted by the plan's weights (intervals at Kish's effective size); a missing attribute value is its own group.
/// </summary>
public static class CompositionAudit
{
    public static CompositionResult Run(DesignInput input, CompositionPlan plan)
    {
        var column = input.Table[plan.Column.Name];
        var n = input.Table.RowCount;
        // 0 = not in either set, 1 = reference sample, 2 = selected.
        var set = new byte[n];
        var selectedValues = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var value = column.FormatValue(i);
            if (value is null)
            {
                continue;
            }
            if (plan.Reference.Contains(value))
            {
                set[i] = 1;
            }
            else if (plan.Selected is null || plan.Selected.Contains(value))
            {
                set[i] = 2;
                selectedValues.Add(value);
            }
        }
        var referenceRows = set.LongCount(s => s == 1);
        if (referenceRows == 0)
        {
            throw new AuditInputException($"no row of '{plan.Column.Name}' holds the reference value(s) {string.Join(", ", plan.Reference)}",
                file: input.PlanFile, line: plan.Column.Line, keyPath: plan.Column.KeyPath, column: plan.Column.Name,
                hint: "check the spelling of the values that mark the random sample");
        }
        var attributes = input.Attributes.Select(a => Compare(a.Groups, set, input.Weights, input.Options)).ToArray();
        return new CompositionResult(plan.Column.Name, plan.Reference, plan.Selected ?? selectedValues.ToArray(), referenceRows, set.LongCount(s => s == 2), attributes);
    }

    /// <param name="set">Per row: 1 = reference sample, 2 = selected, 0 = neither.</param>
    public static CompositionAttribute Compare(GroupAssignment groups, ReadOnlySpan<byte> set, ReadOnlySpan<double> weights, FairnessOptions options)
    {
        var k = groups.Levels.Length;
        var weight = new double[2, k];
        var squared = new double[2, k];
        var rows = new long[2, k];
        for (var i = 0; i < set.Length; i++)
        {
            if (set[i] == 0)
            {
                continue;
            }
            var s = set[i] - 1;
            var w = weights.Length == 0 ? 1.0 : weights[i];
            weight[s, groups.Codes[i]] += w;
            squared[s, groups.Codes[i]] += w * w;
            rows[s, groups.Codes[i]]++;
        }
        double Sum(double[,] a, int s)
        {
            var total = 0.0;
            for (var g = 0; g < k; g++)
            {
                total += a[s, g];
            }
            return total;
        }
        var total = new[] { Sum(weight, 0), Sum(weight, 1) };
        var effective = new[] { total[0] * total[0] / Sum(squared, 0), total[1] * total[1] / Sum(squared, 1) };
        var totalRows = new[] { Enumerable.Range(0, k).Sum(g => rows[0, g]), Enumerable.Range(0, k).Sum(g => rows[1, g]) };
        var shares = new List<CompositionShare>();
        var selectedPerGroup = new double[k];
        var trialsPerGroup = new double[k];
        var present = Enumerable.Range(0, k).Where(g => rows[0, g] + rows[1, g] > 0).ToArray();
        var disclosure = options.Disclosure;
        var hidden = present.Where(g => disclosure.IsWithheld(groups.Attribute, groups.Levels[g], rows[0, g], weight[0, g]) || disclosure.IsBelowMinimum(rows[1, g], weight[1, g])).ToHashSet();
        // Complementary suppression within the attribute (the line is its groups, the margin the published sample sizes):
        // a lone hidden group, or hidden groups holding together fewer rows than the minimum in either set, would be
        // given back by subtraction; the smallest shown group is hidden until neither holds.
        while (hidden.Count > 0 && (hidden.Count == 1 || hidden.Sum(g => rows[0, g]) < disclosure.MinCellSize || hidden.Sum(g => rows[1, g]) < disclosure.MinCellSize)
            && present.Where(g => !hidden.Contains(g)).OrderBy(g => rows[0, g] + rows[1, g]).ThenBy(g => g).FirstOrDefault(-1) is var next and >= 0)
        {
            hidden.Add(next);
        }
        foreach (var g in present)
        {
            if (hidden.Contains(g))
            {
                shares.Add(new CompositionShare(groups.Levels[g], Metric.SuppressedCell(), Metric.SuppressedCell(), Metric.SuppressedCell(), Metric.SuppressedCell()));
                continue;
            }
            // Successes at the effective size: share × n_eff.
            var pRef = weight[0, g] / total[0];
            var pSel = weight[1, g] / total[1];
            var xRef = pRef * effective[0];
            var xSel = pSel * effective[1];
            var referenceShare = GroupFlagRates.RateMetric(weight[0, g], total[0], effective[0], totalRows[0], options.Confidence);
            var selectedShare = GroupFlagRates.RateMetric(weight[1, g], total[1], effective[1], totalRows[1], options.Confidence);
            var diffCi = ProportionInterval.NewcombeDifference(xSel, effective[1], xRef, effective[0], options.Confidence);
            var z = ProportionTest.TwoProportionZ(xSel, effective[1], xRef, effective[0]);
            // Each share rests on its own sample's rows; the difference and the ratio compare the two samples, so they
            // rest on the rows of both (the schema says so for each field).
            var bothSamples = totalRows[0] + totalRows[1];
            var difference = Metric.Of(pSel - pRef, bothSamples) with
            {
                Ci = diffCi is null ? null : [diffCi.Lower, diffCi.Upper],
                P = z?.P,
                Test = z is null ? null : "z",
            };
            var ratioCi = ProportionInterval.KatzLogRatio(xSel, effective[1], xRef, effective[0], options.Confidence);
            var ratio = pRef > 0 ? Metric.Of(pSel / pRef, bothSamples) with { Ci = ratioCi is null ? null : [ratioCi.Lower, ratioCi.Upper] } : Metric.UndefinedBecause("the group is absent from the reference sample", bothSamples);
            shares.Add(new CompositionShare(groups.Levels[g], referenceShare, selectedShare, difference, ratio));
            selectedPerGroup[g] = xSel;
            trialsPerGroup[g] = xSel + xRef;
        }
        var chi = ProportionTest.ChiSquareHomogeneity(selectedPerGroup, trialsPerGroup);
        return new CompositionAttribute(groups.Attribute, shares, chi is null ? null : new HomogeneityTest("chi-square", chi.Statistic, chi.DegreesOfFreedom, chi.P));
    }
}
