using Audit.Designs;
using Audit.Fairness;

namespace Audit.Tests.Designs;

/// <summary>Composition shares hide small groups with a complement, so the published sample sizes do not give them back.</summary>
public sealed class CompositionSuppressionTests
{
    [Fact]
    public void ALoneSmallGroupGetsAComplementAndHiddenGroupsReachTheMinimumTogether()
    {
        // Groups a (100 + 100), b (40 + 40), c (3 + 3), d (30 + 30); 1 = reference sample, 2 = selected.
        int[] sizes = [100, 40, 3, 30];
        var codes = new List<int>();
        var set = new List<byte>();
        for (var g = 0; g < sizes.Length; g++)
        {
            for (var i = 0; i < 2 * sizes[g]; i++)
            {
                codes.Add(g);
                set.Add((byte)(i < sizes[g] ? 1 : 2));
            }
        }
        var groups = new GroupAssignment("x", [.. codes], ["a", "b", "c", "d"]);
        var result = CompositionAudit.Compare(groups, set.ToArray(), [], new FairnessOptions { MinCellSize = 10 });
        var hidden = result.Shares.Where(s => s.ReferenceShare.Suppressed == true).Select(s => s.Group).ToArray();
        // c alone would be 1 − the others' shares; d, the smallest shown group, is hidden with it.
        Assert.Equal(["c", "d"], hidden);
        Assert.All(result.Shares.Where(s => hidden.Contains(s.Group)), s => Assert.True(s.SelectedShare.Value is null && s.Difference.Value is null));
        Assert.All(result.Shares.Where(s => !hidden.Contains(s.Group)), s => Assert.NotNull(s.ReferenceShare.Value));
    }
}
