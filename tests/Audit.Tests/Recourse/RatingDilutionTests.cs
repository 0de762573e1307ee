using Audit.Models;
using Audit.Recourse;
using Audit.Tests.Models;

namespace Audit.Tests.Recourse;

/// <summary>
/// Future ratings dilute past ones (docs/recourse.md): the number of future ratings that brings a window's average back
/// to a threshold, against a rating-by-rating simulation of the window in exact integer arithmetic, and hand-computed cases.
/// </summary>
public sealed class RatingDilutionTests
{
    /// <summary>
    /// The oracle: the window as a queue of ratings, the n old ones (worth a = S / n each) first; push one new rating
    /// (worth μ = P / Q) at a time, drop the oldest when more than W are held, and stop at the first k whose average is
    /// at least T = T10 / 10, compared exactly: 10 (old S Q / n + new P) ≥ T10 Q w, times n. Null when 2 W ratings do not do it.
    /// </summary>
    internal static long? Simulate(long n, long s, long p, long q, long t10, int window)
    {
        var queue = new Queue<bool>();   // true: an old rating
        long old = n, fresh = 0;
        for (var i = 0; i < n; i++)
        {
            queue.Enqueue(true);
        }
        bool Reached() => 10 * (old * s * q + fresh * p * n) >= t10 * q * (old + fresh) * n;
        if (Reached())
        {
            return 0;
        }
        for (var k = 1; k <= 2 * window; k++)
        {
            queue.Enqueue(false);
            fresh++;
            if (queue.Count > window)
            {
                if (queue.Dequeue())
                {
                    old--;
                }
                else
                {
                    fresh--;
                }
            }
            if (Reached())
            {
                return k;
            }
        }
        return null;
    }

    [Fact]
    public void FutureRatingsEqualTheRatingByRatingSimulationOnRandomWindows()
    {
        var random = new Random(19_06);
        var checkedNever = 0;
        for (var trial = 0; trial < 400; trial++)
        {
            var window = trial % 4 == 0 ? random.Next(1, 60) : 500;
            var n = random.Next(1, window + 1);
            var s = random.Next((int)n, 5 * (int)n + 1);          // the sum of n ratings of 1 to 5 stars
            var q = random.Next(1, 101);
            var p = random.Next(3 * q, 5 * q + 1);                // μ from 3 to 5 stars
            var t10 = trial % 3 == 0 ? 40 : 46;                   // 4.0 (riders, Brazil / Australia / NZ 2018) or 4.6
            var expected = Simulate(n, s, p, q, t10, window);
            var found = RatingDilution.FutureRatings(n, (double)s / n, (double)p / q, t10 / 10.0, window);
            Assert.True(expected == found, $"n={n} S={s} μ={p}/{q} T={t10 / 10.0} W={window}: simulation {expected}, formula {found}");
            checkedNever += expected is null ? 1 : 0;
        }
        Assert.InRange(checkedNever, 10, 390);   // both answers, "never" and a number, were exercised
    }

    [Theory]
    // n + k stays within the window: (100 × 4.5 + 100 × 4.7) / 200 = 4.6 exactly.
    [InlineData(100, 4.5, 4.7, 100L)]
    // A full window: ((500 − 250) × 4.5 + 250 × 4.7) / 500 = 4.6.
    [InlineData(500, 4.5, 4.7, 250L)]
    // 400 ratings at 4.5, μ = 4.8: the window fills at k = 100 with (1800 + 480) / 500 = 4.56; then k = 167 gives
    // (333 × 4.5 + 167 × 4.8) / 500 = 4.6002, and k = 166 gives 4.5996.
    [InlineData(400, 4.5, 4.8, 167L)]
    // Bruno of the golden test: 500 ratings at 4.57, μ = 4.8: 66 gives (434 × 4.57 + 66 × 4.8) / 500 = 4.60036; 65 gives 4.5999.
    [InlineData(500, 4.57, 4.8, 66L)]
    // Already at the threshold: nothing to wait for.
    [InlineData(5, 4.6, 4.9, 0L)]
    // μ below the threshold: never.
    [InlineData(300, 4.5, 4.55, null)]
    public void HandComputedCases(long n, double a, double mu, long? expected) =>
        Assert.Equal(expected, RatingDilution.FutureRatings(n, a, mu, 4.6));

    /// <summary>Named drivers scored by the shipped spec: the average recomputed by hand from their counts, and the grade.</summary>
    [Fact]
    public void GoldenDriversAverageAndGradeAsCountedByHand()
    {
        var model = LinearModelSpec.Load(NamedPeople.Spec("platform-rating-deactivation.yaml"), "platform-rating-deactivation.yaml");
        static Dictionary<string, object> Driver(double n, int one, int two, int three, int four) => new()
        {
            ["share_1_star"] = one / n, ["share_2_star"] = two / n, ["share_3_star"] = three / n, ["share_4_star"] = four / n,
        };
        var drivers = NamedPeople.Of(
            // Amina: 200 ratings, 4 at 1 star, 2 at 2, 10 at 3, 30 at 4, 154 at 5: (4 + 4 + 30 + 120 + 770) / 200 = 928 / 200 = 4.64.
            ("Amina", Driver(200, 4, 2, 10, 30)),
            // Bruno: 500 ratings, 15, 10, 25, 75 and 375 at 5: (15 + 20 + 75 + 300 + 1875) / 500 = 2285 / 500 = 4.57.
            ("Bruno", Driver(500, 15, 10, 25, 75)),
            // Chloé: 5 ratings, one at 3 stars: (3 + 20) / 5 = 4.6, exactly the threshold: not at risk.
            ("Chloé", Driver(5, 0, 0, 1, 0)),
            // Dmitri: 40 ratings, 2 at 1 star, 4 at 4: (2 + 16 + 170) / 40 = 188 / 40 = 4.7.
            ("Dmitri", Driver(40, 2, 0, 0, 4)));
        var averages = model.Score(drivers);
        Assert.Equal([4.64, 4.57, 4.6, 4.7], averages.Select(a => Math.Round(a, 12)));
        var grades = model.Grade(drivers, averages)!.Select(b => model.Grades!.Bands[b].Name).ToArray();
        Assert.Equal(["active", "deactivation risk", "active", "active"], grades);
    }
}
