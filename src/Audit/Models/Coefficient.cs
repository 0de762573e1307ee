using System.Globalization;

namespace Audit.Models;

/// <summary>
/// A number of a published model, as much of it as is known: a value; or only its sign; or an interval; or nothing
/// (unknown). Published systems often disclose a variable and the direction of its effect but not its weight
/// (CAF's models); the audit-designs work samples the unknown ones. A term whose coefficient is not a value cannot
/// be scored for a row where it applies, and says so rather than counting 0.
/// </summary>
/// <param name="Value">The weight, when known.</param>
/// <param name="Sign">+1 or −1 when only the direction is known.</param>
/// <param name="Low">Lower end when only an interval is known.</param>
/// <param name="High">Upper end when only an interval is known.</param>
/// <param name="Source">Where the number (or the sign) comes from.</param>
/// <param name="Calibrated">
/// The published figure the value was fitted to, when it was (spec key <c>calibrated:</c>, docs/model-spec.md): a
/// disparity this term produces was then set by the spec's author, not found by the audit (issue 18, item 5).
/// </param>
public sealed record Coefficient(double? Value, int? Sign = null, double? Low = null, double? High = null, string? Source = null, string? Calibrated = null)
{
    public static Coefficient Of(double value, string? source = null) => new(value, Source: source);

    public static readonly Coefficient Zero = new(0.0);

    public bool IsKnown => Value is not null;

    /// <summary>The direction: the sign of the value, or the declared sign, or of the interval when it excludes 0; null when unknown.</summary>
    public int? Direction => Value is { } v ? Math.Sign(v) : Sign ?? (Low > 0 ? 1 : High < 0 ? -1 : null);

    /// <summary>"0.5", "+ (value unknown)", "[0.1, 0.3]", "unknown".</summary>
    public override string ToString() =>
        Value is { } v ? v.ToString("R", CultureInfo.InvariantCulture)
        : Sign is { } s ? (s > 0 ? "+" : "−") + " (value unknown)"
        : Low is { } lo && High is { } hi ? $"[{lo.ToString("R", CultureInfo.InvariantCulture)}, {hi.ToString("R", CultureInfo.InvariantCulture)}]"
        : "unknown";
}
