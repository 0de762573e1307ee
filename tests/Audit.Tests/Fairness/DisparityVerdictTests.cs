using Audit.Data;
using Audit.Fairness;
using Audit.Reporting.Text;
using Audit.Results;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.Distributions;

namespace Audit.Tests.Fairness;

/// <summary>
/// Issue 18, item 1: the verdict of CONTRACTS.md ("Verdict"), each part checked by another route: Katz's interval at
/// 1 − α/m from its formula on hand counts, m from a hand count of the comparisons, the exact interval of a zero or
/// infinite ratio by a brute-force scan of exact binomial tails, the headline of a planted infinite ratio, and the
/// direction rule as a property.
/// </summary>
public sealed class DisparityVerdictTests
{
    /// <summary>
    /// Two attributes over 350 people: g with R (reference, 200 rows, 20 flagged), A (100, 30 flagged) and B (50, 5
    /// flagged); h with P (reference, 250 rows) and Q (100 rows). The flag rate's comparisons, counted by hand: A v R,
    /// B v R, Q v P: m = 3, level 1 − 0.05 / 3.
    /// </summary>
    private static (FairnessSection Section, int[] Flagged) TwoAttributes()
    {
        var g = new List<string?>();
        var h = new List<string?>();
        var decisions = new List<byte>();
        void Add(string group, int rows, int flagged, int inQ)
        {
            for (var i = 0; i < rows; i++)
            {
                g.Add(group);
                h.Add(i < inQ ? "Q" : "P");
                decisions.Add((byte)(i < flagged ? 1 : 0));
            }
        }
        Add("R", 200, 20, 40);
        Add("A", 100, 30, 40);
        Add("B", 50, 5, 20);
        var inputs = new[]
        {
            new AttributeInput(GroupAssignment.FromColumn(CategoricalColumn.FromValues("g", g), null), null, "R"),
            new AttributeInput(GroupAssignment.FromColumn(CategoricalColumn.FromValues("h", h), null), null, "P"),
        };
        return (FairnessAnalysis.Analyze(inputs, [.. decisions], [], [], new FairnessOptions { BootstrapReplicates = 0 }), []);
    }

    [Fact]
    public void KatzAtTheSimultaneousLevelEqualsItsFormulaAndMCountsTheHolmFamily()
    {
        var (section, _) = TwoAttributes();
        var a = section.Attributes[0].Groups.Single(x => x.Group.Label == "A");
        var verdict = a.Disparities[MetricKeys.SelectionRate].Verdict!;
        Assert.Equal(3, verdict.Comparisons);
        // The Holm family: every flag-rate comparison with a p-value.
        Assert.Equal(3, section.Attributes.Sum(x => x.Groups.Count(y => y.FlagRateDifference.P is not null)));
        var level = 1 - 0.05 / 3;
        Assert.Equal(level, verdict.Level, 12);
        // Katz: RR × exp(± z √(1/x1 − 1/n1 + 1/x2 − 1/n2)), z = Φ⁻¹(1 − α/(2m)); A: 30 of 100 against R: 20 of 200.
        var z = Normal.InvCDF(0, 1, 1 - 0.05 / 6);
        var se = Math.Sqrt(1.0 / 30 - 1.0 / 100 + 1.0 / 20 - 1.0 / 200);
        Assert.Equal(3.0, verdict.Ratio!.Value, 12);
        Assert.Equal(3.0 * Math.Exp(-z * se), verdict.Low!.Value, 10);
        Assert.Equal(3.0 * Math.Exp(z * se), verdict.High!.Value, 10);
        Assert.Equal(Verdict.Katz, verdict.Method);
        Assert.Equal(Verdict.Against, verdict.Direction); // 1.70 > 1.25
        // B: 5 of 50, the reference's rate: not established. The reference has no verdict.
        Assert.Equal(Verdict.NotEstablished, section.Attributes[0].Groups.Single(x => x.Group.Label == "B").Disparities[MetricKeys.SelectionRate].Verdict!.Direction);
        Assert.Null(section.Attributes[0].Groups.Single(x => x.Group.Label == "R").Disparities[MetricKeys.SelectionRate].Verdict);
    }

