using Audit.Data;
using Audit.Plan;
using Audit.Results;
using Audit.Synthetic;
using Audit.Tests.Cli;
using Audit.Tests.Recourse;

namespace Audit.Tests.Plan;

/// <summary>
/// The two shipped platform-rating plans (datasets/plans/platform-rating-deactivation*.yaml): the biased run and its
/// zero-bias twin, each checked against flags, group means and future ratings recomputed from the generated counts
/// in exact integer arithmetic (a driver is at risk when 5 × stars &lt; 23 × ratings, i.e. average &lt; 4.6).
/// </summary>
public sealed class PlatformRatingPlanTests
{
    private const int Rows = 20_000;

    private static string Plans(string name) => Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", name);

    private static string Populations(string name) => Path.Combine(SharedData.RepositoryRoot, "datasets", "populations", name);

    /// <summary>The twin populations differ only in the stated bias (and their header, name and description).</summary>
    [Fact]
    public void ZeroBiasTwinDiffersOnlyInTheStatedBias()
    {
        static string[] Variables(string file)
        {
            var lines = File.ReadAllLines(Populations(file));
            return lines[Array.IndexOf(lines, "variables:")..];
        }
        var (biased, zero) = (Variables("platform-drivers.yaml"), Variables("platform-drivers-no-bias.yaml"));
        Assert.Equal(biased.Length, zero.Length);
        var different = Enumerable.Range(0, biased.Length).Where(i => biased[i] != zero[i]).ToArray();
        var line = Assert.Single(different);
        Assert.Contains("when: { origin: minority }, distribution: constant, value: 0.10", biased[line]);
        Assert.Contains("when: { origin: minority }, distribution: constant, value: 0,", zero[line]);
    }

    private sealed record Exact(long[] Flagged, long[] Ties, long[] People, double[] MeanRating, double[] MeanFutureRatings, double[] MeanFutureRatingsWithTies);

    /// <summary>Per origin group: drivers below 4.6 counted exactly, drivers exactly at 4.6, the pooled mean rating, and the mean number of future ratings by simulation.</summary>
    private static Exact Recount(Table table, string fourStar, string[] levels)
    {
        double Value(string column, int row) => ((NumericColumn)table[column])[row];
        var origin = (CategoricalColumn)table["origin"];
        int Group(int row) => Array.IndexOf(levels, origin.FormatValue(row));
        var (flagged, ties, people, stars, ratings) = (new long[2], new long[2], new long[2], new long[2], new long[2]);
        var n = new long[table.RowCount];
        var s = new long[table.RowCount];
        for (var i = 0; i < table.RowCount; i++)
        {
            n[i] = (long)Value("window", i);
            s[i] = 5 * n[i] - 4 * (long)Value("count_1_star", i) - 3 * (long)Value("count_2_star", i) - 2 * (long)Value("count_3_star", i) - (long)Value(fourStar, i);
            var g = Group(i);
            people[g]++;
            flagged[g] += 5 * s[i] < 23 * n[i] ? 1 : 0;
            ties[g] += 5 * s[i] == 23 * n[i] ? 1 : 0;
            stars[g] += s[i];
            ratings[g] += n[i];
        }
        var meanFuture = new double[2];
        var meanFutureWithTies = new double[2];
        for (var g = 0; g < 2; g++)
        {
            var needed = Enumerable.Range(0, table.RowCount).Where(i => Group(i) == g && 5 * s[i] < 23 * n[i])
                .Select(i => RatingDilutionTests.Simulate(n[i], s[i], stars[g], ratings[g], 46, 500)).ToArray();
            Assert.All(needed, k => Assert.NotNull(k));   // both groups' mean ratings are above 4.6 here
            meanFuture[g] = needed.Average(k => (double)k!.Value);
            // Drivers exactly at 4.6 need no future rating (the simulation says 0); flagged or not, they bound the mean.
            var tied = Enumerable.Range(0, table.RowCount).Count(i => Group(i) == g && 5 * s[i] == 23 * n[i]);
            meanFutureWithTies[g] = needed.Sum(k => (double)k!.Value) / (needed.Length + tied);
        }
        return new Exact(flagged, ties, people, [(double)stars[0] / ratings[0], (double)stars[1] / ratings[1]], meanFuture, meanFutureWithTies);
    }

