using System.Globalization;
using Audit.Data;
using Audit.Models;
using Audit.Policy;

namespace Audit.Explain;

/// <summary>
/// Builds a <see cref="PersonExplanation"/> for one row of a scored and decided population: the four items of CRPA
/// R311-3-1-2, the attribution and the reason codes. Labels, units and data sources come from the model spec's
/// variable metadata when the model has it (as <see cref="ModelInspection"/> reads a spec's metadata); the
/// attribution comes from the capability-driven <see cref="LocalExplainer"/>.
/// </summary>
public static class PersonExplanations
{
    /// <param name="publishedSpec">
    /// For a partially published spec whose central model <paramref name="model"/> is: the spec, whose coefficients
    /// (signs, intervals, unknowns) 3° gives as the weights of the specification; null otherwise.
    /// </param>
    public static PersonExplanation Build(string person, IScoringModel model, Table table, int row, double[] scores, int[]? grades,
        DecisionPolicy policy, PolicyOutcome outcome, ExplanationOptions options, LinearModel? publishedSpec = null)
    {
        var explainer = LocalExplainer.For(model, table, options);
        var attribution = explainer.Explain([row]).EnsureAdditive()[0];
        var spec = model as LinearModel;
        var info = spec?.Terms.ToDictionary(t => t.Feature, t => t.Info ?? FeatureInfo.None, StringComparer.Ordinal) ?? [];
        FeatureInfo InfoOf(string feature) => info.GetValueOrDefault(feature) ?? FeatureInfo.None;

        // 1°: where the score places the person.
        var score = scores[row];
        // Rank and share by the policies' own order (exact ties, then row order), so that rank ≤ k is flagged under a budget.
        var order = ScoreOrder.Of(model, table, scores);
        var lessAdverse = order.CountLessAdverse(row);
        var contribution = new DecisionContribution(score, model.ScoreIsProbability, 100.0 * lessAdverse / scores.Length, order.RankOf(row), scores.Length,
            policy.Kind, policy.Describe(model.Adverse), outcome.Cutoff, outcome.Flags[row] == 1, outcome.Flagged,
            grades is not null && model.Grades is { } scale ? scale.Bands[grades[row]].Name : null)
        {
            PolicyArguments = policy switch
            {
                ThresholdPolicy t => [R(t.Threshold)],
                TopFractionPolicy f => [R(f.Fraction * 100)],
                BudgetPolicy b => [b.Count.ToString(CultureInfo.InvariantCulture)],
                GradesPolicy g => [.. g.Flagged],
                _ => [],
            },
        };

        // 2°: the inputs, their values and sources.
        var inputs = model.Features.Select(f =>
        {
            var i = InfoOf(f.Name);
            return new PersonInput(f.Name, i.LabelFr, i.LabelEn, table[f.Name].FormatValue(row) ?? "", i.Unit, i.DataSource);
        }).ToArray();

        // 3°: each term's weight, as applied, and its contribution; for a model without terms, the attributions.
        var parameters = new List<AppliedParameter>();
        var featureIndex = explainer.Features.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        if (model is IAdditiveModel additive && explainer.ExplanationSpace == additive.ExplanationSpace)
        {
            var terms = new double[additive.TermNames.Count];
            additive.Contributions(table, row, terms);
            for (var t = 0; t < terms.Length; t++)
            {
                var name = additive.TermNames[t];
                var i = InfoOf(name);
                double? phi = featureIndex.TryGetValue(name, out var j) ? attribution.Contributions[j] : null;
                parameters.Add(new AppliedParameter(name, i.LabelFr, i.LabelEn, spec is null ? null : WeightOf(publishedSpec ?? spec, t), spec is null ? null : AppliedOf(spec, t, table, row), terms[t], phi));
            }
        }
        else
        {
            for (var j = 0; j < explainer.Features.Count; j++)
            {
                var i = InfoOf(explainer.Features[j]);
                parameters.Add(new AppliedParameter(explainer.Features[j], i.LabelFr, i.LabelEn, null, null, attribution.Contributions[j], attribution.Contributions[j]));
            }
        }

        // 4°: the operations, in order.
        var operations = new List<Operation> { new("read_inputs", [model.Features.Count.ToString(CultureInfo.InvariantCulture)]) };
        var n = (double x) => x.ToString("0.####", CultureInfo.InvariantCulture);
        if (model is IAdditiveModel a)
        {
            operations.Add(new("add_terms", [n(a.Intercept), n(attribution.Value), a.ExplanationSpace]));
            if (model.ScoreIsProbability)
            {
                operations.Add(new("logistic", [n(attribution.Value), n(score)]));
            }
            else if (model.Kind == "logistic-scaled")
            {
                operations.Add(new("scale", [n(score)]));
            }
        }
        else if (model is ITreeEnsemble trees)
        {
            operations.Add(new("trees", [trees.Trees.Count.ToString(CultureInfo.InvariantCulture), n(attribution.Value), trees.Link, n(score)]));
        }
        else
        {
            operations.Add(new("model", [model.Kind, n(score)]));
        }
        if (contribution.Grade is { } grade)
        {
            operations.Add(new("grade", [grade]));
        }
        operations.Add(new("policy", [contribution.Policy, outcome.Cutoff is { } c ? n(c) : "", contribution.Flagged ? "1" : "0"]));
        operations.Add(new("explain", [explainer.MethodCode, explainer.Background.Count.ToString(CultureInfo.InvariantCulture), explainer.ExplanationSpace]));

        var orientation = explainer.ScoreOrientation();
        IReadOnlyList<ReasonCode> reasons;
        string reasonMethod;
        if (UsesPoints(model, explainer) && model is IAdditiveModel scorecard)
        {
            // Scorecards: points below the most favourable points any audited person gets on each term.
            var population = SeededSample.Draw(table.RowCount, options.MaxRows, options.Seed + 3);
            var best = ReasonCodes.MostFavourable(scorecard.AllContributions(explainer.Rows.Select(population)), model.Adverse, orientation);
            var points = new double[scorecard.TermNames.Count];
            scorecard.Contributions(table, row, points);
            reasons = ReasonCodes.PointsBelowBest(scorecard.TermNames, points, best, model.Adverse, options.ReasonCodes, orientation);
            reasonMethod = ReasonCodes.PointsMethodDescription;
        }
        else
        {
            reasons = ReasonCodes.For(attribution, explainer.Features, model.Adverse, options.ReasonCodes, orientation);
            reasonMethod = ReasonCodes.MethodDescription;
        }
        return new PersonExplanation
        {
            Person = person,
            Model = model.Name,
            ModelKind = model.Kind,
            ModelSource = spec?.Source,
            Adverse = model.Adverse.ToString().ToLowerInvariant(),
            Contribution = contribution,
            Inputs = inputs,
            Parameters = parameters,
            Intercept = model is IAdditiveModel withIntercept ? withIntercept.Intercept : null,
            Operations = operations,
            Method = explainer.Method,
            MethodCode = explainer.MethodCode,
            ReasonCodeMethodCode = reasonMethod == ReasonCodes.PointsMethodDescription ? "points" : "attribution",
            ExplanationSpace = explainer.ExplanationSpace,
            Baseline = attribution.Baseline,
            Value = attribution.Value,
            AdditivityError = attribution.AdditivityError,
            BackgroundRows = explainer.Background.Count,
            ReasonCodes = reasons,
            ReasonCodeMethod = reasonMethod,
        };
    }

