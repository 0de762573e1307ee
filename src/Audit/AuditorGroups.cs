using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Plan;
using Audit.Pipeline;

namespace Audit;

public static partial class Auditor
{
    /// <summary>Where a plan names each protected attribute and its intersections, for errors; null for a population built in code.</summary>
    private sealed record GroupSites(string PlanFile, IReadOnlyList<ProtectedAttributeSpec> Attributes, long IntersectionsLine);

    /// <summary>Who a plan compares: its label, weights, protected attributes and intersections.</summary>
    private static PopulationGroups GroupsOf(AuditPlan plan) =>
        new([.. plan.ProtectedAttributes.Select(a => new ProtectedColumn(a.Column.Name, a.Bands, a.Reference) { Order = a.Order, Groups = a.Groups })])
        {
            // A label-only audit takes the label as the decision: error rates of a decision against itself mean nothing.
            Label = plan.Model is DecisionColumnSource { FromLabel: true } ? null : plan.Label?.Name,
            LabelOutcome = plan.LabelOutcome,
            Weight = plan.Weight?.Name,
            FrequencyWeights = plan.Weights == WeightKind.Frequency,
            Intersections = plan.Intersections,
        };

    /// <summary>
    /// The one place where the labels, the weights and the protected groups of a decided table are read and checked
    /// (the reference group occurs, the group and cell counts are within the limits), for a plan and for code alike.
    /// </summary>
    private static DecidedPopulation Grouped(DecidedPopulation decided, PopulationGroups groups, InputLimits limits, string dataName, GroupSites? sites)
    {
        var table = decided.Table;
        byte[] labels = [];
        if (groups.Label is { } labelColumn)
        {
            try
            {
                const string hint = "the label is 1 when the adverse outcome was observed, 0 when not, empty when unknown; for other codes, write 'label: { column: ..., values: { favourable: [...], adverse: [...] } }'";
                labels = groups.LabelOutcome is { } coding
                    ? coding.Read(table, labelColumn, "label", hint)
                    : BinaryColumn.Read(table, labelColumn, "label", hint);
            }
            catch (AuditInputException e)
            {
                throw table.Locate(e, dataName);
            }
        }
        var weights = groups.Weight is { } weightColumn
            ? ReadWeights(table, weightColumn, dataName, groups.FrequencyWeights ? WeightKind.Frequency : WeightKind.Sampling)
            : [];
        var attributes = groups.Attributes.Select((a, i) => AttributeOf(table, a, limits, sites, i)).ToArray();
        var names = groups.Attributes.Select(a => a.Column).ToList();
        var crossings = groups.Intersections ?? [.. FairnessOptions.Pairs(names.Count).Select(set => (IReadOnlyList<string>)[.. set.Select(i => names[i])])];
        CheckCrossings(crossings, names, attributes, limits, sites?.PlanFile ?? dataName, sites?.IntersectionsLine ?? 0);
        return decided with
        {
            Labels = labels,
            LabelColumn = groups.Label,
            Weights = weights,
            FrequencyWeights = groups.FrequencyWeights,
            Attributes = attributes,
            Intersections = [.. crossings.Select(set => (IReadOnlyList<int>)set.Select(name => names.IndexOf(name)).ToArray())],
        };
    }

    /// <summary>One protected attribute's groups, its reference checked against them and their count against the limit.</summary>
    private static AttributeInput AttributeOf(Table table, ProtectedColumn attribute, InputLimits limits, GroupSites? sites, int index)
    {
        var site = sites?.Attributes[index];
        var (file, line, keyPath) = (sites?.PlanFile, site?.Line ?? 0, site?.KeyPath ?? $"protected_attributes[{index}]");
        GroupAssignment groups;
        try
        {
            groups = GroupAssignment.FromColumn(table[attribute.Column], attribute.Bands, attribute.Order, attribute.Groups);
        }
        catch (AuditInputException e)
        {
            throw new AuditInputException(e.Problem, file: file, line: site?.Line, keyPath: attribute.Groups is null ? keyPath : keyPath + ".groups",
                column: e.Column, expected: e.Expected, found: e.Found, hint: e.Hint);
        }
        if (attribute.Reference is { } reference && !groups.Levels.Contains(reference))
        {
            throw new AuditInputException($"the reference group '{reference}' does not occur in the data",
                file: file, line: site?.Line, keyPath: keyPath + ".reference", column: attribute.Column,
                expected: "one of " + string.Join(", ", groups.Levels), found: reference,
                hint: "name a group that occurs, or write 'reference: largest'");
        }
        limits.CheckGroups(groups.Levels.Length, attribute.Column, file ?? "", line, keyPath);
        return new AttributeInput(groups, attribute.Bands, attribute.Reference);
    }

    /// <summary>Every intersection's cell count (the product of its attributes' group counts) within the limit, before any counting.</summary>
    private static void CheckCrossings(IReadOnlyList<IReadOnlyList<string>> crossings, List<string> columns, IReadOnlyList<AttributeInput> attributes,
        InputLimits limits, string file, long line)
    {
        foreach (var set in crossings)
        {
            var cells = 1L;
            foreach (var name in set)
            {
                var levels = attributes[columns.IndexOf(name)].Groups.Levels.Length;
                cells = cells > long.MaxValue / Math.Max(1, levels) ? long.MaxValue : cells * levels;
            }
            limits.CheckCells(cells, string.Join(" × ", set), file, line, "intersections");
        }
    }

    private static double[] ReadWeights(Table table, string name, string dataName, WeightKind kind)
    {
        if (table[name] is not NumericColumn column)
        {
            throw new AuditInputException("the weight column is not numeric", file: dataName, column: name, expected: "numbers");
        }
        var values = column.Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (!(values[i] >= 0) || double.IsInfinity(values[i]))
            {
                throw table.Locate(new AuditInputException(double.IsNaN(values[i]) ? "missing weight" : "negative weight", file: dataName, row: i + 1, column: name,
                    expected: "a weight of 0 or more on every row", found: column.FormatValue(i) ?? "",
                    hint: "fix the weight, or drop the row before the audit"), dataName);
            }
            if (kind == WeightKind.Frequency && values[i] != Math.Floor(values[i]))
            {
                throw table.Locate(new AuditInputException("a frequency weight is not a whole number", file: dataName, row: i + 1, column: name,
                    expected: "a whole number of identical people", found: column.FormatValue(i) ?? "",
                    hint: "survey weights are 'weights: sampling' (the default); frequency weights count people"), dataName);
            }
        }
        // Each weight is within ±1e15 (CheckMagnitudes), so the total is finite (issue 16, class 4).
        var total = 0.0;
        foreach (var w in values)
        {
            total += w;
        }
        if (total == 0)
        {
            // Every rate would be 0/0: it ended in the JSON writer's exception, an internal error.
            throw new AuditInputException("every weight is 0: the weights count no one", file: dataName, column: name,
                expected: "at least one weight above 0", hint: "check the weight column, or leave 'roles.weight' out to count every row once");
        }
        if (kind == WeightKind.Frequency && total > int.MaxValue)
        {
            // The tests of the fairness stage count people in 32-bit integers; a larger total ended in an OverflowException.
            throw new AuditInputException($"the frequency weights add up to {total:N0} people, more than the {int.MaxValue:N0} the tests can count", file: dataName, column: name,
                expected: $"frequency weights adding up to at most {int.MaxValue:N0}",
                hint: "check the weight column; survey weights are 'weights: sampling' (the default), which has no such bound");
        }
        return values.ToArray();
    }

}
