using Audit.Data;

namespace Audit.Models;

/// <summary>
/// One additive term of a linear or logistic model on one feature: a numeric feature times a weight, or a numeric
/// feature's points by bin, a boolean feature's weight when true, or a categorical feature's weight per level.
/// <see cref="Missing"/> is the contribution when the value is missing (null: a missing value is an error);
/// <see cref="Other"/> the contribution of a level the spec does not list (null: an error).
/// </summary>
public sealed record LinearTerm(
    string Feature,
    ColumnType Type,
    Coefficient Weight,
    IReadOnlyDictionary<string, Coefficient> LevelWeights,
    Coefficient? Missing,
    Coefficient? Other,
    IReadOnlyList<Bin>? Bins = null,
    FeatureInfo? Info = null)
{
    /// <summary>The description, for reports.</summary>
    public string? Description => Info?.Description;
}

/// <summary>A numeric bin [Min, Max) with its points; Min null = from −∞, Max null = to +∞.</summary>
public sealed record Bin(double? Min, double? Max, Coefficient Points)
{
    public bool Contains(double x) => (Min is null || x >= Min) && (Max is null || x < Max);
}

/// <summary>A condition on one feature: a boolean's value ("true"/"false") or a categorical level.</summary>
public sealed record Condition(string Feature, string Value);

/// <summary>Points added when every condition holds (e.g. receiving AAH and working).</summary>
public sealed record InteractionTerm(string Name, IReadOnlyList<Condition> When, Coefficient Weight, string? Source);

/// <summary>
/// A rule that sets the grade, or caps it (the grade can be no better than), whatever the points, when every
/// condition holds (Rongcheng: some offences set the grade directly).
/// </summary>
public sealed record GradeOverride(IReadOnlyList<Condition> When, string? SetGrade, string? CapGrade, string? Source);

/// <summary>
/// Scorecard scaling of a logistic model to a published scale: score = offset − factor × η, where η is the
/// log-odds of the adverse outcome (so −η is the log-odds of the favourable one), factor = PointsToDoubleOdds / ln 2 and
/// offset = BaseScore − factor × ln(BaseOdds)
/// (BaseOdds are the odds of the favourable outcome at BaseScore, as "600 points at odds 50:1, 20 points to double
/// the odds"; Siddiqi 2006, Credit Risk Scorecards, ch. 6). Higher scores are better, so such a model's adverse
/// tail is low. Scores are clamped to [Min, Max] when given (a 350–950 scale).
/// </summary>
public sealed record ScoreScaling(double BaseScore, double BaseOdds, double PointsToDoubleOdds, double? Min, double? Max)
{
    public double Factor => PointsToDoubleOdds / Math.Log(2);

    public double Offset => BaseScore - Factor * Math.Log(BaseOdds);

    public double Apply(double eta) => Math.Clamp(Offset - Factor * eta, Min ?? double.NegativeInfinity, Max ?? double.PositiveInfinity);
}
