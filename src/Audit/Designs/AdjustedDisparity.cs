using System.Globalization;
using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Results;

namespace Audit.Designs;

/// <summary>
/// Disparity once legitimate factors are accounted for, two ways.
/// <list type="number">
/// <item>ProPublica's method (Larson et al. 2016, "How We Analyzed the COMPAS Recidivism Algorithm"): a logistic
/// regression of the decision (flagged or not) on every protected attribute (as factors against their reference
/// groups) and the controls, fitted by <see cref="LogisticRegression"/>; each protected group's adjusted odds ratio
/// exp(β) with its Wald interval and test, and ProPublica's "times as likely" conversion at the control group's
/// probability (<see cref="LogisticFit.TimesAsLikely(int)"/>).</item>
/// <item>Within strata of the legitimate factors: each protected group against its reference by the
/// Mantel-Haenszel pooled odds ratio and the CMH test (<see cref="MantelHaenszel"/>), next to the crude odds ratio.</item>
/// </list>
/// Rows can first be restricted by conditions (ProPublica's filters on the COMPAS data).
/// </summary>
public static class AdjustedDisparity
{
    public static AdjustedDisparityResult Run(DesignInput input, AdjustedPlan plan)
    {
        var table = input.Table;
        var keep = RowFilter.Apply(table, plan.Rows);
        var filtered = keep.LongCount(k => !k);
        var outcome = plan.Outcome is { } column
            ? BinaryColumn.Read(table, column.Name, "outcome", "the regression's outcome is a 0/1 column")
            : input.Outcome.Flags;
        var rows = new List<int>();
        for (var i = 0; i < keep.Length; i++)
        {
            if (keep[i] && outcome[i] <= 1)
            {
                rows.Add(i);
            }
        }
        var regression = Fit(input, plan, outcome, rows);
        var withheld = WithheldGroups(input, rows);
        var protectedNames = input.Attributes.SelectMany(a => a.Groups.Levels.Select(level =>
            (Name: DesignMatrix.FactorName(a.Groups.Attribute, level), Group: GroupKey.Of([a.Groups.Attribute], [level]))))
            .ToDictionary(p => p.Name, p => p.Group, StringComparer.Ordinal);
        var coefficients = regression.Fit.Names.Select((name, j) => new RegressionCoefficient(name, regression.Fit.Coefficients[j], regression.Fit.StandardErrors[j], regression.Fit.WaldP(j)))
            .Where(c => !(protectedNames.TryGetValue(c.Name, out var group) && withheld.Contains(group))).ToArray();
        var effects = OddsRatios(input, regression, rows, withheld);
        var stratified = plan.Strata.Count > 0 ? Stratified(input, plan, regression.Outcome, rows, withheld) : [];
        return new AdjustedDisparityResult(
            plan.Outcome?.Name ?? "decision",
            regression.Used,
            filtered,
            plan.Rows.Select(c => c.Describe()).ToArray(),
            coefficients,
            effects,
            regression.Fit.ControlProbability,
            regression.Fit.Converged,
            regression.Fit.Iterations,
            stratified,
            plan.Strata.Select(s => s.Name).ToArray());
    }

    /// <summary>The fitted regression with its design, the outcome of each row used, and how many rows the fit could use.</summary>
    private sealed record Regression(DesignMatrix Design, LogisticFit Fit, byte[] Outcome, long Used);