    /// <summary>P(X ≥ x) and P(X ≤ x) for X ~ Binomial(n, p), summed term by term.</summary>
    private static (double AtLeast, double AtMost) Tails(int x, int n, double p)
    {
        double atLeast = 0, atMost = 0;
        for (var k = 0; k <= n; k++)
        {
            var term = Math.Exp(SpecialFunctions.LogChoose(n, k) + (k == 0 ? 0 : k * Math.Log(p)) + (n - k == 0 ? 0 : (n - k) * Math.Log(1 - p)));
            if (p == 0)
            {
                term = k == 0 ? 1 : 0;
            }
            else if (p == 1)
            {
                term = k == n ? 1 : 0;
            }
            atLeast += k >= x ? term : 0;
            atMost += k <= x ? term : 0;
        }
        return (atLeast, atMost);
    }

    private static class SpecialFunctions
    {
        public static double LogChoose(int n, int k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

        private static double LogFactorial(int n) => Enumerable.Range(1, n).Sum(i => Math.Log(i));
    }

    /// <summary>
    /// The exact lower bound of an infinite ratio (x2 = 0), found by brute force: ρ is kept when some p2 = c on a fine
    /// grid passes the lower-tail exact test of the reference (P(X2 ≤ x2) &gt; a) and p1 = ρc passes the upper-tail test of
    /// the group (P(X1 ≥ x1) &gt; a), with a = 1 − √(1 − α'/2), tails by enumeration; the smallest ρ kept is the bound.
    /// Likewise the upper bound of a zero ratio (x1 = 0).
    /// </summary>
    [Theory]
    [InlineData(5, 5, 0, 8, 0.95)]
    [InlineData(3, 6, 0, 10, 0.99)]
    [InlineData(0, 6, 3, 7, 0.95)]
    [InlineData(0, 9, 1, 4, 0.975)]
    public void TheExactIntervalOfAZeroOrInfiniteRatioIsTheBruteForceInversion(int x1, int n1, int x2, int n2, double level)
    {
        var a = 1 - Math.Sqrt(1 - (1 - level) / 2);
        var verdict = DisparityVerdict.FromCounts(x1, n1, x2, n2, 1 - (1 - level), 1, 0.8, swap: false);
        Assert.Equal(Verdict.Exact, verdict.Method);
        // p2 on a log-spaced grid from 10⁻⁶ to 1 (0.23 % steps), fine enough near small bounds.
        var grid = Enumerable.Range(0, 6001).Select(i => Math.Exp(Math.Log(1e-6) * (1 - i / 6000.0))).ToArray();
        bool PassesLower(double rho) => grid.Any(c => rho * c <= 1 && Tails(x1, n1, rho * c).AtLeast > a && Tails(x2, n2, c).AtMost > a);
        bool PassesUpper(double rho) => grid.Any(c => rho * c <= 1 && Tails(x1, n1, rho * c).AtMost > a && Tails(x2, n2, c).AtLeast > a);
        if (x2 == 0)
        {
            Assert.True(verdict.Infinite);
            Assert.Null(verdict.High);
            var low = verdict.Low!.Value;
            // Just above the bound a pair passes both tests; clearly below it none does.
            Assert.True(PassesLower(low * 1.01), $"{low * 1.01} rejected");
            Assert.False(PassesLower(low * 0.97), $"{low * 0.97} kept");
        }
        else
        {
            Assert.Equal(0, verdict.Low);
            var high = verdict.High!.Value;
            Assert.True(PassesUpper(high * 0.99), $"{high * 0.99} rejected");
            Assert.False(PassesUpper(high * 1.03), $"{high * 1.03} kept");
        }
    }

    /// <summary>
    /// The bound holds: over every table of two small groups, the exact interval's coverage of the true ratio is at
    /// least the level, by exact enumeration of the tables' probabilities (Katz where both have cases, exact otherwise,
    /// as the verdict does), at true rates where zero counts are likely.
    /// </summary>
    [Theory]
    [InlineData(0.05, 0.02, 12, 15)]
    [InlineData(0.9, 0.1, 6, 8)]
    public void TheExactBoundsCoverTheTrueRatioOnTheirTables(double p1, double p2, int n1, int n2)
    {
        const double level = 0.95;
        var covered = 0.0;
        var exactMass = 0.0;
        for (var x1 = 0; x1 <= n1; x1++)
        {
            for (var x2 = 0; x2 <= n2; x2++)
            {
                if (x1 > 0 && x2 > 0)
                {
                    continue;
                }
                var probability = Math.Exp(SpecialFunctions.LogChoose(n1, x1) + x1 * Math.Log(p1) + (n1 - x1) * Math.Log(1 - p1)
                    + SpecialFunctions.LogChoose(n2, x2) + x2 * Math.Log(p2) + (n2 - x2) * Math.Log(1 - p2));
                var (low, high) = DisparityVerdict.ExactBounds(x1, n1, x2, n2, level);
                exactMass += probability;
                covered += low <= p1 / p2 && (high is null || p1 / p2 <= high) ? probability : 0;
            }
        }
        // Conditional on a zero table, the exact interval misses at most α of the whole probability.
        Assert.True(exactMass - covered <= 1 - level, $"misses {exactMass - covered} of {exactMass}");
    }

