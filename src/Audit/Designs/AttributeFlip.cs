using System.Globalization;
using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Results;

namespace Audit.Designs;

/// <summary>
/// The attribute-flip test: everyone re-scored with one column (a protected attribute, or a model input that encodes
/// it) set to each of its values in turn, as Lighthouse Reports did for Rotterdam's welfare model ("all 12,645 rows set
/// to woman"). For each value: the mean score and the flag rate, and their change from the observed population; and,
/// per observed group of the column (the people who actually have each value), the flag rate before and after. The
/// audited cut-off score is held fixed (<see cref="Redecision"/>, "fixed cut-off"), so a change in flag rate is the
/// effect of the column alone. Means and rates are weighted by the plan's weights.
/// </summary>
public static class AttributeFlip
{
    public static AttributeFlipResult Run(DesignInput input, FlipPlan plan)
    {
        Redecision.RequireScores(input, "attribute-flip", plan.Column);
        var table = input.Table;
        var column = table[plan.Column.Name];
        var values = plan.Values ?? column switch
        {
            CategoricalColumn c => c.Levels.Order(StringComparer.Ordinal).ToArray(),
            BooleanColumn => ["false", "true"],
            NumericColumn n when Distinct(n) is { Count: <= GroupAssignment.MaxDistinctNumericGroups } d => d.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray(),
            _ => throw new AuditInputException("a numeric column with many values needs the values to set", file: input.PlanFile, line: plan.Column.Line,
                keyPath: plan.Column.KeyPath, column: plan.Column.Name, hint: "add 'values: [...]' to the flip"),
        };
        var observedGroups = GroupAssignment.FromColumn(column, null);
        var observedFlags = Redecision.Decide(input, input.Model, table, input.Scores, fixedCutoff: true);
        var observedMean = Mean(input.Scores, input.Weights, null, -1);
        var observedRate = Rate(observedFlags, input.Weights, null, -1);
        var scenarios = new List<FlipScenario>();
        foreach (var value in values)
        {
            var flipped = table.WithColumn(Constant(column, value, input.PlanFile, plan));
            var scores = input.Model.Score(flipped);
            var flags = Redecision.Decide(input, input.Model, flipped, scores, fixedCutoff: true);
            var mean = Mean(scores, input.Weights, null, -1);
            var rate = Rate(flags, input.Weights, null, -1);
            var groups = new List<FlipGroupChange>();
            for (var g = 0; g < observedGroups.Levels.Length; g++)
            {
                var rows = observedGroups.Codes.LongCount(c => c == g);
                if (rows == 0)
                {
                    continue;
                }
                if (input.Options.Disclosure.IsWithheld(plan.Column.Name, observedGroups.Levels[g], rows, rows))
                {
                    // No row count either: it is the suppressed group's size.
                    groups.Add(new FlipGroupChange(observedGroups.Levels[g], null, Metric.SuppressedCell(), Metric.SuppressedCell(), Metric.SuppressedCell()));
                    continue;
                }
                var change = Mean(scores, input.Weights, observedGroups.Codes, g) - Mean(input.Scores, input.Weights, observedGroups.Codes, g);
                groups.Add(new FlipGroupChange(observedGroups.Levels[g], rows,
                    Metric.Of(Rate(observedFlags, input.Weights, observedGroups.Codes, g), rows),
                    Metric.Of(Rate(flags, input.Weights, observedGroups.Codes, g), rows),
                    Metric.Of(change, rows)));
            }
            var n = table.RowCount;
            scenarios.Add(new FlipScenario(value, Metric.Of(mean, n), Metric.Of(rate, n), Metric.Of(mean - observedMean, n), Metric.Of(rate - observedRate, n), groups));
        }
        return new AttributeFlipResult(plan.Column.Name, Redecision.FixedCutoff(input), Metric.Of(observedMean, table.RowCount), Metric.Of(observedRate, table.RowCount), scenarios);
    }

    private static SortedSet<double> Distinct(NumericColumn column)
    {
        var set = new SortedSet<double>();
        foreach (var v in column.Values)
        {
            if (!double.IsNaN(v) && set.Add(v) && set.Count > GroupAssignment.MaxDistinctNumericGroups)
            {
                break;
            }
        }
        return set;
    }

    /// <summary>The column with every row set to one value, of the same type (a categorical column keeps its levels, so models read it alike).</summary>
    private static Column Constant(Column column, string value, string planFile, FlipPlan plan)
    {
        var n = column.Length;
        switch (column)
        {
            case CategoricalColumn c:
                var levels = c.Levels.Contains(value) ? c.Levels.ToArray() : [.. c.Levels, value];
                return new CategoricalColumn(c.Name, Enumerable.Repeat(Array.IndexOf(levels, value), n).ToArray(), levels);
            case BooleanColumn b:
                byte bit = value switch
                {
                    "true" or "1" => 1,
                    "false" or "0" => 0,
                    _ => throw new AuditInputException("a boolean column is set to true or false", file: planFile, line: plan.Column.Line, keyPath: plan.Column.KeyPath, found: value),
                };
                return new BooleanColumn(b.Name, Enumerable.Repeat(bit, n).ToArray());
            default:
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
                {
                    throw new AuditInputException("a numeric column is set to a number", file: planFile, line: plan.Column.Line, keyPath: plan.Column.KeyPath, found: value);
                }
                return new NumericColumn(column.Name, Enumerable.Repeat(x, n).ToArray());
        }
    }

    /// <summary>Weighted mean over the rows of group <paramref name="group"/> (all rows when codes are null).</summary>
    private static double Mean(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, int[]? codes, int group)
    {
        double sum = 0, total = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (codes is not null && codes[i] != group)
            {
                continue;
            }
            var w = weights.Length == 0 ? 1.0 : weights[i];
            sum += w * values[i];
            total += w;
        }
        return sum / total;
    }

    /// <summary>The weighted share flagged: the mean of the 0/1 flags.</summary>
    private static double Rate(byte[] flags, ReadOnlySpan<double> weights, int[]? codes, int group) =>
        Mean(Array.ConvertAll(flags, f => (double)f), weights, codes, group);
}
