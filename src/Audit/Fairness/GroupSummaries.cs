using Audit.Fairness.Cells;
using Audit.Fairness.Inference;
using Audit.Results;

namespace Audit.Fairness;

/// <summary>The score and grade summaries of each group of one attribute, beside its counts (<see cref="FairnessAnalysis"/>).</summary>
internal static class GroupSummaries
{
    /// <summary>
    /// Score-based metrics of each group of one attribute, by group label: mean score, AUC, calibration error (for
    /// probabilities) and the Kolmogorov-Smirnov distance to everybody else, from score histograms over the observed
    /// range (Scores/ScoreStatistics). AUC and calibration rest on labelled rows and are suppressed when either label
    /// has fewer rows than the minimum cell size.
    /// </summary>
    public static Dictionary<GroupKey, ScoreSummary> OfScores(AttributeInput attribute, ScoreInput scores, ReadOnlySpan<byte> labels, ReadOnlySpan<double> weights, FairnessOptions options, DisclosurePolicy disclosure) =>
        OfScores(attribute, scores, OrientedScores.Of(scores), labels, weights, options, disclosure);

    /// <summary>
    /// The scores oriented (higher = more adverse) and their observed range: the same for every attribute, so worked
    /// out once per analysis (issue 21: at 13.8 M rows each attribute copied and scanned the 110 MB of scores again).
    /// </summary>
    public sealed record OrientedScores(double[] Values, double Lo, double Hi)
    {
        public static OrientedScores Of(ScoreInput scores)
        {
            var oriented = Scores.ScoreStatistics.Orient(scores.Values, scores.Adverse);
            var (lo, hi) = Scores.ScoreStatistics.ObservedRange(oriented);
            return new OrientedScores(oriented, lo, hi);
        }
    }

    /// <summary>As above, with the scores already oriented and their range found (<see cref="OrientedScores.Of"/>).</summary>
    public static Dictionary<GroupKey, ScoreSummary> OfScores(AttributeInput attribute, ScoreInput scores, OrientedScores orientedScores, ReadOnlySpan<byte> labels, ReadOnlySpan<double> weights, FairnessOptions options, DisclosurePolicy disclosure)
    {
        var (oriented, lo, hi) = orientedScores;
        var stats = Scores.ScoreStatistics.Accumulate([attribute.Groups], oriented, labels, weights, lo, hi);
        var sign = scores.Adverse == Models.AdverseTail.High ? 1.0 : -1.0;
        var result = new Dictionary<GroupKey, ScoreSummary>();
        // Suppressed groups are left out of "the rest", or a two-group comparison would reveal a hidden group's scores.
        GroupKey KeyOf(int c) => GroupKey.Of(stats.Attributes, stats.CellLabels(c));
        bool Hidden(int c) => disclosure.IsBelowMinimum(stats.Cell(c).Count(), stats.Cell(c).Weight()) || disclosure.IsSuppressed(KeyOf(c));
        bool LabelHidden(int c) => disclosure.IsLabelHidden(KeyOf(c));
        for (var c = 0; c < stats.CellCount; c++)
        {
            var cell = stats.Cell(c);
            if (cell.Count() == 0)
            {
                continue;
            }
            var labelled = Math.Min(cell.Count(0), cell.Count(1));
            var mean = Scores.ScoreMetrics.MeanScore(cell) is { } m ? Metric.Of(sign * m, cell.Count()) : Metric.UndefinedBecause("the group's weights sum to 0");
            Metric auc, calibration;
            if (labels.IsEmpty)
            {
                auc = calibration = Metric.UndefinedBecause("no label column");
            }
            else if (labelled < disclosure.MinCellSize || LabelHidden(c))
            {
                // Hidden with the group's other label metrics: the AUC's n and the ROC steps give its label counts.
                auc = calibration = labelled == 0 ? Metric.UndefinedBecause("the group lacks rows with label 1 or with label 0") : Metric.SuppressedCell();
            }
            else
            {
                auc = Scores.ScoreMetrics.Auc(cell) is { } a ? Metric.Of(a.Value, cell.Count(0) + cell.Count(1)) : Metric.UndefinedBecause("the group lacks rows with label 1 or with label 0");
                calibration = scores.IsProbability && scores.Adverse == Models.AdverseTail.High
                    ? Scores.ScoreMetrics.ExpectedCalibrationError(cell) is { } e ? Metric.Of(e, cell.Count(0) + cell.Count(1)) : Metric.UndefinedBecause("no labelled rows")
                    : Metric.UndefinedBecause("the score is not a probability of the adverse outcome");
            }
            var rest = stats.Rest(c, Hidden);
            var distance = rest.Count() > 0 && Scores.ScoreMetrics.KolmogorovSmirnov(cell, rest) is { } ks
                ? Metric.Of(ks.Value)
                : Metric.UndefinedBecause("nobody else (unsuppressed) to compare with");
            var curves = Hidden(c) ? null : Scores.ScoreCurveBuilder.Build(cell, sign, disclosure.MinCellSize,
                withLabels: !labels.IsEmpty && labelled >= disclosure.MinCellSize && !LabelHidden(c), withCalibration: scores.IsProbability && scores.Adverse == Models.AdverseTail.High, stats.Overall());
            result[KeyOf(c)] = new ScoreSummary(mean, auc, calibration, distance, curves);
        }
        return result;
    }

