using Audit.Designs;
using Audit.Fairness;
using Audit.Plan;
using Audit.Reporting.Plots;
using Audit.Synthetic;

namespace Audit.Tests.Fairness;

/// <summary>
/// Issue 15, defect 8: one group, two verdicts. The four-fifths verdict (29 CFR 1607.4(D)) is against the fixed 0.8
/// everywhere (CONTRACTS.md); the plan's tolerance is only the band of the ratio to the reference group. The capacity
/// sweep used the tolerance, so with <c>tolerance: 0.9</c> the demo's <c>sexe = F</c> (ratio 0.8907) had adverse impact
/// in the sweep and none in the fairness section.
/// </summary>
public sealed class Issue15Defect8FourFifthsVerdictTests
{
    [Fact]
    public void WithTolerance09TheCapacitySweepAndTheFairnessSectionGiveEveryGroupTheSameVerdict()
    {
        using var dir = new TempDirectory();
        var plan = DemoPopulation.WriteFiles(dir.Path, 5000, DemoPopulation.DefaultSeed);
        File.AppendAllText(plan, "tolerance: 0.9\ndesigns:\n  capacity:\n    fractions: [0.1]\n");
        var result = Auditor.Run(AuditPlanLoader.Load(plan), "test");
        Assert.Equal(0.9, result.Fairness.Tolerance);
        // The demo flags the top 10 %: the sweep's one cut-off re-decides the same people.
        var point = Assert.Single(result.Designs!.Capacity!.Points);
        var compared = 0;
        var betweenBoundAndTolerance = 0;
        foreach (var attribute in result.Fairness.Attributes)
        {
            var band = FlagRatePlot.AdverseImpactThreshold(attribute);
            foreach (var g in attribute.Groups.Where(g => g.FourFifthsRatio.Value is not null))
            {
                var swept = point.Groups.Single(s => s.Attribute == attribute.Attribute && s.Group == g.Group.Label);
                var ratio = g.FourFifthsRatio.Value!.Value;
                Assert.Equal(ratio, swept.FourFifths.Value!.Value, 12);
                Assert.True(g.AdverseImpact == swept.AdverseImpact,
                    $"{attribute.Attribute} = {g.Group.Label}: four-fifths ratio {ratio}, fairness section says {g.AdverseImpact}, capacity sweep says {swept.AdverseImpact}");
                Assert.Equal(ratio < 0.8, g.AdverseImpact);
                // The plot's band starts where the verdict turns.
                var rate = g.Rates[GroupRate.SelectionRate.Key].Value!.Value;
                Assert.True(g.AdverseImpact == true ? rate > band!.Value - 1e-12 : rate < band!.Value + 1e-12, $"{attribute.Attribute} = {g.Group.Label}: flag rate {rate}, band from {band}");
                betweenBoundAndTolerance += ratio is >= 0.8 and < 0.9 ? 1 : 0;
                compared++;
            }
        }
        Assert.True(compared >= 10, $"only {compared} groups compared");
        // The reproduction's group (sexe = F, 0.8907) lies between the rule's 0.8 and the plan's 0.9.
        Assert.True(betweenBoundAndTolerance > 0, "no group's four-fifths ratio lies in [0.8, 0.9): the test would not tell the two thresholds apart");
    }

