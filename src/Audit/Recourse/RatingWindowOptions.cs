namespace Audit.Recourse;

/// <summary>
/// The plan's <c>recourse.rating_window</c> (docs/audit-plan.md, docs/recourse.md): the score is an average of star
/// ratings over a window, and a flagged person's way back is future ratings, not a change of the past ones.
/// </summary>
/// <param name="Count">The column holding the number of ratings in the window now (at most <see cref="Size"/>).</param>
/// <param name="Shares">The columns holding the shares of 1-, 2-, 3- and 4-star ratings in the window (the rest are 5 stars).</param>
/// <param name="Threshold">The average a person must reach (at least) to stop being flagged.</param>
/// <param name="Group">The protected attribute whose groups' pooled ratings give the expected future rating.</param>
public sealed record RatingWindowOptions(string Count, IReadOnlyList<string> Shares, double Threshold, string Group)
{
    /// <summary>Ratings the window holds at most.</summary>
    public int Size { get; init; } = RatingDilution.DefaultWindow;

    /// <summary>
    /// A column stating, per person, how many stars a rating bias takes off their average (an input of a synthetic
    /// population); the report then shows the flag rates with that input at zero beside the audited ones.
    /// </summary>
    public string? Bias { get; init; }

    /// <summary>The plan's line of the key, for errors.</summary>
    public long Line { get; init; }

    /// <summary>Stars of the best rating: the shares are of 1 to <see cref="TopStars"/> − 1 stars.</summary>
    public const int TopStars = 5;
}