    /// <summary>
    /// Grade metrics of each group of one attribute, by group label: the share in each grade and in the worst grade,
    /// and the worst-grade rate's ratio to the reference group's. The grade is crossed with the attribute as one more
    /// attribute of the group statistics, so the shares are weighted like every other rate.
    /// </summary>
    public static Dictionary<GroupKey, GradeSummary> OfGrades(AttributeInput attribute, GradeInput grades, ReadOnlySpan<byte> decisions, ReadOnlySpan<double> weights, FairnessOptions options, bool analytical, DisclosurePolicy disclosure)
    {
        var names = grades.Scale.Bands.Select(b => b.Name).ToArray();
        var grade = new GroupAssignment("grade", grades.Bands, names);
        var stats = GroupStatistics.Accumulate([attribute.Groups, grade], decisions, [], weights);
        var order = grades.Scale.FavourableToAdverse;
        var worst = Array.IndexOf(names, grades.Scale.Worst);
        var groupCount = attribute.Groups.Levels.Length;
        (double Worst, double Total, long Rows) Of(int g)
        {
            double total = 0;
            long rows = 0;
            for (var b = 0; b < names.Length; b++)
            {
                total += stats.Cell(g * names.Length + b).Weight();
                rows += stats.Cell(g * names.Length + b).Count();
            }
            return (stats.Cell(g * names.Length + worst).Weight(), total, rows);
        }
        var (referenceIndex, _) = ReferenceGroup.Among(
            attribute.Groups.Levels.Select(level => (IReadOnlyList<string>)[level]).ToArray(),
            Enumerable.Range(0, groupCount).Select(g => Of(g).Total).ToArray(),
            [attribute.Reference]);
        var reference = Of(referenceIndex);
        var result = new Dictionary<GroupKey, GradeSummary>();
        for (var g = 0; g < groupCount; g++)
        {
            var (worstWeight, total, rows) = Of(g);
            if (rows == 0)
            {
                continue;
            }
            var distribution = order.ToDictionary(name => name, name =>
            {
                var share = total > 0 ? stats.Cell(g * names.Length + Array.IndexOf(names, name)).Weight() / total : (double?)null;
                return share is { } v ? Metric.Of(v, rows) : Metric.UndefinedBecause("the group's weights sum to 0");
            });
            var rate = total > 0 ? Metric.Of(worstWeight / total, rows) : Metric.UndefinedBecause("the group's weights sum to 0");
            if (analytical && total > 0)
            {
                rate = rate with { Ci = FairnessAnalysis.Bounds(ProportionInterval.Wilson(worstWeight, total, options.Confidence)) };
            }
            Metric ratio;
            // The reference's suppression comes first, by the same rule as every group's (rows, or people with frequency weights).
            if (disclosure.IsWithheld(attribute.Groups.Attribute, attribute.Groups.Levels[referenceIndex], reference.Rows, reference.Total))
            {
                ratio = Metric.UndefinedBecause("the reference group is suppressed to protect small groups");
            }
            else if (reference.Total <= 0 || reference.Worst <= 0)
            {
                ratio = Metric.UndefinedBecause("nobody in the reference group has the worst grade");
            }
            else if (total > 0)
            {
                ratio = Metric.Of(worstWeight / total / (reference.Worst / reference.Total));
                if (analytical && g != referenceIndex)
                {
                    ratio = ratio with { Ci = FairnessAnalysis.Bounds(ProportionInterval.KatzLogRatio(worstWeight, total, reference.Worst, reference.Total, options.Confidence)) };
                }
            }
            else
            {
                ratio = Metric.UndefinedBecause("the group's weights sum to 0");
            }
            result[GroupKey.Of([attribute.Groups.Attribute], [attribute.Groups.Levels[g]])] = new GradeSummary(distribution, rate, ratio);
        }
        return result;
    }
}
