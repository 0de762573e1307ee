namespace Audit.Results;

/// <summary>
/// Recourse by future ratings (docs/recourse.md, "Future ratings dilute past ones"): the score is the average of the
/// last <see cref="Window"/> ratings, past ratings cannot change, and a flagged person's way back is a number of future
/// ratings at their group's own mean rating. Filled instead of the search for changes when the plan has
/// <c>recourse.rating_window</c>.
/// </summary>
public sealed record RatingDilutionSection
{
    /// <summary>Ratings the window holds at most (500 for Uber).</summary>
    public required int Window { get; init; }

    /// <summary>The average to reach, at least.</summary>
    public required double Threshold { get; init; }

    public required string CountColumn { get; init; }

    /// <summary>The columns of the shares of 1- to 4-star ratings.</summary>
    public required IReadOnlyList<string> ShareColumns { get; init; }

    /// <summary>The protected attribute whose groups' pooled ratings give each person's expected future rating.</summary>
    public required string GroupAttribute { get; init; }

    /// <summary>The column of the stated rating bias (stars off a person's average), when the plan names one.</summary>
    public string? BiasColumn { get; init; }

    /// <summary>One row per group of <see cref="GroupAttribute"/>.</summary>
    public required IReadOnlyList<RatingDilutionGroup> Groups { get; init; }
}

/// <summary>One group's ratings and its flagged people's way back.</summary>
/// <param name="People">Everyone in the group.</param>
/// <param name="MeanRating">The group's mean rating, pooled over its ratings: Σ count × average / Σ count (the expected future rating).</param>
/// <param name="FlagRate">The share of the group flagged (average below the threshold).</param>
/// <param name="Never">The share of the group's flagged people whom future ratings at <paramref name="MeanRating"/> never bring back (mean below the threshold).</param>
/// <param name="MeanFutureRatings">Future ratings needed, mean over the group's flagged people who can get back.</param>
/// <param name="MedianFutureRatings">The same, median.</param>
public sealed record RatingDilutionGroup(string Group, long People, double? MeanRating, Metric FlagRate, Metric Never, Metric MeanFutureRatings, Metric MedianFutureRatings)
{
    /// <summary>The mean of the stated bias over the group (stars off the average); null without a bias column.</summary>
    public double? MeanBias { get; init; }

    /// <summary>The share the threshold would flag with the stated bias at zero (each average raised by the person's bias); null without a bias column.</summary>
    public Metric? FlagRateWithoutBias { get; init; }
}
