using Audit.Data;
using Audit.Fairness;
using Audit.Results;

namespace Audit.Tests.Fairness;

/// <summary>
/// One disclosure policy and one reference rule: what the fairness analysis builds is what a later stage handed only the
/// section gets back, and the rules give the hand-checked answers.
/// </summary>
public sealed class DisclosurePolicyTests
{
    [Fact]
    public void TheMinimumCountsRowsOrWithFrequencyWeightsPeople()
    {
        Assert.True(DisclosurePolicy.Primary(10).IsBelowMinimum(9, 500));
        Assert.False(DisclosurePolicy.Primary(10).IsBelowMinimum(10, 0.5));
        Assert.False(DisclosurePolicy.Primary(10, frequencyWeights: true).IsBelowMinimum(2, 12));
        Assert.True(DisclosurePolicy.Primary(10, frequencyWeights: true).IsBelowMinimum(40, 9.5));
        // An empty cell reveals nobody: it is not "small" as a label cell or a denominator.
        Assert.False(DisclosurePolicy.Primary(10).IsSmall(0, 0));
        Assert.True(DisclosurePolicy.Primary(10).IsSmall(3, 3));
    }

    [Fact]
    public void HiddenGroupsAreKnownByTheirKeyAndByAttributeAndLevel()
    {
        var policy = DisclosurePolicy.Primary(5).With([GroupKey.Of(["sex"], ["F"])], [GroupKey.Of(["age"], ["65+"])]);
        Assert.True(policy.IsSuppressed(GroupKey.Of(["sex"], ["F"])));
        Assert.True(policy.IsHidden("sex", "F"));
        Assert.False(policy.IsHidden("age", "65+"));
        Assert.True(policy.IsLabelHidden("age", "65+"));
        Assert.True(policy.IsLabelHidden("sex", "F"));
        Assert.True(policy.IsWithheld("sex", "M", 4, 4));
        Assert.False(policy.IsWithheld("sex", "M", 5, 5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void ThePolicyOfTheSectionIsThePolicyTheAnalysisBuilt(int seed)
    {
        var random = new Random(seed);
        var rows = random.Next(120, 400);
        string[] Draw(string name, int levels) => Enumerable.Range(0, rows).Select(_ => $"{name}{(int)Math.Floor(levels * Math.Pow(random.NextDouble(), 2))}").ToArray();
        AttributeInput Input(string name, string[] v) => new(GroupAssignment.FromColumn(CategoricalColumn.FromValues(name, v.ToArray<string?>()), null), null, null);
        AttributeInput[] attributes = [Input("sex", Draw("s", 3)), Input("region", Draw("r", 4))];
        var decisions = Enumerable.Range(0, rows).Select(_ => (byte)(random.NextDouble() < 0.25 ? 1 : 0)).ToArray();
        var labels = Enumerable.Range(0, rows).Select(_ => (byte)random.Next(2)).ToArray();
        var options = new FairnessOptions { BootstrapReplicates = 0, Intersections = FairnessOptions.Pairs(2) };

        var outcome = FairnessAnalysis.Run(attributes, decisions, labels, [], options);
        var fromSection = DisclosurePolicy.Of(outcome.Section);
        var groups = outcome.Section.Attributes.Concat(outcome.Section.Intersections).SelectMany(a => a.Groups).Select(g => g.Group).ToArray();
        Assert.Contains(groups, g => outcome.Disclosure.IsSuppressed(g));
        foreach (var group in groups)
        {
            Assert.Equal(outcome.Disclosure.IsSuppressed(group), fromSection.IsSuppressed(group));
            Assert.Equal(outcome.Disclosure.IsLabelHidden(group), fromSection.IsLabelHidden(group));
        }
    }

    [Fact]
    public void TheReferenceIsTheNamedGroupElseTheLargestAndTheFirstOnATie()
    {
        IReadOnlyList<string>[] groups = [["F", "young"], ["F", "old"], ["M", "young"], ["M", "old"]];
        Assert.Equal((2, ReferenceGroup.Explicit), ReferenceGroup.Among(groups, [5, 9, 3, 9], ["M", "young"]));
        // A combination named on one attribute only, or one that is not listed: the largest cell, the first of the two 9s.
        Assert.Equal((1, ReferenceGroup.Largest), ReferenceGroup.Among(groups, [5, 9, 3, 9], ["M", null]));
        Assert.Equal((1, ReferenceGroup.Largest), ReferenceGroup.Among(groups, [5, 9, 3, 9], ["X", "young"]));
        Assert.Equal(3, ReferenceGroup.LargestOf([1, 2.5, 2.5, 2.6]));
    }
}
