namespace Audit.Results;

/// <summary>
/// The four-fifths rule (29 CFR 1607.4(D); CONTRACTS.md, "Disparity conventions"), defined once for the fairness
/// section, every design (capacity sweep, flips, model variants, partial models, time), the bootstrap and the plots:
/// on the favourable outcome (not being flagged), the ratio (1 − f) / (1 − f*) of a group's share not flagged to that
/// of the least-flagged group shown, and adverse impact when it is below the fixed 0.8 of the guideline. The plan's
/// <c>tolerance</c> never enters it: that is only the band of the ratio to the reference group.
/// <para>
/// It lives beside the result records, not in the Fairness stage, because it is pure arithmetic of the numbers a
/// result carries and the pages need it too: the flag-rate plot draws its threshold from the result alone and
/// <see cref="ThresholdDigits"/> prints ratios on the right side of it; the pages may read only Results
/// (ARCHITECTURE.md), and a second copy for them would let the drawn line and the verdict disagree.
/// </para>
/// </summary>
public static class FourFifthsRule
{
    /// <summary>29 CFR 1607.4(D): a selection rate below four-fifths of the most favoured group's is evidence of adverse impact.</summary>
    public const double Threshold = 0.8;

    /// <summary>
    /// How far below the threshold a ratio must lie to count as below it, relative to the threshold: rates computed from
    /// counts carry rounding in the last binary places (3 of 5 not flagged against 3 of 4 is 0.8 exactly, yet
    /// (1 − 2/5) / (1 − 1/4) comes out as 0.7999999999999999 in binary), and that noise must not make a verdict. One part in 10⁹ is far above that noise and far below any difference the rule is meant to see.
    /// </summary>
    public const double RelativeResolution = 1e-9;

    /// <summary>(1 − <paramref name="flagRate"/>) / (1 − <paramref name="lowestFlagRate"/>); null when everybody in the least-flagged group is flagged.</summary>
    public static double? Ratio(double flagRate, double lowestFlagRate) =>
        lowestFlagRate < 1 ? (1 - flagRate) / (1 - lowestFlagRate) : null;

    /// <summary>The verdict: the four-fifths ratio lies below 0.8 (beyond <see cref="RelativeResolution"/>).</summary>
    public static bool IsAdverseImpact(double ratio) => ratio < Threshold * (1 - RelativeResolution);

    /// <summary>The verdict of a ratio that may be undefined or not finite (a group whose weights sum to 0): null then.</summary>
    public static bool? Verdict(double? ratio) => ratio is { } r && double.IsFinite(r) ? IsAdverseImpact(r) : null;

    /// <summary>
    /// The comparator g*: the index of the lowest flag rate among the groups shown (null: hidden or undefined), the first
    /// on a tie; −1 when no group is shown.
    /// </summary>
    public static int Comparator(IReadOnlyList<double?> shownFlagRates)
    {
        var lowest = -1;
        for (var i = 0; i < shownFlagRates.Count; i++)
        {
            if (shownFlagRates[i] is { } r && !double.IsNaN(r) && (lowest < 0 || r < shownFlagRates[lowest]!.Value))
            {
                lowest = i;
            }
        }
        return lowest;
    }

    /// <summary>
    /// The flag rate above which a group shows adverse impact against a least-flagged group flagged at
    /// <paramref name="lowestFlagRate"/>: 1 − 0.8 (1 − f*), where the plots' band starts.
    /// </summary>
    public static double AdverseFlagRateFrom(double lowestFlagRate) => 1 - Threshold * (1 - lowestFlagRate);
}
