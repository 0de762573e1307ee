using Audit.Results;

namespace Audit.Fairness;

/// <summary>
/// The disclosure policy of an audit (CONTRACTS.md, "Suppression"), defined once and applied by every stage: a cell is
/// too small to publish when its rows (its people, with frequency weights) are fewer than the minimum cell size; and the
/// groups the fairness section hides (small cells, empty listed crossings, and the complementary suppression that keeps
/// them from being worked out by subtraction, <see cref="ComplementarySuppression"/>) stay hidden in every later table
/// (explanations, recourse, designs): a group hidden in one table and shown with numbers in another is not hidden.
/// </summary>
/// <remarks>
/// Built by the fairness analysis (<see cref="FairnessAnalysis.Run"/>, <see cref="FairnessOutcome.Disclosure"/>), or from a finished fairness section
/// (<see cref="Of(FairnessSection, bool)"/>); before the section exists, <see cref="Primary"/> applies the minimum cell alone.
/// </remarks>
public sealed class DisclosurePolicy
{
    private readonly HashSet<GroupKey> hidden;
    private readonly HashSet<GroupKey> labelHidden;

    private DisclosurePolicy(int minCellSize, bool frequencyWeights, HashSet<GroupKey> hidden, HashSet<GroupKey> labelHidden)
    {
        MinCellSize = minCellSize;
        FrequencyWeights = frequencyWeights;
        this.hidden = hidden;
        this.labelHidden = labelHidden;
    }

    /// <summary>The minimum cell rule alone, nothing else hidden: for the fairness analysis itself and for stages run without a fairness section.</summary>
    public static DisclosurePolicy Primary(int minCellSize, bool frequencyWeights = false) => new(minCellSize, frequencyWeights, [], []);

    /// <summary>Nothing hidden beyond the minimum cell on rows (for stages run without a fairness section).</summary>
    public static DisclosurePolicy None(int minCellSize) => Primary(minCellSize);

    /// <summary>These groups hidden (count, rates and label metrics), for tests and callers without a fairness section.</summary>
    public static DisclosurePolicy Of(int minCellSize, IEnumerable<GroupKey> hidden) => new(minCellSize, false, [.. hidden], [.. hidden]);

    /// <summary>
    /// The policy of a finished fairness section: the groups (attributes and intersections) whose count it suppresses,
    /// and those whose label-based rates it suppresses. The entry for a stage handed only the section.
    /// </summary>
    /// <param name="frequencyWeights">The plan's weights are frequency weights (the minimum counts people): the section does not record it.</param>
    public static DisclosurePolicy Of(FairnessSection fairness, bool frequencyWeights = false)
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
            else if (group.Rates.TryGetValue(GroupRate.TruePositiveRate.Key, out var tpr) && tpr.Suppressed == true)
            {
                labelHidden.Add(group.Group);
            }
        }
        return new(fairness.MinCellSize, frequencyWeights, hidden, labelHidden);
    }

    /// <summary>This policy with these groups hidden too (whole groups, and groups whose label metrics alone are hidden).</summary>
    public DisclosurePolicy With(IEnumerable<GroupKey> groups, IEnumerable<GroupKey> labelMetrics) =>
        new(MinCellSize, FrequencyWeights, [.. hidden, .. groups], [.. labelHidden, .. groups, .. labelMetrics]);

    /// <summary>Cells (and rate denominators) with fewer rows, or people with frequency weights, are suppressed.</summary>
    public int MinCellSize { get; }

    /// <summary>Frequency weights: the minimum counts people (weight sums), not rows.</summary>
    public bool FrequencyWeights { get; }

    /// <summary>Every hidden group (attributes and intersections).</summary>
    public IReadOnlyCollection<GroupKey> Hidden => hidden;

    /// <summary>
    /// The minimum cell rule: a cell of <paramref name="rows"/> rows weighing <paramref name="weight"/> is too small to
    /// publish when its rows (its people, with frequency weights) are fewer than <see cref="MinCellSize"/>.
    /// </summary>
    public bool IsBelowMinimum(long rows, double weight) => FrequencyWeights ? weight < MinCellSize : TooFew(rows, MinCellSize);

    /// <summary>
    /// The minimum cell rule on a plain count of people or rows (a recourse table's flagged people, a score band's rows,
    /// an explained group's members): fewer than <paramref name="minCellSize"/> are too few to publish. Every stage that
    /// counts without weights compares through this one definition.
    /// </summary>
    public static bool TooFew(long count, int minCellSize) => count < minCellSize;

    /// <summary>A cell that has rows but too few: how label cells and rate denominators are judged (an empty one reveals nobody).</summary>
    public bool IsSmall(long rows, double weight) => rows > 0 && IsBelowMinimum(rows, weight);

    /// <summary>
    /// The primary rule for label-based metrics: a group's are shown together or not at all, since each one's count can be
    /// recovered from the others (TPR = PPV × flagged-labelled / label-1 rows...); so if any of the four label cells
    /// behind them (label 1, label 0, flagged with a label, unflagged with a label) is small, all are hidden.
    /// </summary>
    public bool AreLabelCellsSmall(ConfusionCounts c) =>
        IsSmall(c.Count(label: 1), c.Weight(label: 1))
        || IsSmall(c.Count(label: 0), c.Weight(label: 0))
        || IsSmall(c.LabelledCount(decision: 1), c.LabelledWeight(decision: 1))
        || IsSmall(c.LabelledCount(decision: 0), c.LabelledWeight(decision: 0));

    /// <summary>Whether the fairness section hides this group (its count and every rate).</summary>
    public bool IsSuppressed(GroupKey group) => hidden.Contains(group);

    /// <summary>Whether the fairness section hides the group <paramref name="level"/> of the single attribute <paramref name="attribute"/>.</summary>
    public bool IsHidden(string attribute, string level) => hidden.Contains(GroupKey.Of([attribute], [level]));

    /// <summary>A group of one attribute withheld from a table: too small there, or hidden by the fairness section.</summary>
    public bool IsWithheld(string attribute, string level, long rows, double weight) => IsBelowMinimum(rows, weight) || IsHidden(attribute, level);

    /// <summary>Whether the fairness section hides the group's label-based metrics (true positive rate and the like), or the whole group.</summary>
    public bool IsLabelHidden(GroupKey group) => labelHidden.Contains(group);

    /// <summary>Whether the fairness section hides the label-based metrics of the group <paramref name="level"/> of <paramref name="attribute"/>.</summary>
    public bool IsLabelHidden(string attribute, string level) => labelHidden.Contains(GroupKey.Of([attribute], [level]));
}