    /// <summary>
    /// The issue's case: all 26 of a group flagged, none of the 412 of the reference; and an attribute whose groups are
    /// flagged alike (p = 1.000). The infinite ratio leads the headlines with its sentence; the p = 1 comparison never
    /// makes them.
    /// </summary>
    [Fact]
    public void APlantedInfiniteRatioLeadsTheHeadlinesAndAPOfOneNeverMakesThem()
    {
        var origin = new List<string?>();
        var sex = new List<string?>();
        var decisions = new List<byte>();
        for (var i = 0; i < 438; i++)
        {
            origin.Add(i < 26 ? "non-European" : "European");
            sex.Add(i % 2 == 0 ? "F" : "M");
            decisions.Add((byte)(i < 26 ? 1 : 0));
        }
        var inputs = new[]
        {
            new AttributeInput(GroupAssignment.FromColumn(CategoricalColumn.FromValues("origin", origin), null), null, "European"),
            new AttributeInput(GroupAssignment.FromColumn(CategoricalColumn.FromValues("sex", sex), null), null, "M"),
        };
        var section = FairnessAnalysis.Analyze(inputs, [.. decisions], [], [], new FairnessOptions { BootstrapReplicates = 0 });
        var f = section.Attributes[1].Groups.Single(g => g.Group.Label == "F");
        Assert.Equal(1.0, f.FlagRateDifference.PAdjusted!.Value, 3);
        var first = section.Findings[0];
        Assert.Equal("origin", first.Attribute);
        Assert.Equal("non-European", first.Group.Label);
        Assert.True(first.Verdict!.Infinite);
        Assert.Equal(Verdict.Against, first.Verdict.Direction);
        Assert.StartsWith("Disparity against origin = non-European: all 26 people of origin = non-European are flagged; none of the 412 people of origin = European is flagged. "
            + $"The ratio is infinite: at least {first.Verdict.Low!.Value:F2} (simultaneous 97.50 % interval).", FindingText.Plain(first, ReportLanguage.English));
        Assert.DoesNotContain(section.Findings, x => x.Attribute == "sex");
        Assert.All(section.Findings, x => Assert.True(x.P is null or < 0.05, $"{x.Attribute} = {x.Group.Label}: p {x.P}"));
    }

    /// <summary>An attribute with more levels than the display threshold is grouped: its top three and a count of the rest.</summary>
    [Fact]
    public void AnAttributeWithManyLevelsIsGroupedInTheHeadlines()
    {
        var population = new TestPopulation().Add("R", 400, 1, 0).Add("R", 3600, 0, 0);
        for (var i = 0; i < 24; i++)
        {
            population.Add($"L{i:D2}", 40 + i, 1, 0).Add($"L{i:D2}", 60, 0, 0);
        }
        var section = FairnessAnalysis.Analyze([new AttributeInput(population.Groups, null, "R")], population.Decisions, [], [],
            new FairnessOptions { BootstrapReplicates = 0, DisplayLevels = 20 });
        var established = section.Attributes[0].Groups.Count(g => g.Disparities[MetricKeys.SelectionRate].Verdict is { Established: true });
        Assert.Equal(24, established);
        var listed = section.Findings.Where(x => x.Kind == Finding.Disparity).ToArray();
        Assert.Equal(FairnessFindings.TopOfManyLevels, listed.Length);
        // The most established first: the highest flag rates (L23, L22, L21).
        Assert.Equal(["L23", "L22", "L21"], listed.Select(x => x.Group.Label));
        var warning = Assert.Single(section.Findings, x => x.Kind == Finding.ManyLevels);
        Assert.Equal(25, warning.Levels);
        Assert.Equal(24 - FairnessFindings.TopOfManyLevels, warning.Others);
        Assert.Contains("25 levels", FindingText.Plain(warning, ReportLanguage.English));
    }

