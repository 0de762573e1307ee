using System.Globalization;
using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Results;
using MathNet.Numerics.Distributions;

namespace Audit.Designs;

/// <summary>
/// Disparities over time, for the persistence courts look for (CJEU C-167/97 Seymour-Smith: a disparity that is
/// "persistent and relatively constant over a long period"). With a period column (month, quarter, year), every
/// group's flag rate and ratio to the reference are computed per period (periods in ascending order: numbers by value,
/// text such as 2024-01 by ordinal order). Per group, three summaries:
/// <list type="bullet">
/// <item>the trend of ln(ratio) per period, by inverse-variance weighted least squares (the variance of each period's
/// ln ratio is Katz's, recovered from its interval): slope = Σ wᵢ(tᵢ − t̄)(yᵢ − ȳ) / Σ wᵢ(tᵢ − t̄)², se = 1 / √(Σ wᵢ(tᵢ − t̄)²),
/// with a normal interval and test (needs three periods or more);</item>
/// <item>persistence: in how many periods the ratio's interval lies above 1, and the longest run of such consecutive periods;</item>
/// <item>how many periods show four-fifths adverse impact.</item>
/// </list>
/// The decisions are the audit's own (the plan's policy over all rows); a policy applied period by period (a monthly
/// budget) is not modelled.
/// </summary>
public static class TimeSeriesDisparity
{
    public static TimeResult Run(DesignInput input, TimePlan plan)
    {
        var column = input.Table[plan.Period.Name];
        var periods = column is Data.NumericColumn numeric ? NumericPeriods(numeric) : GroupAssignment.FromColumn(column, null);
        var n = input.Table.RowCount;
        var perPeriod = new List<IReadOnlyList<GroupFlagRate>>[input.Attributes.Count];
        for (var a = 0; a < input.Attributes.Count; a++)
        {
            perPeriod[a] = [];
        }
        var include = new bool[n];
        // Rows without a period are left out: a "(missing)" period has no place in time, and counted as the last one
        // it would bend the trend and the persistence counts (review finding).
        var missingLevel = Array.IndexOf(periods.Levels, GroupAssignment.MissingLabel);
        var periodIndices = Enumerable.Range(0, periods.Levels.Length).Where(p => p != missingLevel).ToArray();
        var periodLabels = periodIndices.Select(p => periods.Levels[p]).ToArray();
        foreach (var p in periodIndices)
        {
            for (var i = 0; i < n; i++)
            {
                include[i] = periods.Codes[i] == p;
            }
            for (var a = 0; a < input.Attributes.Count; a++)
            {
                perPeriod[a].Add(GroupFlagRates.Compute(input.Attributes[a].Groups, input.References[a], input.Outcome.Flags, input.Weights, input.Options, include));
            }
        }
        var z = Normal.InvCDF(0, 1, (1 + input.Options.Confidence) / 2);
        var result = new List<TimeSeriesGroup>();
        for (var a = 0; a < input.Attributes.Count; a++)
        {
            var groups = input.Attributes[a].Groups;
            for (var g = 0; g < groups.Levels.Length; g++)
            {
                if (g == input.References[a])
                {
                    continue;
                }
                var series = perPeriod[a].Select(list => list.FirstOrDefault(x => x.Group == groups.Levels[g])).ToArray();
                if (series.All(s => s is null))
                {
                    continue;
                }
                var significant = series.Select(s => s is not null && GroupFlagRates.SignificantlyMore(s)).ToArray();
                int run = 0, longest = 0;
                foreach (var hit in significant)
                {
                    run = hit ? run + 1 : 0;
                    longest = Math.Max(longest, run);
                }
                var trend = Trend(series, z);
                var countMore = significant.Count(h => h);
                var countAdverse = series.Count(s => s?.AdverseImpact == true);
                result.Add(new TimeSeriesGroup(groups.Attribute, groups.Levels[g], series.Select((s, t) => s ?? Absent(groups.Attribute, groups.Levels[g])).ToArray(),
                    trend, countMore, longest, countAdverse));
            }
        }
        return new TimeResult(plan.Period.Name, periodLabels, result);
    }

    /// <summary>Every distinct number is a period (202401, 202402, ... or years), ascending; a missing value is the period "(missing)", last.</summary>
    private static GroupAssignment NumericPeriods(Data.NumericColumn column)
    {
        var values = new SortedSet<double>();
        foreach (var x in column.Values)
        {
            if (!double.IsNaN(x))
            {
                values.Add(x);
            }
        }
        var sorted = values.ToArray();
        var levels = sorted.Select(x => x.ToString("R", CultureInfo.InvariantCulture)).ToList();
        var codes = new int[column.Length];
        var hasMissing = false;
        for (var i = 0; i < codes.Length; i++)
        {
            var x = column[i];
            if (double.IsNaN(x))
            {
                codes[i] = sorted.Length;
                hasMissing = true;
            }
            else
            {
                codes[i] = Array.BinarySearch(sorted, x);
            }
        }
        if (hasMissing)
        {
            levels.Add(GroupAssignment.MissingLabel);
        }
        return new GroupAssignment(column.Name, codes, [.. levels]);
    }

    private static GroupFlagRate Absent(string attribute, string group) =>
        new(attribute, group, false, Metric.UndefinedBecause("no rows in this period", 0), Metric.UndefinedBecause("no rows in this period", 0), Metric.UndefinedBecause("no rows in this period", 0), null);

    /// <summary>Weighted least-squares slope of ln(ratio) on the period index, weights 1 / Var(ln ratio).</summary>
    internal static Metric Trend(IReadOnlyList<GroupFlagRate?> series, double z)
    {
        var points = new List<(double T, double Y, double W)>();
        for (var t = 0; t < series.Count; t++)
        {
            if (series[t]?.Ratio is { Value: { } ratio, Ci: { } ci } && ratio > 0 && ci[0] > 0 && ci[1] > ci[0])
            {
                var se = (Math.Log(ci[1]) - Math.Log(ci[0])) / (2 * z);
                points.Add((t, Math.Log(ratio), 1 / (se * se)));
            }
        }
        if (points.Count < 3)
        {
            return Metric.UndefinedBecause("fewer than three periods with a ratio and its interval", points.Count);
        }
        var sw = points.Sum(p => p.W);
        var tBar = points.Sum(p => p.W * p.T) / sw;
        var yBar = points.Sum(p => p.W * p.Y) / sw;
        var sxx = points.Sum(p => p.W * (p.T - tBar) * (p.T - tBar));
        var sxy = points.Sum(p => p.W * (p.T - tBar) * (p.Y - yBar));
        var slope = sxy / sxx;
        var seSlope = 1 / Math.Sqrt(sxx);
        var pValue = 2 * Normal.CDF(0, 1, -Math.Abs(slope / seSlope));
        return Metric.Of(slope, points.Count) with { Ci = [slope - z * seSlope, slope + z * seSlope], P = pValue, Test = "wls" };
    }
}
