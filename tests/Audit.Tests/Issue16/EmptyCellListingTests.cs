using Audit.Fairness;
using Audit.Results;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 2: the listing of an intersection's cells must not tell a hidden cell from an empty one. A planted
/// group of 1 to 9 people, all in one age band, is listed in every band that occurs, every one suppressed, and the
/// listing is the same whichever band the group is in (the oracle: the same audit with the group moved).
/// </summary>
public sealed class EmptyCellListingTests
{
    private static readonly string[] Nationalities = ["FR", "EU", "XX"];
    private static readonly string[] Bands = ["<25", "25-34", "35-49", "50+"];

    private static FairnessSection Analyze(int planted, int band, int seed)
    {
        var random = new Random(seed);
        var n = 600 + planted;
        var nat = new int[n];
        var age = new int[n];
        var flags = new byte[n];
        for (var i = 0; i < n; i++)
        {
            nat[i] = i >= 600 ? 2 : random.Next(2);
            age[i] = i >= 600 ? band : random.Next(Bands.Length);
            flags[i] = (byte)(random.NextDouble() < 0.2 ? 1 : 0);
        }
        var attributes = new[]
        {
            new AttributeInput(new GroupAssignment("nat", nat, Nationalities), null, "FR"),
            new AttributeInput(new GroupAssignment("age", age, Bands), null, null),
        };
        return FairnessAnalysis.Analyze(attributes, flags, [], [], new FairnessOptions { MinCellSize = 10, BootstrapReplicates = 0, Intersections = [[0, 1]] });
    }

    private static IEnumerable<(string Key, bool Suppressed)> Listing(FairnessSection result) =>
        result.Intersections.Single().Groups.Select(g => (g.Group.Label, g.Count.Suppressed == true));

    [Fact]
    public void AHiddenGroupIsListedInEveryBandWhicheverBandItIsIn()
    {
        for (var planted = 1; planted < 10; planted++)
        {
            var listings = Enumerable.Range(0, Bands.Length).Select(band => Listing(Analyze(planted, band, 16_20 + planted)).ToArray()).ToArray();
            var xx = listings[0].Where(c => c.Key.Contains("XX", StringComparison.Ordinal)).ToArray();
            Assert.Equal(Bands.Length, xx.Length);
            Assert.All(xx, c => Assert.True(c.Suppressed, $"{c.Key} is shown"));
            foreach (var other in listings.Skip(1))
            {
                Assert.Equal(listings[0].Select(c => c.Key), other.Select(c => c.Key));
                Assert.Equal(xx, other.Where(c => c.Key.Contains("XX", StringComparison.Ordinal)));
            }
        }
    }
}