    private static (AuditResult Result, Table Table) Run(string planFile)
    {
        var plan = TrustedPlans.Load(Plans(planFile));
        plan = plan with { Data = plan.Data with { Population = new PopulationSource(Rows, PopulationPlanData.DrawOf(plan).Seed) } };
        return (Auditor.Run(plan, "test"), SyntheticData.Generate(PopulationPlanData.DrawOf(plan)));
    }

    [Fact]
    public void BothShippedPlansRunAndTheDisparityIsWhatTheStatedBiasPutsThere()
    {
        string[] levels = ["majority", "minority"];
        var (biased, biasedTable) = Run("platform-rating-deactivation.yaml");
        var (zero, zeroTable) = Run("platform-rating-deactivation-no-bias.yaml");
        var withBias = Recount(biasedTable, "count_4_star", levels);
        var withoutBias = Recount(biasedTable, "unbiased_4_star", levels);
        var zeroRun = Recount(zeroTable, "count_4_star", levels);
        Assert.Equal(withoutBias.Flagged, zeroRun.Flagged);   // the twin draws the same drivers and ratings

        var rows = biased.Recourse!.RatingDilution!.Groups;
        var zeroRows = zero.Recourse!.RatingDilution!.Groups;
        Assert.Equal(levels, rows.Select(r => r.Group));
        for (var g = 0; g < 2; g++)
        {
            Assert.Equal(withBias.People[g], rows[g].People);
            // A driver exactly at 4.6 may be graded either side: the shares are doubles of count / window, and a window such
            // as 137 gives shares no decimal holds, so neither the double nor the exact-decimal rule sees the rational average.
            Assert.InRange(rows[g].FlagRate.Value!.Value * rows[g].People, withBias.Flagged[g] - 0.5, withBias.Flagged[g] + withBias.Ties[g] + 0.5);
            Assert.InRange(rows[g].FlagRateWithoutBias!.Value!.Value * rows[g].People, withoutBias.Flagged[g] - 0.5, withoutBias.Flagged[g] + withoutBias.Ties[g] + 0.5);
            Assert.InRange(zeroRows[g].FlagRate.Value!.Value * zeroRows[g].People, zeroRun.Flagged[g] - 0.5, zeroRun.Flagged[g] + zeroRun.Ties[g] + 0.5);
            Assert.Equal(withBias.MeanRating[g], rows[g].MeanRating!.Value, 1e-12);
            Assert.Equal(zeroRun.MeanRating[g], zeroRows[g].MeanRating!.Value, 1e-12);
            // The flagged drivers exactly at 4.6 (graded by the exact-decimal rule of the shares' round-trip values,
            // which for a window like 137 is not the rational average) need no future rating: the mean lies between the
            // mean over the drivers below 4.6 and the mean with every tied driver counted.
            Assert.InRange(rows[g].MeanFutureRatings.Value!.Value, withBias.MeanFutureRatingsWithTies[g] - 0.05, withBias.MeanFutureRatings[g] + 0.05);
        }
        Assert.Equal(0.0, rows[0].MeanBias);
        Assert.InRange(rows[1].MeanBias!.Value, 0.09, 0.11);   // round(0.10 × window) / window, about 0.10 star
        Assert.Equal(0.0, zeroRows[1].MeanBias);   // the twin states no bias
        // With the stated bias, minority drivers are flagged about twice as often; with it at zero, about as often.
        double Ratio(IReadOnlyList<RatingDilutionGroup> r) => r[1].FlagRate.Value!.Value / r[0].FlagRate.Value!.Value;
        Assert.InRange(Ratio(rows), 1.6, 2.6);
        Assert.InRange(Ratio(zeroRows), 0.85, 1.18);
        Assert.Equal((double)withoutBias.Flagged[1] / withoutBias.People[1], rows[1].FlagRateWithoutBias!.Value!.Value, 0.002);
    }
}
