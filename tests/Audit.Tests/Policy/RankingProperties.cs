using Audit.Models;
using Audit.Policy;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Audit.Tests.Policy;

public sealed class RankingProperties
{
    /// <summary>
    /// The budget policy flags exactly the first k rows of the stable order (most adverse score first, then
    /// row order), computed here with LINQ's stable OrderBy/ThenBy, for scores with many ties.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property BudgetFlagsTheFirstRowsOfTheStableOrder(PositiveInt seed, PositiveInt size, NonNegativeInt budget, bool highIsAdverse)
    {
        var n = size.Get % 400 + 1;
        var random = new Random(seed.Get);
        var scores = Enumerable.Range(0, n).Select(_ => random.Next(0, 12) / 4.0).ToArray();
        var k = budget.Get % (n + 2);
        var adverse = highIsAdverse ? AdverseTail.High : AdverseTail.Low;

        var outcome = new BudgetPolicy(k).Decide(scores, adverse);

        var expected = new byte[n];
        var ranked = highIsAdverse
            ? Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ThenBy(i => i)
            : Enumerable.Range(0, n).OrderBy(i => scores[i]).ThenBy(i => i);
        foreach (var i in ranked.Take(k))
        {
            expected[i] = 1;
        }
        return (outcome.Flags.SequenceEqual(expected) && outcome.Flagged == Math.Min(k, n)).ToProperty();
    }
}
