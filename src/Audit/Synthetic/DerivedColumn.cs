using Audit.Data;

namespace Audit.Synthetic;

/// <summary>
/// A column computed from a formula over the row (the plan's <c>derive:</c>, docs/audit-plan.md), in the formula
/// language of population specs (docs/population-spec.md, "Formulas"): a number, a boolean (true when the formula is
/// not 0), or a category (the formula gives the 0-based position of the level in <see cref="Levels"/>, as <c>cut</c> does).
/// </summary>
/// <param name="Levels">A category's levels, in the order the formula numbers them; null for a number or a boolean.</param>
/// <param name="Line">The plan line that declares it, for errors.</param>
/// <param name="KeyPath">Its key path in the plan (<c>derive[0]</c>), for errors.</param>
public sealed record DerivedColumn(string Name, string Formula, ColumnType Type, IReadOnlyList<string>? Levels, long Line, string KeyPath);
