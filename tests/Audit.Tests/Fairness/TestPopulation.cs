using Audit.Data;
using Audit.Fairness;

namespace Audit.Tests.Fairness;

/// <summary>Builds small populations from blocks of identical people, for hand-checked fairness tests.</summary>
public sealed class TestPopulation
{
    private readonly List<string?> groups = [];
    private readonly List<byte> decisions = [];
    private readonly List<byte> labels = [];

    /// <summary>Adds <paramref name="count"/> people of a group with the same decision and label.</summary>
    public TestPopulation Add(string group, int count, byte decision, byte label)
    {
        for (var i = 0; i < count; i++)
        {
            groups.Add(group);
            decisions.Add(decision);
            labels.Add(label);
        }
        return this;
    }

    public byte[] Decisions => decisions.ToArray();

    public byte[] Labels => labels.ToArray();

    /// <summary>The groups as a protected attribute named "g".</summary>
    public GroupAssignment Groups => GroupAssignment.FromColumn(CategoricalColumn.FromValues("g", groups), null);
}
