using Audit.Results;

namespace Audit.Fairness;

/// <summary>
/// The groups the fairness section hides (small-cell and complementary suppression), for every later stage
/// (explanations, recourse, designs) to hide them too: a group hidden in one table and shown with numbers in another
/// is not hidden.
/// </summary>
public sealed class FairnessHiding
{
    private readonly HashSet<GroupKey> hidden;
    private readonly HashSet<GroupKey> labelHidden;

    private FairnessHiding(int minCellSize, HashSet<GroupKey> hidden, HashSet<GroupKey> labelHidden)
    {
        MinCellSize = minCellSize;
        this.hidden = hidden;
        this.labelHidden = labelHidden;
    }

    /// <summary>Nothing hidden, with a minimum cell size (for stages run without a fairness section).</summary>
    public static FairnessHiding None(int minCellSize) => new(minCellSize, [], []);

    /// <summary>These groups hidden (count, rates and label metrics), for tests and callers without a fairness section.</summary>
    public static FairnessHiding Of(int minCellSize, IEnumerable<GroupKey> hidden) => new(minCellSize, [.. hidden], [.. hidden]);

    /// <summary>The groups (attributes and intersections) whose count the fairness section suppresses, and those whose label-based rates it suppresses.</summary>
    public static FairnessHiding Of(FairnessSection fairness)
    {
        var hidden = new HashSet<GroupKey>();
        var labelHidden = new HashSet<GroupKey>();
        foreach (var group in fairness.Attributes.Concat(fairness.Intersections).SelectMany(a => a.Groups))
        {
            if (group.Count.Suppressed == true)
            {
                hidden.Add(group.Group);
                labelHidden.Add(group.Group);
            }
            else if (group.Rates.TryGetValue("truePositiveRate", out var tpr) && tpr.Suppressed == true)
            {
                labelHidden.Add(group.Group);
            }
        }
        return new(fairness.MinCellSize, hidden, labelHidden);
    }

    /// <summary>The fairness section's minimum cell size.</summary>
    public int MinCellSize { get; }

    /// <summary>Every hidden group (attributes and intersections).</summary>
    public IReadOnlyCollection<GroupKey> Hidden => hidden;

    /// <summary>Whether the fairness section hides this group (its count and every rate).</summary>
    public bool IsHidden(GroupKey group) => hidden.Contains(group);

    /// <summary>Whether the fairness section hides the group <paramref name="label"/> of the single attribute <paramref name="attribute"/>.</summary>
    public bool IsHidden(string attribute, string label) => hidden.Contains(GroupKey.Of([attribute], [label]));

    /// <summary>Whether the fairness section hides the group's label-based metrics (true positive rate and the like), or the whole group.</summary>
    public bool IsLabelHidden(GroupKey group) => labelHidden.Contains(group);

    /// <summary>Whether the fairness section hides the label-based metrics of the group <paramref name="label"/> of <paramref name="attribute"/>.</summary>
    public bool IsLabelHidden(string attribute, string label) => labelHidden.Contains(GroupKey.Of([attribute], [label]));
}