    /// <summary>ProPublica's logistic regression of the outcome on the protected attributes (as factors against their references) and the controls.</summary>
    private static Regression Fit(DesignInput input, AdjustedPlan plan, byte[] outcome, List<int> rows)
    {
        var table = input.Table;
        var terms = new List<RegressionTerm>();
        for (var a = 0; a < input.Attributes.Count; a++)
        {
            var attribute = input.Attributes[a];
            terms.Add(new RegressionTerm(attribute.Groups.Attribute, attribute.Bands, attribute.Groups.Levels[input.References[a]], AsFactor: true) { Groups = attribute.Groups });
        }
        foreach (var control in plan.Controls)
        {
            terms.Add(new RegressionTerm(control.Ref.Name, null, control.Reference, control.AsFactor || table[control.Ref.Name] is not NumericColumn));
        }
        var design = DesignMatrix.Build(table, terms, rows);
        var y = new byte[rows.Count];
        var w = new double[rows.Count];
        long used = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            y[i] = outcome[rows[i]];
            w[i] = design.Usable[i] ? (input.Weights.Length == 0 ? 1 : input.Weights[rows[i]]) : 0;
            used += design.Usable[i] ? 1 : 0;
        }
        LogisticFit fit;
        try
        {
            // Sampling weights: sandwich standard errors; frequency weights and unweighted rows: the model-based ones.
            fit = LogisticRegression.Fit(design.X, y, w, design.Names, robust: input.Weights.Length > 0 && !input.Options.FrequencyWeights);
        }
        catch (ArgumentException)
        {
            // MathNet's Cholesky refuses a matrix that is not positive definite: the columns are collinear.
            throw Singular(input, plan);
        }
        if (fit.Coefficients.Concat(fit.StandardErrors).Any(x => !double.IsFinite(x)))
        {
            throw Singular(input, plan);
        }
        return new Regression(design, fit, y, used);
    }

    /// <summary>
    /// The protected groups whose figures are withheld: fewer rows than the minimum cell size (rows, not weights),
    /// hidden (it or its label metrics) by the fairness section, or in an attribute whose reference is withheld.
    /// </summary>
    private static HashSet<GroupKey> WithheldGroups(DesignInput input, IReadOnlyList<int> rows)
    {
        var withheld = new HashSet<GroupKey>();
        for (var a = 0; a < input.Attributes.Count; a++)
        {
            var groups = input.Attributes[a].Groups;
            var referenceHidden = Withheld(input, groups, input.References[a], rows);
            for (var g = 0; g < groups.Levels.Length; g++)
            {
                if (referenceHidden || Withheld(input, groups, g, rows))
                {
                    withheld.Add(GroupKey.Of([groups.Attribute], [groups.Levels[g]]));
                }
            }
        }
        return withheld;
    }

    /// <summary>Each protected group's adjusted odds ratio and ProPublica's "times as likely", suppressed when withheld.</summary>
    private static List<AdjustedOddsRatio> OddsRatios(DesignInput input, Regression regression, List<int> rows, HashSet<GroupKey> withheld)
    {
        var (design, fit) = (regression.Design, regression.Fit);
        var effects = new List<AdjustedOddsRatio>();
        for (var a = 0; a < input.Attributes.Count; a++)
        {
            var groups = input.Attributes[a].Groups;
            foreach (var level in groups.Levels)
            {
                var j = IndexOrMinus(fit, DesignMatrix.FactorName(groups.Attribute, level));
                if (j < 0)
                {
                    continue;
                }
                if (withheld.Contains(GroupKey.Of([groups.Attribute], [level])))
                {
                    effects.Add(new AdjustedOddsRatio(groups.Attribute, level, design.References[groups.Attribute], Metric.SuppressedCell(), Metric.SuppressedCell()));
                    continue;
                }
                var levelCode = Array.IndexOf(groups.Levels, level);
                var n = rows.LongCount(r => groups.Codes[r] == levelCode);
                var (lo, hi) = fit.OddsRatioInterval(j, input.Options.Confidence);
                var or = Metric.Of(fit.OddsRatio(j), n) with { Ci = [lo, hi], P = fit.WaldP(j), Test = "wald" };
                var p0 = fit.ControlProbability;
                var times = Metric.Of(fit.TimesAsLikely(j), n) with { Ci = [LogisticFit.TimesAsLikely(lo, p0), LogisticFit.TimesAsLikely(hi, p0)] };
                effects.Add(new AdjustedOddsRatio(groups.Attribute, level, design.References[groups.Attribute], or, times));
            }
        }
        return effects;
    }

    /// <summary>Each protected group against its reference within strata of the legitimate factors (Mantel-Haenszel).</summary>
    private static List<StratifiedComparison> Stratified(DesignInput input, AdjustedPlan plan, byte[] y, List<int> rows, HashSet<GroupKey> withheld)
    {
        var strata = plan.Strata.Select(s => GroupAssignment.FromColumn(input.Table[s.Name], null)).ToArray();
        var stratumOf = new int[input.Table.RowCount];
        var strataCount = 1;
        foreach (var s in strata)
        {
            for (var i = 0; i < stratumOf.Length; i++)
            {
                stratumOf[i] = stratumOf[i] * s.Levels.Length + s.Codes[i];
            }
            strataCount *= s.Levels.Length;
        }
        var stratified = new List<StratifiedComparison>();
        for (var a = 0; a < input.Attributes.Count; a++)
        {
            var groups = input.Attributes[a].Groups;
            var reference = input.References[a];
            for (var g = 0; g < groups.Levels.Length; g++)
            {
                if (g != reference)
                {
                    stratified.Add(CompareWithinStrata(input, groups, g, reference, y, rows, stratumOf, strataCount, withheld));
                }
            }
        }
        return stratified;
    }

    /// <summary>One group against the reference: its 2 × 2 table per stratum, the crude and the pooled odds ratio.</summary>
    private static StratifiedComparison CompareWithinStrata(DesignInput input, GroupAssignment groups, int g, int reference, byte[] y, List<int> rows, int[] stratumOf, int strataCount, HashSet<GroupKey> withheld)
    {
        var tables = new double[strataCount, 4];
        long groupRows = 0;
        for (var k = 0; k < rows.Count; k++)
        {
            var r = rows[k];
            var code = groups.Codes[r];
            groupRows += code == g ? 1 : 0;
            if (code != g && code != reference)
            {
                continue;
            }
            var weight = input.Weights.Length == 0 ? 1 : input.Weights[r];
            var cell = (code == g ? 0 : 2) + (y[k] == 1 ? 0 : 1);
            tables[stratumOf[r], cell] += weight;
        }
        var list = new List<StratumTable>();
        double ta = 0, tb = 0, tc = 0, td = 0;
        for (var s = 0; s < strataCount; s++)
        {
            list.Add(new StratumTable(tables[s, 0], tables[s, 1], tables[s, 2], tables[s, 3]));
            ta += tables[s, 0];
            tb += tables[s, 1];
            tc += tables[s, 2];
            td += tables[s, 3];
        }
        // Rows, not weights: a sum of sampling weights says nothing about how many people a cell holds.
        if (input.Options.Disclosure.IsBelowMinimum(groupRows, ta + tb) || withheld.Contains(GroupKey.Of([groups.Attribute], [groups.Levels[g]]))
            || Withheld(input, groups, g, rows) || Withheld(input, groups, reference, rows))
        {
            return new StratifiedComparison(groups.Attribute, groups.Levels[g], groups.Levels[reference], Metric.SuppressedCell(), Metric.SuppressedCell(), null, 0);
        }
        var crude = tb > 0 && tc > 0 ? Metric.Of(ta * td / (tb * tc), groupRows) : Metric.UndefinedBecause("a cell of the 2 × 2 table is empty", groupRows);
        var mh = MantelHaenszel.Compute(list, input.Options.Confidence);
        // With sampling weights the weighted 2 × 2 tables are not counts: the Robins-Breslow-Greenland variance
        // and the CMH test assume counts, so only the pooled odds ratio (a consistent estimate) is printed.
        var sampling = input.Weights.Length > 0 && !input.Options.FrequencyWeights;
        var pooled = mh.OddsRatio is { } value
            ? sampling
                ? Metric.Of(value, groupRows)
                : Metric.Of(value, groupRows) with { Ci = mh.Lower is { } l && mh.Upper is { } u ? [l, u] : null, P = mh.P, Test = "cmh" }
            : Metric.UndefinedBecause("no stratum has both an unflagged member of the group and a flagged member of the reference", groupRows);
        return new StratifiedComparison(groups.Attribute, groups.Levels[g], groups.Levels[reference], crude, pooled, sampling ? null : mh.ChiSquare, mh.Strata)
        {
            Note = sampling ? SamplingWeightsNote : null,
        };
    }

    /// <summary>Why a Mantel-Haenszel comparison under sampling weights has no interval and no test.</summary>
    public const string SamplingWeightsNote = "sampling weights: the pooled odds ratio only; its variance (Robins-Breslow-Greenland) and the CMH test assume counts, which weighted tables are not";

    /// <summary>Whether a protected group's figures are withheld: fewer rows than the minimum cell size, or hidden (it or its label metrics) by the fairness section.</summary>
    private static bool Withheld(DesignInput input, GroupAssignment groups, int code, IReadOnlyList<int> rows)
    {
        if (input.Options.Disclosure.IsLabelHidden(groups.Attribute, groups.Levels[code]))
        {
            return true;
        }
        long n = 0;
        for (var k = 0; k < rows.Count; k++)
        {
            n += groups.Codes[rows[k]] == code ? 1 : 0;
        }
        // Rows, not weights: the weight passed is the row count too.
        return input.Options.Disclosure.IsBelowMinimum(n, n);
    }

    private static AuditInputException Singular(DesignInput input, AdjustedPlan plan) =>
        new("the adjusted regression cannot be fitted: some of its columns are collinear (a control repeats a protected attribute or another control, or a level holds every row)",
            file: input.PlanFile, keyPath: "designs.adjusted.controls",
            found: string.Join(", ", plan.Controls.Select(c => c.Ref.Name)),
            hint: "remove the control that repeats another, or use 'strata' (Mantel-Haenszel) for it");

    private static int IndexOrMinus(LogisticFit fit, string name)
    {
        for (var j = 0; j < fit.Names.Count; j++)
        {
            if (fit.Names[j] == name)
            {
                return j;
            }
        }
        return -1;
    }
}
