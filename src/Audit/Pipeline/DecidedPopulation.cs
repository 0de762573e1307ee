using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Models;
using Audit.Policy;

namespace Audit.Pipeline;

/// <summary>
/// The people once the audit has decided them (issue 17, item 2): the table with its roles, the model that scored it,
/// the scores, grades and decisions, the labels, weights and protected groups, and the intersections to cross. It is
/// computed once, by <see cref="Auditor.Decided(Plan.AuditPlan, StageProgress?)"/> from a plan or by
/// <see cref="Auditor.Decided(Table, IScoringModel, DecisionPolicy, PopulationGroups, StageProgress?, InputLimits?, string)"/> from objects
/// built in code, and every stage after the decision (fairness, explanations, recourse, designs, the population's
/// description) reads it and none changes it: so <c>audit explain</c> and <c>audit recourse</c> of a person see exactly
/// the flags and cut-off that <c>audit run</c> reported.
/// </summary>
public sealed record DecidedPopulation
{
    /// <summary>The people, every column with its roles (the model's inputs, the plan's and the designs' columns).</summary>
    public required Table Table { get; init; }

    /// <summary>The model scored: for a partially published spec under the partial-model design, its central model.</summary>
    public required IScoringModel Model { get; init; }

    /// <summary>What the plan's <c>filter:</c> kept of the data (the table holds the kept rows only); null when it keeps every row.</summary>
    public Results.RowFilterSummary? Filter { get; init; }

    /// <summary>The partially published spec whose central model <see cref="Model"/> is; null otherwise.</summary>
    public LinearModel? PartialSpec { get; init; }

    /// <summary>Every row's score (finite, checked).</summary>
    public required double[] Scores { get; init; }

    /// <summary>Every row's grade when the model declares grades; null otherwise.</summary>
    public int[]? Grades { get; init; }

    /// <summary>The policy applied (a grade policy bound to the model's scale).</summary>
    public required DecisionPolicy Policy { get; init; }

    /// <summary>Every row's flag, the cut-off and the ties at it.</summary>
    public required PolicyOutcome Outcome { get; init; }

    /// <summary>0, 1 or <see cref="BooleanColumn.Missing"/> per row; empty without a label column.</summary>
    public byte[] Labels { get; init; } = [];

    /// <summary>The label column's name; null without one.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>Per-row weights (each checked: finite, 0 or more, not all 0); empty when unweighted.</summary>
    public double[] Weights { get; init; } = [];

    /// <summary>Whether <see cref="Weights"/> count identical people (frequency weights) rather than stand for them (sampling weights).</summary>
    public bool FrequencyWeights { get; init; }

    /// <summary>Each protected attribute's groups for every row, with its bands and reference group (in the plan's order).</summary>
    public required IReadOnlyList<AttributeInput> Attributes { get; init; }

    /// <summary>The sets of attributes to cross, as indices into <see cref="Attributes"/>.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Intersections { get; init; } = [];

    /// <summary>Each attribute's groups, without bands or reference (what recourse aggregates by).</summary>
    public IReadOnlyList<GroupAssignment> Groups => [.. Attributes.Select(a => a.Groups)];
}
