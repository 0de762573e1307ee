using Audit.Results;

namespace Audit.Fairness;

/// <summary>
/// The verdict on a group's ratio to its reference group, defined here once for every section, design and plot: today's
/// rule, the point estimate within the tolerance band [τ, 1/τ] (τ = the plan's <c>tolerance</c>, 0.8 by default, the
/// band [0.8, 1.25]). CONTRACTS.md ("Verdict") revises it to a rule on the simultaneous interval of the ratio; that
/// revision lands with the findings issue as one change to this file.
/// </summary>
public static class DisparityVerdict
{
    /// <summary>
    /// Whether a ratio to the reference lies within [τ, 1/τ], up to the resolution of the four-fifths verdict: a ratio
    /// that is τ exactly in the counts (0.32 / 0.4 = 0.8) must not fall outside by a binary rounding (0.7999999999999999).
    /// </summary>
    public static bool WithinTolerance(double ratio, double tolerance) =>
        ratio >= tolerance * (1 - FourFifthsRule.RelativeResolution) && ratio <= 1 / tolerance * (1 + FourFifthsRule.RelativeResolution);
}
