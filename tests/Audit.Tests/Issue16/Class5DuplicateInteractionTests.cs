using Audit.Models;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 5: two interactions of one name were accepted; explanations, reports and tables name a term by its
/// name, so the two were merged or one overwritten without a word. A model spec now refuses a repeated interaction name,
/// given or made from the conditions, and an interaction named like a feature.
/// </summary>
public sealed class Issue16Class5DuplicateInteractionTests
{
    private const string Spec = """
        name: m
        kind: linear
        adverse: high
        features:
          - { name: aah, type: boolean, weight: 1 }
          - { name: emploi, type: boolean, weight: 1 }
          - { name: situation, type: categorical, weights: { seul: 1, couple: 0 } }
        interactions:

        """;

    [Theory]
    [InlineData("  - { name: twice, when: { aah: true, emploi: true }, weight: 1 }\n  - { name: twice, when: { aah: false, emploi: true }, weight: 2 }\n", "interactions[1].name")]
    [InlineData("  - { when: { aah: true, emploi: true }, weight: 1 }\n  - { when: { aah: true, emploi: true }, weight: 2 }\n", "interactions[1].when")]
    [InlineData("  - { name: aah, when: { aah: true, situation: seul }, weight: 1 }\n", "interactions[0].name")]
    public void ARepeatedInteractionNameIsAnInputErrorAtItsKey(string interactions, string keyPath)
    {
        var error = Assert.Throws<AuditInputException>(() => LinearModelSpec.Parse(Spec + interactions, "model.yaml"));
        Assert.Equal("model.yaml", error.File);
        Assert.Equal(keyPath, error.KeyPath);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void DistinctNamesAreAccepted()
    {
        var model = LinearModelSpec.Parse(Spec + "  - { name: one, when: { aah: true, emploi: true }, weight: 1 }\n  - { when: { aah: false, situation: seul }, weight: 2 }\n", "model.yaml");
        Assert.Equal(["aah", "emploi", "situation", "one", "aah=false & situation=seul"], model.TermNames);
    }
}
