using Audit.Data;

namespace Audit.Designs;

/// <summary>The plan's <c>designs:</c> key (docs/designs.md): which real-world audit designs to run, and on which columns.</summary>
public sealed record DesignsPlan
{
    public AdjustedPlan? Adjusted { get; init; }

    public SelectiveLabelsPlan? SelectiveLabels { get; init; }

    public CompositionPlan? Composition { get; init; }

    public CapacityPlan? Capacity { get; init; }

    public IReadOnlyList<FlipPlan> Flips { get; init; } = [];

    /// <summary>Drop each model variable in turn (key <c>drop_one</c>).</summary>
    public bool DropOne { get; init; }

    public ComparePlan? Compare { get; init; }

    public PartialModelPlan? PartialModel { get; init; }

    public TimePlan? Time { get; init; }

    public DecisionFollowingPlan? DecisionFollowing { get; init; }

    public SubgroupsPlan? Subgroups { get; init; }

    public ProxyPlan? Proxy { get; init; }

    /// <summary>Every column the designs read, with the role it plays (checked against the data before any design runs).</summary>
    public IEnumerable<(ColumnRef Column, Data.ColumnRole? Role)> Columns()
    {
        if (Adjusted is { } a)
        {
            foreach (var c in a.Controls)
            {
                yield return (c.Ref, null);
            }
            foreach (var s in a.Strata)
            {
                yield return (s, null);
            }
            foreach (var r in a.Rows)
            {
                yield return (r.Column, null);
            }
            if (a.Outcome is { } o)
            {
                yield return (o, null);
            }
        }
        if (SelectiveLabels is { } l)
        {
            yield return (l.Investigated, Data.ColumnRole.Investigated);
            if (l.RandomSample is { } r)
            {
                yield return (r, Data.ColumnRole.RandomSample);
            }
            if (l.SelectionProbability is { } p)
            {
                yield return (p, null);
            }
        }
        if (Composition is { } c2)
        {
            yield return (c2.Column, null);
        }
        foreach (var f in Flips)
        {
            yield return (f.Column, null);
        }
        if (Time is { } t)
        {
            yield return (t.Period, Data.ColumnRole.Period);
        }
        if (DecisionFollowing is { } d)
        {
            yield return (d.HumanDecision, Data.ColumnRole.HumanDecision);
        }
        foreach (var f in Subgroups?.Features ?? [])
        {
            yield return (f, null);
        }
        if (Proxy is { } proxy)
        {
            yield return (proxy.ProxyColumn, null);
            foreach (var p in proxy.Probabilities)
            {
                yield return (p.Column, null);
            }
        }
    }
}

/// <summary>A control of the adjusted regression: a numeric column, or a factor with an optional reference level.</summary>
public sealed record ControlSpec(ColumnRef Ref, bool AsFactor, string? Reference);

/// <param name="Outcome">The 0/1 column regressed on; null for the audited decisions.</param>
public sealed record AdjustedPlan(IReadOnlyList<ControlSpec> Controls, IReadOnlyList<ColumnRef> Strata, ColumnRef? Outcome, IReadOnlyList<RowCondition> Rows);

/// <param name="Investigated">1 when the row was investigated (its label is known).</param>
/// <param name="RandomSample">1 when the row was drawn into a random control sample.</param>
/// <param name="SelectionProbability">Each investigated row's probability of having been investigated, for inverse-probability weighting.</param>
public sealed record SelectiveLabelsPlan(ColumnRef Investigated, ColumnRef? RandomSample, ColumnRef? SelectionProbability);

/// <summary>The rows whose <see cref="Column"/> holds one of <see cref="Reference"/> are the random reference sample; those holding one of <see cref="Selected"/> (default: every other value) the selected set.</summary>
public sealed record CompositionPlan(ColumnRef Column, IReadOnlyList<string> Reference, IReadOnlyList<string>? Selected);

/// <summary>Fractions flagged (0.005 = 0.5 %) or budgets (rows flagged) to sweep.</summary>
public sealed record CapacityPlan(IReadOnlyList<double> Fractions, IReadOnlyList<long> Budgets)
{
    /// <summary>0.5 %, 1 %, 2 %, 5 %, 10 %, 20 %: the range the designs issue names.</summary>
    public static readonly double[] DefaultFractions = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2];
}

/// <param name="Values">The values to set; null for every value the column takes.</param>
public sealed record FlipPlan(ColumnRef Column, IReadOnlyList<string>? Values);

public sealed record ComparePlan(string SpecPath, string Display, long Line);

/// <param name="Samples">Coefficient vectors to sample.</param>
/// <param name="Magnitude">Largest absolute value of a sign-only or unknown coefficient, in the explanation space, per standard deviation of a numeric feature.</param>
public sealed record PartialModelPlan(int Samples, double Magnitude, long Line)
{
    public const int DefaultSamples = 200;
    public const double DefaultMagnitude = 1.0;
}

public sealed record TimePlan(ColumnRef Period);

public sealed record DecisionFollowingPlan(ColumnRef HumanDecision);

/// <param name="Features">Columns to describe people by (empty: the model's features).</param>
/// <param name="Holdout">Share of rows held out for the significance tests.</param>
/// <param name="MinShare">Smallest subgroup, as a share of the search half (at least the plan's minimum cell size).</param>
/// <param name="Alpha">Significance level of the held-out tests.</param>
/// <param name="Bins">Quantile bins of a numeric feature.</param>
public sealed record SubgroupsPlan(IReadOnlyList<ColumnRef> Features, double Holdout = 0.5, double MinShare = 0.02, double Alpha = 0.01, int Bins = 10);

/// <summary>A group's probability column: P(group | proxy) per row.</summary>
public sealed record ProxyProbability(string Group, ColumnRef Column);

/// <param name="Name">The inferred attribute's name, for the report.</param>
/// <param name="ProxyColumn">The proxy column (country of birth, neighbourhood): its values are the cells of the bounds.</param>
/// <param name="Probabilities">One column per group, adding up to 1 on every row.</param>
/// <param name="Reference">The reference group; null for the largest estimated group.</param>
public sealed record ProxyPlan(string Name, ColumnRef ProxyColumn, IReadOnlyList<ProxyProbability> Probabilities, string? Reference, int Replicates = ProxyEstimation.DefaultReplicates);
