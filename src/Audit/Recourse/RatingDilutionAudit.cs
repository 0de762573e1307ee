using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness.Inference;
using Audit.Results;

namespace Audit.Recourse;

/// <summary>
/// The recourse audit of a rating-window score (<see cref="RatingDilution"/>): for every flagged person, how many
/// future ratings at their group's own mean rating bring the window's average back to the threshold, or "never";
/// summarised overall and by protected group as a <see cref="RecourseSection"/> whose cost is a number of ratings.
/// </summary>
internal static class RatingDilutionAudit
{
    /// <summary>The section's method and cost names.</summary>
    public const string Method = "rating-dilution";

    public const string Cost = "future-ratings";

    /// <summary>One person's window as the data give it.</summary>
    private readonly record struct Window(long Count, double Average, double Bias);

    public static RecourseSection Run(Table table, byte[] flags, IReadOnlyList<GroupAssignment> groups, RatingWindowOptions options,
        int minCellSize, double confidence, string? planFile)
    {
        var windows = Read(table, options, planFile);
        var groupBy = groups.FirstOrDefault(g => g.Attribute == options.Group)
            ?? throw new AuditInputException($"recourse.rating_window.group names '{options.Group}', which is not a protected attribute of the plan",
                file: planFile, line: options.Line, keyPath: "recourse.rating_window.group", expected: "one of " + string.Join(", ", groups.Select(g => g.Attribute)));
        CheckFlags(windows, flags, options, planFile);
        var means = GroupMeans(windows, groupBy);
        var needed = new long?[windows.Length];
        for (var i = 0; i < windows.Length; i++)
        {
            if (flags[i] == 1 && means[groupBy.Codes[i]] is { } mu)
            {
                needed[i] = RatingDilution.FutureRatings(windows[i].Count, windows[i].Average, mu, options.Threshold, options.Size);
            }
        }
        var flagged = Enumerable.Range(0, windows.Length).Where(i => flags[i] == 1).ToArray();
        var (never, mean, median) = Summary(flagged, needed, confidence);
        return new RecourseSection
        {
            Method = Method,
            ProvenOptimal = true,
            Adverse = "low",
            Cutoff = options.Threshold,
            Cost = Cost,
            Features = [.. options.Shares.Select(s => new RecourseFeature(s, "numeric", "immutable", "plan", null, "–", "past ratings"))],
            Flagged = flagged.Length,
            DistinctInputs = flagged.Length,
            NoRecourse = never,
            MeanCost = mean,
            MedianCost = median,
            ByGroup = [.. groups.Select(g => ByGroup(g, flags, needed, minCellSize, confidence))],
            Levers = [],
            RatingDilution = Section(windows, flags, needed, groupBy, means, options, minCellSize, confidence),
        };
    }