    /// <summary>With labels, the false positive and false negative rates get verdicts, the latter's directions swapped.</summary>
    [Fact]
    public void ErrorRatesGetVerdictsAndTheFalseNegativeRateSwapsDirections()
    {
        // Label 0: R 20 of 200 flagged, A 80 of 200 (FPR 0.1 against 0.4). Label 1: R 150 of 200 flagged, A 190 of 200 (FNR 0.25 against 0.05).
        var population = new TestPopulation()
            .Add("R", 20, 1, 0).Add("R", 180, 0, 0).Add("R", 150, 1, 1).Add("R", 50, 0, 1)
            .Add("A", 80, 1, 0).Add("A", 120, 0, 0).Add("A", 190, 1, 1).Add("A", 10, 0, 1);
        var section = FairnessAnalysis.Analyze([new AttributeInput(population.Groups, null, "R")], population.Decisions, population.Labels, [], new FairnessOptions { BootstrapReplicates = 0 });
        var a = section.Attributes[0].Groups.Single(g => g.Group.Label == "A");
        Assert.Equal(Verdict.Against, a.Disparities[MetricKeys.FalsePositiveRate].Verdict!.Direction); // 4.0
        var fnr = a.Disparities[MetricKeys.FalseNegativeRate].Verdict!;
        Assert.Equal(0.2, fnr.Ratio!.Value, 12);
        Assert.Equal(Verdict.Against, fnr.Direction); // missed less often: the flag weighs on the group
        Assert.Contains(section.Findings, x => x.Metric == MetricKeys.FalsePositiveRate && x.Group.Label == "A");
        Assert.Contains(section.Findings, x => x.Metric == MetricKeys.FalseNegativeRate && x.Group.Label == "A");
    }

    /// <summary>With sampling weights, the interval is the bootstrap's at the simultaneous level, and says how many replicates lie beyond each bound.</summary>
    [Fact]
    public void SamplingWeightsGiveABootstrapVerdictThatCountsItsTailReplicates()
    {
        var population = new TestPopulation().Add("R", 40, 1, 0).Add("R", 360, 0, 0).Add("A", 120, 1, 0).Add("A", 280, 0, 0).Add("B", 40, 1, 0).Add("B", 360, 0, 0);
        var weights = Enumerable.Range(0, 1200).Select(i => 1.0 + i % 3).ToArray();
        var section = FairnessAnalysis.Analyze([new AttributeInput(population.Groups, null, "R")], population.Decisions, [], weights, new FairnessOptions { BootstrapReplicates = 200 });
        var verdict = section.Attributes[0].Groups.Single(g => g.Group.Label == "A").Disparities[MetricKeys.SelectionRate].Verdict!;
        Assert.Equal(Verdict.Bootstrap, verdict.Method);
        Assert.Equal(2, verdict.Comparisons);
        Assert.Equal(200 * 0.05 / 2 / 2, verdict.TailReplicates!.Value, 9);
        Assert.Equal(Verdict.Against, verdict.Direction);
        Assert.True(verdict.Low <= verdict.Ratio && verdict.Ratio <= verdict.High);
    }

    /// <summary>
    /// The direction rule as a property: never against when the interval reaches 1/τ or below, never in favour when it
    /// reaches τ or above; the false negative rate's the mirror; established only when the interval lies wholly outside.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property TheDirectionFollowsTheWholeIntervalOnly(PositiveInt x1, PositiveInt n1, PositiveInt x2, PositiveInt n2, PositiveInt m, bool swap)
    {
        var size1 = n1.Get % 300 + 1;
        var size2 = n2.Get % 300 + 1;
        var cases1 = x1.Get % (size1 + 1);
        var cases2 = x2.Get % (size2 + 1);
        var tolerance = 0.5 + (m.Get % 50) / 100.0;
        var v = DisparityVerdict.FromCounts(cases1, size1, cases2, size2, 0.95, m.Get % 40 + 1, tolerance, swap);
        var above = v.Low is { } lo && lo > 1 / tolerance;
        var below = v.High is { } hi && hi < tolerance;
        var adverse = swap ? below : above;
        var favourable = swap ? above : below;
        var ok = v.Direction switch
        {
            Verdict.Against => adverse,
            Verdict.InFavour => favourable,
            _ => !above && !below || v.Low is { } l && Math.Abs(l * tolerance - 1) < 1e-8 || v.High is { } h && Math.Abs(h / tolerance - 1) < 1e-8,
        };
        var inside = v.Low is not { } low || v.Ratio is not { } r || low <= r * (1 + 1e-12);
        return (ok && inside).Label($"{cases1}/{size1} v {cases2}/{size2}, τ {tolerance}: {v}");
    }
}
