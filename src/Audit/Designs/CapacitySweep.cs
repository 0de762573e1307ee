using System.Globalization;
using Audit.Policy;
using Audit.Results;

namespace Audit.Designs;

/// <summary>
/// Disparities as the control budget varies: the most adverse fraction of scores is flagged for each fraction of the
/// sweep (0.5 % to 20 % by default, or budgets in rows), and every group's flag rate, ratio to the reference (Katz
/// interval) and four-fifths ratio are reported at each. A disparity that is significant (ratio interval above 1) or
/// adverse (four-fifths) at one cut-off only is reported as such: a finding should not rest on an arbitrary budget.
/// Ties at a cut-off are broken by row order, as in the audit's own ranking policies (<see cref="ScoreOrder"/>).
/// </summary>
public static class CapacitySweep
{
    public static CapacitySweepResult Run(DesignInput input, CapacityPlan plan)
    {
        Redecision.RequireScores(input, "capacity sweep");
        var n = input.Table.RowCount;
        var cuts = plan.Fractions.Select(f => (Fraction: f, Policy: (RankingPolicy)new TopFractionPolicy(f)))
            .Concat(plan.Budgets.Select(b => (Fraction: (double)b / n, Policy: (RankingPolicy)new BudgetPolicy(b))))
            .OrderBy(c => c.Fraction)
            .ToArray();
        var points = new List<CapacityPoint>();
        foreach (var (fraction, policy) in cuts)
        {
            var outcome = policy.Decide(input.Model, input.Table, input.Scores);
            var groups = new List<GroupFlagRate>();
            for (var a = 0; a < input.Attributes.Count; a++)
            {
                groups.AddRange(GroupFlagRates.Compute(input.Attributes[a].Groups, input.References[a], outcome.Flags, input.Weights, input.Options));
            }
            points.Add(new CapacityPoint(fraction, outcome.Flagged, outcome.Cutoff, groups));
        }
        var findings = new List<CapacityFinding>();
        foreach (var key in points.SelectMany(p => p.Groups).Where(g => !g.IsReference).Select(g => (g.Attribute, g.Group)).Distinct())
        {
            var series = points.Select(p => (p.Fraction, Group: p.Groups.FirstOrDefault(g => g.Attribute == key.Attribute && g.Group == key.Group))).ToArray();
            var more = series.Where(s => s.Group is { } g && GroupFlagRates.SignificantlyMore(g)).Select(s => s.Fraction).ToArray();
            var adverse = series.Where(s => s.Group?.AdverseImpact == true).Select(s => s.Fraction).ToArray();
            if (more.Length == 0 && adverse.Length == 0)
            {
                continue;
            }
            var robustness = Robustness(more.Length, points.Count);
            findings.Add(new CapacityFinding(key.Attribute, key.Group, more, adverse, robustness));
        }
        return new CapacitySweepResult(points, findings);
    }

    private static string Robustness(int hits, int cuts) => hits == 0 ? "none" : hits == cuts ? "every cut-off" : hits == 1 ? "one cut-off only" : "some cut-offs";
}
