using System.Text.Json.Serialization;

namespace Audit.Results;

/// <summary>
/// One number of the audit as CONTRACTS.md prescribes: <c>{"value": x, "ci": [lo, hi], "p": p, "n": n}</c>
/// with fields present when known; an undefined value is <c>null</c> with <c>"undefined": "reason"</c>;
/// a suppressed cell is <c>null</c> with <c>"suppressed": true</c>, never a zero.
/// </summary>
public sealed record Metric
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? Value { get; init; }

    [JsonPropertyName("ci")]
    public double[]? Ci { get; init; }

    [JsonPropertyName("p")]
    public double? P { get; init; }

    /// <summary>The p-value adjusted for multiple comparisons (the fairness section says over which family and how).</summary>
    public double? PAdjusted { get; init; }

    /// <summary>The test behind <see cref="P"/>: "z" (two-proportion z test), "fisher" (Fisher's exact test), "chi-square".</summary>
    public string? Test { get; init; }

    /// <summary>
    /// Rows behind the value: for a rate or share, the rows of its denominator; where a metric's field describes its n
    /// (a comparison of two samples, say), the field's description says which rows.
    /// </summary>
    [JsonPropertyName("n")]
    public long? N { get; init; }

    public string? Undefined { get; init; }

    public bool? Suppressed { get; init; }

    /// <summary>A value; a non-finite one (an infinite index, say) becomes undefined, since JSON has no infinity.</summary>
    public static Metric Of(double value, long? n = null) =>
        double.IsFinite(value) ? new() { Value = value, N = n } : UndefinedBecause(double.IsNaN(value) ? "not a number" : "infinite", n);

    public static Metric UndefinedBecause(string reason, long? n = null) => new() { Undefined = reason, N = n };

    /// <summary>A cell below the minimum size: no value and no count.</summary>
    public static Metric SuppressedCell() => new() { Suppressed = true };

    [JsonIgnore]
    public bool HasValue => Value is not null;
}
