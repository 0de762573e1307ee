using System.Globalization;
using Audit.Recourse;
using Audit.Yaml;

namespace Audit.Plan;

/// <summary>
/// Reads <c>recourse.rating_window</c> (docs/audit-plan.md#recourse): which columns hold the rating window's count and
/// its shares of 1- to 4-star ratings, the threshold to reach, the group whose mean rating future ratings take, and
/// the optional column of a stated rating bias.
/// </summary>
internal static class RatingWindowPlanReader
{
    private static readonly string[] Keys = ["count", "shares", "size", "threshold", "group", "bias"];

    /// <summary>The options, or null when <c>rating_window</c> is absent.</summary>
    public static RatingWindowOptions? Read(YamlMap recourse)
    {
        if (recourse.OptionalMap("rating_window", Keys) is not { } map)
        {
            return null;
        }
        var shares = map.OptionalList("shares").Select(v => v.AsString()).ToArray();
        if (shares.Length != RatingWindowOptions.TopStars - 1 || shares.Distinct().Count() != shares.Length)
        {
            throw map.Error("shares", "the rating window needs four different columns: the shares of 1-, 2-, 3- and 4-star ratings, in that order",
                expected: "e.g. [share_1_star, share_2_star, share_3_star, share_4_star]", found: string.Join(", ", shares));
        }
        var size = map.OptionalLong("size") ?? RatingDilution.DefaultWindow;
        if (size is < 1 or > 1_000_000)
        {
            throw map.Error("size", "out of range", expected: "a number of ratings from 1 to 1000000", found: size.ToString(CultureInfo.InvariantCulture));
        }
        var threshold = map.OptionalDouble("threshold") ?? throw map.Error("threshold", "the rating window needs the average to reach", expected: "e.g. threshold: 4.6");
        if (threshold is <= 1 or > RatingWindowOptions.TopStars)
        {
            throw map.Error("threshold", "out of range", expected: "an average above 1 and at most 5 stars", found: threshold.ToString(CultureInfo.InvariantCulture));
        }
        return new RatingWindowOptions(map.RequiredString("count"), shares, threshold, map.RequiredString("group"))
        {
            Size = (int)size,
            Bias = map.OptionalString("bias"),
            Line = map.Line,
        };
    }
}