    /// <summary>Every row's window: the count, the average 5 − Σ (5 − s) share(s) over s = 1..4, and the stated bias.</summary>
    private static Window[] Read(Table table, RatingWindowOptions options, string? planFile)
    {
        NumericColumn Numeric(string name, string key) => table.Find(name) as NumericColumn
            ?? throw new AuditInputException($"recourse.rating_window.{key} names '{name}', which is not a numeric column of the data",
                file: planFile, line: options.Line, keyPath: "recourse.rating_window." + key, column: name);
        var count = Numeric(options.Count, "count");
        var shares = options.Shares.Select(s => Numeric(s, "shares")).ToArray();
        var bias = options.Bias is { } b ? Numeric(b, "bias") : null;
        var windows = new Window[table.RowCount];
        for (var i = 0; i < windows.Length; i++)
        {
            var n = count[i];
            if (!(n >= 1 && n <= options.Size && n == Math.Floor(n)))
            {
                throw new AuditInputException($"the number of ratings in the window must be a whole number from 1 to {options.Size}",
                    file: planFile, row: i + 1, line: options.Line, keyPath: "recourse.rating_window.count", column: options.Count, found: n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            double average = RatingWindowOptions.TopStars;
            for (var s = 0; s < shares.Length; s++)
            {
                average -= (RatingWindowOptions.TopStars - (s + 1)) * shares[s][i];
            }
            windows[i] = new Window((long)n, average, bias is null ? 0 : bias[i]);
        }
        return windows;
    }

    /// <summary>
    /// The flags must be the threshold's: a flagged person below it, everyone else at or above it, up to
    /// <see cref="RatingDilution.Tolerance"/> (an average of exactly 4.6 may be computed as 4.599999999999999 and graded
    /// below the boundary: such a person is flagged and needs 0 future ratings).
    /// </summary>
    private static void CheckFlags(Window[] windows, byte[] flags, RatingWindowOptions options, string? planFile)
    {
        for (var i = 0; i < windows.Length; i++)
        {
            var below = windows[i].Average < options.Threshold - RatingDilution.Tolerance;
            var atOrAbove = windows[i].Average >= options.Threshold + RatingDilution.Tolerance;
            if (below && flags[i] != 1 || atOrAbove && flags[i] == 1)
            {
                throw new AuditInputException($"the average rating {windows[i].Average} is {(below ? "below" : "at or above")} the rating window's threshold {options.Threshold}, but the policy {(below ? "does not flag" : "flags")} it",
                    file: planFile, row: i + 1, line: options.Line, keyPath: "recourse.rating_window.threshold", hint: "give the threshold of the policy in force (the grade boundary)");
            }
        }
    }

    /// <summary>Each group's mean rating pooled over its ratings (Σ n a / Σ n); null for a group with no rating.</summary>
    private static double?[] GroupMeans(Window[] windows, GroupAssignment groups)
    {
        var sum = new double[groups.Levels.Length];
        var count = new double[groups.Levels.Length];
        for (var i = 0; i < windows.Length; i++)
        {
            sum[groups.Codes[i]] += windows[i].Count * windows[i].Average;
            count[groups.Codes[i]] += windows[i].Count;
        }
        return [.. sum.Select((s, g) => count[g] > 0 ? s / count[g] : (double?)null)];
    }

    /// <summary>The share never brought back (Wilson interval), and the mean and median of the ratings needed by the others.</summary>
    private static (Metric Never, Metric Mean, Metric Median) Summary(IReadOnlyList<int> rows, long?[] needed, double confidence)
    {
        if (rows.Count == 0)
        {
            var none = Metric.UndefinedBecause("no flagged person");
            return (none, none, none);
        }
        var ratings = rows.Where(i => needed[i] is not null).Select(i => (double)needed[i]!.Value).ToArray();
        Array.Sort(ratings);
        var never = rows.Count - ratings.Length;
        var interval = ProportionInterval.Wilson(never, rows.Count, confidence);
        var share = Metric.Of((double)never / rows.Count, rows.Count) with { Ci = interval is null ? null : [interval.Lower, interval.Upper] };
        return (share, RecourseAudit.MeanWithInterval(ratings, confidence), RecourseAudit.MedianWithInterval(ratings, confidence));
    }

    /// <summary>The figures by the groups of one protected attribute, suppressed below the minimum cell size.</summary>
    private static RecourseGroups ByGroup(GroupAssignment g, byte[] flags, long?[] needed, int minCellSize, double confidence)
    {
        var rows = new List<RecourseGroup>();
        for (var level = 0; level < g.Levels.Length; level++)
        {
            var members = Enumerable.Range(0, flags.Length).Where(i => g.Codes[i] == level && flags[i] == 1).ToArray();
            var key = GroupKey.Of([g.Attribute], [g.Levels[level]]);
            if (members.Length < minCellSize)
            {
                var hidden = Metric.SuppressedCell();
                rows.Add(new RecourseGroup(key, hidden, hidden, hidden, hidden, hidden));
                continue;
            }
            var (never, mean, median) = Summary(members, needed, confidence);
            rows.Add(new RecourseGroup(key, Metric.Of(members.Length), never, mean, median, Metric.UndefinedBecause("past ratings are not an identity trait")));
        }
        return new RecourseGroups([g.Attribute], rows);
    }

    /// <summary>The rating-window detail: each group's mean rating, flag rate, way back, and the flag rate with the stated bias at zero.</summary>
    private static RatingDilutionSection Section(Window[] windows, byte[] flags, long?[] needed, GroupAssignment g, double?[] means,
        RatingWindowOptions options, int minCellSize, double confidence)
    {
        var rows = new List<RatingDilutionGroup>();
        for (var level = 0; level < g.Levels.Length; level++)
        {
            var members = Enumerable.Range(0, windows.Length).Where(i => g.Codes[i] == level).ToArray();
            var flaggedMembers = members.Where(i => flags[i] == 1).ToArray();
            Metric Rate(int count) => members.Length < minCellSize ? Metric.SuppressedCell() : WilsonShare(count, members.Length, confidence);
            var (never, mean, median) = flaggedMembers.Length < minCellSize
                ? (Metric.SuppressedCell(), Metric.SuppressedCell(), Metric.SuppressedCell())
                : Summary(flaggedMembers, needed, confidence);
            var row = new RatingDilutionGroup(g.Levels[level], members.Length, means[level], Rate(flaggedMembers.Length), never, mean, median);
            if (options.Bias is not null)
            {
                var withoutBias = members.Count(i => windows[i].Average + windows[i].Bias < options.Threshold - RatingDilution.Tolerance);
                row = row with
                {
                    MeanBias = members.Length == 0 ? null : members.Average(i => windows[i].Bias),
                    FlagRateWithoutBias = Rate(withoutBias),
                };
            }
            rows.Add(row);
        }
        return new RatingDilutionSection
        {
            Window = options.Size,
            Threshold = options.Threshold,
            CountColumn = options.Count,
            ShareColumns = options.Shares,
            GroupAttribute = options.Group,
            BiasColumn = options.Bias,
            Groups = rows,
        };
    }

    private static Metric WilsonShare(long count, long n, double confidence)
    {
        var interval = ProportionInterval.Wilson(count, n, confidence);
        return Metric.Of((double)count / n, n) with { Ci = interval is null ? null : [interval.Lower, interval.Upper] };
    }
}
