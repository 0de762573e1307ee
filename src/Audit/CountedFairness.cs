using Audit.Fairness;
using Audit.Plan;
using Audit.Results;

namespace Audit;

/// <summary>How a protected attribute of counted statistics is compared: its reference group (null: the largest) and, for a
/// numeric attribute the engine banded, the band edges it used (reported with the groups).</summary>
public sealed record CountedAttribute(string? Reference = null, IReadOnlyList<double>? Bands = null);

/// <summary>
/// The fairness section from <see cref="GroupStatistics"/> counted outside Audit (docs/national-scale.md: a
/// <c>GROUP BY</c> where the data lives, read by <see cref="GroupByCounts.FromGroupBy"/>, or statistics merged across
/// machines), computed by the same mapping from group frames that a run over rows uses, so that no
/// metric, verdict or suppression rule is written a second time for counts.
/// </summary>
/// <remarks>
/// Every table is a marginal of the statistics given (<see cref="FairnessAnalysis.FromStatistics"/>): no row is rebuilt,
/// so memory grows with the cells, not with the people counted. Every number equals a run over the original rows:
/// exactly for unweighted and frequency-weighted counts (the bootstrap is then a multinomial draw over the cells, a
/// function of the counts alone). Sampling-weighted counts cannot be bootstrapped (the Poisson bootstrap needs each
/// row's own weight), so that case is refused unless the bootstrap is off. Score and grade summaries need the rows and
/// are absent.
/// </remarks>
public static class CountedFairness
{
    /// <param name="attributes">One per attribute of <paramref name="statistics"/>, in order; null: every reference the largest group.</param>
    /// <param name="weights">Whether the slots' weights are frequency or sampling weights; null when the rows were unweighted.</param>
    /// <param name="options">Its <see cref="FairnessOptions.Intersections"/> index the attributes of <paramref name="statistics"/>.</param>
    public static FairnessSection Analyze(GroupStatistics statistics, FairnessOptions options, IReadOnlyList<CountedAttribute>? attributes = null, WeightKind? weights = null)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(options);
        attributes ??= statistics.Attributes.Select(_ => new CountedAttribute()).ToArray();
        if (attributes.Count != statistics.Attributes.Count)
        {
            throw new AuditInputException($"{attributes.Count} attribute settings for statistics over {statistics.Attributes.Count} attributes",
                expected: "one CountedAttribute per attribute of the statistics, in order");
        }
        // The attributes as the analysis names them; their row codes are never read, since every table is a marginal of the statistics.
        var inputs = statistics.Attributes
            .Select((name, a) => new AttributeInput(new GroupAssignment(name, [], statistics.Levels[a]), attributes[a].Bands, attributes[a].Reference))
            .ToArray();
        return FairnessAnalysis.FromStatistics(statistics, inputs, weights is not null,
            options with { FrequencyWeights = weights == WeightKind.Frequency }).Section;
    }
}
