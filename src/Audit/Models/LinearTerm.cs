using Audit.Data;

namespace Audit.Models;

/// <summary>
/// One additive term of a linear or logistic model: a numeric or boolean feature times a weight, or a
/// categorical feature with one weight per level. <see cref="MissingWeight"/> is the contribution when the
/// value is missing (null: a missing value is an error); <see cref="OtherWeight"/> the contribution of a level
/// the spec does not list (null: an error).
/// </summary>
public sealed record LinearTerm(
    string Feature,
    ColumnType Type,
    double Weight,
    IReadOnlyDictionary<string, double> LevelWeights,
    double? MissingWeight,
    double? OtherWeight,
    string? Description = null);