    /// <summary>
    /// Random groups (sizes 1 to 60, any number flagged) and a random plan tolerance: the fairness section, the designs'
    /// group flag rates (capacity sweep, flips, variants, partial models, time) and the plot's band give the verdict
    /// that exact rational arithmetic gives: (n − k) / n over (n* − k*) / n* below 4/5, where * is the least-flagged group.
    /// </summary>
    [Fact]
    public void EverySiteGivesTheExactFourFifthsVerdictOnRandomRates()
    {
        var random = new Random(815);
        var cases = 0;
        var atTheBoundary = 0;
        for (var c = 0; c < 250; c++)
        {
            var k = random.Next(2, 6);
            var sizes = Enumerable.Range(0, k).Select(_ => random.Next(1, 61)).ToArray();
            var flagged = sizes.Select(n => random.Next(0, n + 1)).ToArray();
            if (random.Next(2) == 0)
            {
                // One more group exactly at four fifths of the first one's share not flagged (where binary rounding used to
                // decide): 5 n rows of which 4 (n − f) are not flagged; it is flagged more, so the first stays the lower.
                var unflagged = sizes[0] - flagged[0];
                sizes = [.. sizes, 5 * sizes[0]];
                flagged = [.. flagged, 5 * sizes[0] - 4 * unflagged];
                k++;
            }
            var levels = Enumerable.Range(0, k).Select(g => "g" + g).ToArray();
            var codes = new List<int>();
            var decisions = new List<byte>();
            for (var g = 0; g < k; g++)
            {
                for (var i = 0; i < sizes[g]; i++)
                {
                    codes.Add(g);
                    decisions.Add((byte)(i < flagged[g] ? 1 : 0));
                }
            }
            var groups = new GroupAssignment("a", codes.ToArray(), levels);
            var tolerance = Math.Round(0.5 + 0.5 * random.NextDouble(), 3);
            var options = new FairnessOptions { MinCellSize = 1, BootstrapReplicates = 0, Tolerance = tolerance };

            // The oracle: the least-flagged group by exact comparison k/n < k'/n' ⇔ k n' < k' n.
            var least = 0;
            for (var g = 1; g < k; g++)
            {
                if ((long)flagged[g] * sizes[least] < (long)flagged[least] * sizes[g])
                {
                    least = g;
                }
            }
            bool? Expected(int g) => flagged[least] == sizes[least]
                ? null
                // (n − k) / n < 4/5 × (n* − k*) / n*  ⇔  5 (n − k) n* < 4 (n* − k*) n
                : 5L * (sizes[g] - flagged[g]) * sizes[least] < 4L * (sizes[least] - flagged[least]) * sizes[g];

            var section = FairnessAnalysis.Analyze([new AttributeInput(groups, null, null)], decisions.ToArray(), [], [], options);
            var attribute = Assert.Single(section.Attributes);
            var designs = GroupFlagRates.Compute(groups, 0, decisions.ToArray(), [], options);
            var band = FlagRatePlot.AdverseImpactThreshold(attribute);
            for (var g = 0; g < k; g++)
            {
                var expected = Expected(g);
                var fromSection = attribute.Groups[g];
                var fromDesigns = designs[g];
                var what = $"case {c}: sizes [{string.Join(", ", sizes)}], flagged [{string.Join(", ", flagged)}], tolerance {tolerance}, group {g}";
                Assert.True(expected == fromSection.AdverseImpact, $"{what}: the fairness section says {fromSection.AdverseImpact}, exact arithmetic {expected}");
                Assert.True(expected == fromDesigns.AdverseImpact, $"{what}: the designs say {fromDesigns.AdverseImpact}, exact arithmetic {expected}");
                if (expected is { } adverse)
                {
                    // The plot shades flag rates above the band's start: adverse groups lie in it, the others not (up to drawing resolution).
                    var rate = (double)flagged[g] / sizes[g];
                    Assert.True(adverse ? rate > band!.Value - 1e-12 : rate < band!.Value + 1e-12, $"{what}: flag rate {rate}, band from {band}");
                    atTheBoundary += 5L * (sizes[g] - flagged[g]) * sizes[least] == 4L * (sizes[least] - flagged[least]) * sizes[g] ? 1 : 0;
                }
                cases++;
            }
        }
        Assert.True(atTheBoundary >= 20, $"only {atTheBoundary} groups lie exactly at four fifths");
        TestContext.Current.SendDiagnosticMessage($"{cases} groups, {atTheBoundary} exactly at four fifths");
    }
}
