using Audit.Data;
using Audit.Models;

namespace Audit.Tests.Models;

/// <summary>
/// A spec offers <see cref="IInputRemoval"/> (what the drop-one design asks for): without an input, its term and every
/// interaction reading it contribute 0. Points = 1 + 2·a + 5·b + 3·(a and b), checked by hand on the four rows.
/// </summary>
public sealed class InputRemovalTests
{
    private static readonly LinearModel Spec = LinearModelSpec.Parse("""
        name: two flags
        kind: linear
        adverse: high
        intercept: 1
        features:
          - { name: a, type: boolean, weight: 2 }
          - { name: b, type: boolean, weight: 5 }
        interactions:
          - { name: both, when: { a: true, b: true }, weight: 3 }
        """, "two.yaml");

    private static readonly Table Rows = new([
        new BooleanColumn("a", [0, 1, 0, 1]),
        new BooleanColumn("b", [0, 0, 1, 1]),
    ]);

    [Fact]
    public void EveryFeatureCanBeRemovedInTheSpecsOrder() =>
        Assert.Equal(["a", "b"], ((IInputRemoval)Spec).RemovableInputs);

    [Fact]
    public void WithoutAnInputItsTermAndItsInteractionsAddNothing()
    {
        Assert.Equal([1.0, 3, 6, 11], Spec.Score(Rows));
        var withoutA = ((IInputRemoval)Spec).Without("a");
        Assert.Equal([1.0, 1, 6, 6], withoutA.Score(Rows));
        Assert.Equal("two flags without a", withoutA.Name);
        Assert.Equal([1.0, 3, 1, 3], ((IInputRemoval)Spec).Without("b").Score(Rows));
    }
}