    /// <summary>Whether reason codes follow the scorecard method: an additive model explained in points.</summary>
    public static bool UsesPoints(IScoringModel model, LocalExplainer explainer) =>
        model is IAdditiveModel additive && additive.ExplanationSpace == "points" && explainer.ExplanationSpace == "points";

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The spec's weights of term t: every level or bin (or the weight), then the weight of a level the spec does not
    /// list (<c>other</c>) and of a missing value (<c>missing</c>) when the spec gives them, since either can be the one
    /// applied to the person.
    /// </summary>
    private static string WeightOf(LinearModel spec, int t)
    {
        if (t >= spec.Terms.Count)
        {
            var interaction = spec.Interactions[t - spec.Terms.Count];
            return $"{interaction.Weight} when " + string.Join(" and ", interaction.When.Select(c => $"{c.Feature} = {c.Value}"));
        }
        var term = spec.Terms[t];
        var weights = new List<string>();
        if (term.Bins is { } bins)
        {
            weights.AddRange(bins.Select(b => $"[{(b.Min is { } lo ? R(lo) : "−∞")}, {(b.Max is { } hi ? R(hi) : "+∞")}) {b.Points}"));
        }
        else if (term.LevelWeights.Count > 0)
        {
            weights.AddRange(term.LevelWeights.Select(p => $"{p.Key} {p.Value}"));
        }
        else
        {
            weights.Add(term.Weight.ToString());
        }
        if (term.Other is { } other)
        {
            weights.Add($"other {other}");
        }
        if (term.Missing is { } missing)
        {
            weights.Add($"missing {missing}");
        }
        return string.Join("; ", weights);
    }

    /// <summary>The weight of term t that applies to the row: its bin, level, truth value or weight × value.</summary>
    private static string AppliedOf(LinearModel spec, int t, Table table, int row)
    {
        if (t >= spec.Terms.Count)
        {
            var interaction = spec.Interactions[t - spec.Terms.Count];
            var holds = interaction.When.All(c => table[c.Feature].FormatValue(row) is { } v && (v == c.Value || (c.Value == "true" && v == "1") || (c.Value == "false" && v == "0")));
            return holds ? $"applies: {interaction.Weight}" : "does not apply: 0";
        }
        var term = spec.Terms[t];
        var text = table[term.Feature].FormatValue(row);
        if (text is null)
        {
            return $"missing: {term.Missing?.ToString() ?? "no rule"}";
        }
        if (term.Bins is { } bins && table[term.Feature] is NumericColumn numeric)
        {
            var bin = bins.FirstOrDefault(b => b.Contains(numeric[row]));
            return bin is null ? "outside the bins" : $"[{(bin.Min is { } lo ? R(lo) : "−∞")}, {(bin.Max is { } hi ? R(hi) : "+∞")}) {bin.Points}";
        }
        if (term.LevelWeights.Count > 0)
        {
            return term.LevelWeights.TryGetValue(text, out var w) ? $"{text}: {w}" : $"other: {term.Other}";
        }
        if (term.Type == ColumnType.Boolean)
        {
            return text is "true" or "1" ? $"true: {term.Weight}" : "false: 0";
        }
        return $"{term.Weight} × {text}";
    }
}
