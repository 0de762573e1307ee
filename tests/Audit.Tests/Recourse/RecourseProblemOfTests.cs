using Audit.Recourse;

namespace Audit.Tests.Recourse;

/// <summary>
/// Issue 21, second round: <see cref="RecourseProblem.Of"/> without LINQ (light keys sorted, BlockOptions only for the
/// Pareto front) against the LINQ computation it replaced, kept here as the oracle, on random blocks full of ties
/// (costs, reductions and change counts drawn from small sets, some options that do not help, NaN).
/// </summary>
public sealed class RecourseProblemOfTests
{
    private static List<BlockOption> ParetoByLinq(IEnumerable<(double[] Values, double Cost, double Reduction, int Changes)> options)
    {
        var scaled = options
            .Select(o => new BlockOption(o.Values, o.Cost, o.Reduction, RecourseProblem.CostUnitsOf(o.Cost),
                (long)Math.Floor(o.Reduction / RecourseProblem.ReductionResolution), o.Changes))
            .Where(o => o.ReductionUnits > 0)
            .OrderBy(o => o.CostUnits).ThenByDescending(o => o.ReductionUnits).ThenBy(o => o.Cost)
            .ToList();
        var pareto = new List<BlockOption>();
        foreach (var group in scaled.GroupBy(o => o.Changes).OrderBy(g => g.Key))
        {
            var front = new List<BlockOption>();
            foreach (var option in group)
            {
                if (front.Count == 0 || option.ReductionUnits > front[^1].ReductionUnits)
                {
                    if (front.Count > 0 && front[^1].CostUnits == option.CostUnits)
                    {
                        front[^1] = option;
                    }
                    else
                    {
                        front.Add(option);
                    }
                }
            }
            pareto.AddRange(front);
        }
        return pareto;
    }

    [Fact]
    public void SameParetoOptionsInTheSameOrderAsTheLinqComputation()
    {
        var random = new Random(2112);
        double[] costs = [0, 0.00001, 0.00004, 0.00005, 0.0001, 0.00012, 0.5, 0.50004, 1, double.NaN];
        double[] reductions = [-0.001, 0, 0.00005, 0.0001, 0.00019, 0.0002, 0.25, 0.25001, 1.5, double.NaN];
        var compared = 0;
        for (var trial = 0; trial < 2_000; trial++)
        {
            var blocks = new List<(int[] Features, IEnumerable<(double[] Values, double Cost, double Reduction, int Changes)> Options, ContinuousLever? Lever)>();
            var expected = new List<List<BlockOption>>();
            for (var b = 0; b < random.Next(1, 4); b++)
            {
                var options = new List<(double[] Values, double Cost, double Reduction, int Changes)>();
                for (var o = 0; o < random.Next(0, 40); o++)
                {
                    options.Add(([random.Next(100)], costs[random.Next(costs.Length)], reductions[random.Next(reductions.Length)], random.Next(1, 4)));
                }
                // As a list (AdditiveRecourse's case) and as a lazy sequence.
                blocks.Add(([b], trial % 2 == 0 ? options : options.Select(o => o), null));
                expected.Add(ParetoByLinq(options));
            }
            var problem = RecourseProblem.Of(blocks, 0.3);
            var kept = expected.Where(e => e.Count > 0).ToList();
            Assert.Equal(kept.Count, problem.Blocks.Count);
            for (var b = 0; b < kept.Count; b++)
            {
                var actual = problem.Blocks[b].Options;
                Assert.Equal(kept[b].Count, actual.Count);
                for (var i = 0; i < actual.Count; i++)
                {
                    // The same option object's data: its values array, and every field bit for bit.
                    Assert.Same(kept[b][i].Values, actual[i].Values);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(kept[b][i].Cost), BitConverter.DoubleToInt64Bits(actual[i].Cost));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(kept[b][i].Reduction), BitConverter.DoubleToInt64Bits(actual[i].Reduction));
                    Assert.Equal(kept[b][i].CostUnits, actual[i].CostUnits);
                    Assert.Equal(kept[b][i].ReductionUnits, actual[i].ReductionUnits);
                    Assert.Equal(kept[b][i].Changes, actual[i].Changes);
                    compared++;
                }
            }
        }
        Assert.True(compared > 5_000, $"only {compared} options compared");
    }
}
