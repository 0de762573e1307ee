using Audit.Data;

namespace Audit.Models;

/// <summary>
/// A risk-scoring system under audit: it declares the features it reads and which tail of its score is adverse,
/// and scores every row of a table.
/// </summary>
public interface IScoringModel
{
    /// <summary>A human name ("CAF data-mining score 2014 (reconstructed)").</summary>
    string Name { get; }

    /// <summary>What kind of model this is: <c>linear</c>, <c>logistic</c>, <c>scores-in-data</c>, <c>decisions-in-data</c>.</summary>
    string Kind { get; }

    AdverseTail Adverse { get; }

    /// <summary>The columns the model reads, with the types it expects.</summary>
    IReadOnlyList<FeatureSpec> Features { get; }

    /// <summary>
    /// One score per row. Throws <see cref="AuditInputException"/> naming the row and column when an input
    /// cannot be scored (a missing value the model has no rule for, a category it does not know).
    /// </summary>
    double[] Score(Table table, Action<long, long>? progress = null);

    /// <summary>What was read from a model file, for <c>audit model inspect</c>: the output scored, the program that wrote it, how its structure was read.</summary>
    IReadOnlyList<string> Details => [];

    /// <summary>
    /// True when the score is a probability of the adverse outcome (a logistic model's output, a classifier's
    /// probability), so that calibration by group means something.
    /// </summary>
    bool ScoreIsProbability => false;

    /// <summary>The ordered grade bands the model declares over its score (a capability: null when it has none).</summary>
    GradeScale? Grades => null;

    /// <summary>Every row's grade (an index into <see cref="GradeScale.Bands"/>), or null without grades. By default the band of the score.</summary>
    int[]? Grade(Table table, double[] scores) => Grades is { } scale ? scores.Select(scale.BandOf).ToArray() : null;
}
