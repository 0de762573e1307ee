using Audit.Data;
using Audit.Models;
using Audit.Recourse;
using Audit.Tests.Cli;

namespace Audit.Tests.Recourse;

/// <summary>
/// Issue 15, defect 4: a change of exactly <c>max_change</c> was refused because 42.2 − 27.2 is 15.000000000000004 in
/// binary. Bounds are compared with a tolerance relative to the values' scale (docs/recourse.md); the oracle here is
/// exact decimal arithmetic. The solver-level check on random models is in <see cref="Issue15Defect3RecourseCrossingTests"/>
/// (half its max_change bounds are exact decimal distances).
/// </summary>
public sealed class Issue15Defect4MaxChangeBoundTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("0.1")]
    public void AChangeOfExactlyMaxChangeIsNotRefusedByRounding(string? step)
    {
        var plan = OneInputPlan.Write(folder, "5 10 15 20 25 27.2 30 35 40 42.2 45 50", step);
        var outcome = CliRunner.Run("recourse", plan, "--person", "10");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Cheapest change (proven cheapest", outcome.Out);
        var to = OneInputPlan.NewValue(outcome.Out, "x", "42.2");
        // Anything from 27.2 (a change of exactly 15) up to just below 27.25 unflags at the same cost, Q(42.2) − Q(27.2) = 4/12.
        Assert.InRange(to, 27.2 - 1e-9, 27.25 - 1e-9);
        Assert.Contains("cost 0.333", outcome.Out);
        if (step is not null)
        {
            Assert.Equal(27.2, to, 9);
        }
    }

    [Fact]
    public void MovesOfExactlyMaxChangeOrToTheRangesEndsAreAllowedAsDecimalArithmeticSays()
    {
        // Random one-decimal and two-decimal values: a move of exactly max_change (in decimals) is allowed, one a
        // hundredth longer is not; a move to exactly the range's end is allowed, a hundredth beyond it is not.
        var random = new Random(15_004);
        for (var c = 0; c < 400; c++)
        {
            var digits = random.Next(1, 3);
            decimal Value(double span) => Math.Round((decimal)(random.NextDouble() * span), digits);
            var from = Value(1000) + 1;
            var reach = Value(100) + 0.5m;
            var decrease = random.Next(2) == 0;
            var to = decrease ? from - reach : from + reach;
            var (min, max) = decrease ? (to - Value(10), from + 1) : (from - 1, to + Value(10));
            if (random.Next(3) == 0)
            {
                // The range's end is the exact bound.
                (min, max) = decrease ? (to, max) : (min, to);
            }
            var actions = Actions([(double)from, (double)min, (double)max, 0.5], new FeatureRuleOverride("x", 1, "recourse.features.x")
            {
                Actionability = Actionability.Free,
                MaxChange = (double)reach,
                Min = (double)min,
                Max = (double)max,
            });
            Assert.True(actions.Allows(0, (double)from, (double)to), $"{from} -> {to} with max_change {reach} in [{min}, {max}] refused");
            var beyond = decrease ? to - 0.01m : to + 0.01m;
            Assert.False(actions.Allows(0, (double)from, (double)beyond), $"{from} -> {beyond} with max_change {reach} allowed");
        }
    }

    [Fact]
    public void TheIssuesCaseIsAllowed()
    {
        var actions = Actions([5, 27.2, 42.2, 50], new FeatureRuleOverride("x", 1, "recourse.features.x") { Actionability = Actionability.DecreaseOnly, MaxChange = 15 });
        Assert.True(actions.Allows(0, 42.2, 27.2));
        Assert.False(actions.Allows(0, 42.2, 27.1));
    }

    private static ActionabilityModel Actions(double[] xs, FeatureRuleOverride rule)
    {
        var model = new LinearModel("m", false, AdverseTail.High, 0,
            [new LinearTerm("x", ColumnType.Numeric, Coefficient.Of(1), new Dictionary<string, Coefficient>(), null, null)]);
        return ActionabilityModel.Build(model, new Table([new NumericColumn("x", xs)]), new RecourseOptions { Features = [rule] });
    }
}
