using System.Globalization;
using Audit.Results;
using Audit.Data;
using Audit.Models;
using Audit.Policy;

namespace Audit.Explain;

/// <summary>
/// Builds a <see cref="PersonExplanation"/> for one row of a scored and decided population: the four items of CRPA
/// R311-3-1-2, the attribution and the reason codes. Everything beyond the scores comes from what the model offers,
/// whatever its type: labels, units and data sources from <see cref="IFeatureMetadata"/>, the stated weights and the
/// citation from <see cref="IPublishedModel"/>, the terms from <see cref="IAdditiveModel"/>; the attribution comes
/// from the capability-driven <see cref="LocalExplainer"/>.
/// </summary>
public static class PersonExplanations
{
    /// <param name="publishedSpec">
    /// For a partially published spec whose central model <paramref name="model"/> is: the spec, whose coefficients
    /// (signs, intervals, unknowns) 3° gives as the weights of the specification; null otherwise.
    /// </param>
    public static PersonExplanation Build(string person, IScoringModel model, Table table, int row, double[] scores, int[]? grades,
        DecisionPolicy policy, PolicyOutcome outcome, ExplanationOptions options, IPublishedModel? publishedSpec = null)
    {
        var explainer = LocalExplainer.For(model, table, options);
        var attribution = explainer.Explain([row]).EnsureAdditive()[0];
        var contribution = Placement(model, table, row, scores, grades, policy, outcome);
        var (reasons, reasonMethod) = Reasons(model, table, row, explainer, attribution, options);
        return new PersonExplanation
        {
            Person = person,
            Model = model.Name,
            ModelKind = model.Kind,
            ModelSource = (model as IPublishedModel)?.Source,
            Adverse = model.Adverse.ToString().ToLowerInvariant(),
            Contribution = contribution,
            Inputs = Inputs(model, table, row),
            Parameters = Parameters(model, table, row, explainer, attribution, publishedSpec),
            Intercept = model is IAdditiveModel withIntercept ? withIntercept.Intercept : null,
            Operations = Operations(model, scores[row], explainer, attribution, contribution, outcome),
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

    /// <summary>What the model declares about an input or term (labels, unit, source), when it declares anything (<see cref="IFeatureMetadata"/>).</summary>
    private static FeatureInfo InfoOf(IScoringModel model, string feature) =>
        model is IFeatureMetadata metadata ? metadata.InfoOf(feature) : FeatureInfo.None;

    /// <summary>1°: where the score places the person, and what the policy made of it.</summary>
    private static DecisionContribution Placement(IScoringModel model, Table table, int row, double[] scores, int[]? grades,
        DecisionPolicy policy, PolicyOutcome outcome)
    {
        // Rank and share by the policies' own order (exact ties, then row order), so that rank ≤ k is flagged under a budget.
        var order = ScoreOrder.Of(model, table, scores);
        var lessAdverse = order.CountLessAdverse(row);
        return new DecisionContribution(scores[row], model.ScoreIsProbability, 100.0 * lessAdverse / scores.Length, order.RankOf(row), scores.Length,
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
    }

    /// <summary>2°: the inputs, their values and sources.</summary>
    private static PersonInput[] Inputs(IScoringModel model, Table table, int row) =>
        model.Features.Select(f =>
        {
            var i = InfoOf(model, f.Name);
            return new PersonInput(f.Name, i.LabelFr, i.LabelEn, table[f.Name].FormatValue(row) ?? "", i.Unit, i.DataSource);
        }).ToArray();

    /// <summary>
    /// 3°: each term's weight, as the spec states it and as applied (when the model is published, <see cref="IPublishedModel"/>),
    /// and its contribution; for a model without terms in the explained space, the attributions.
    /// </summary>
    private static List<AppliedParameter> Parameters(IScoringModel model, Table table, int row, LocalExplainer explainer,
        Attribution attribution, IPublishedModel? publishedSpec)
    {
        var parameters = new List<AppliedParameter>();
        if (model is IAdditiveModel additive && explainer.ExplanationSpace == additive.ExplanationSpace)
        {
            var featureIndex = explainer.Features.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
            var published = model as IPublishedModel;
            var terms = new double[additive.TermNames.Count];
            additive.Contributions(table, row, terms);
            for (var t = 0; t < terms.Length; t++)
            {
                var name = additive.TermNames[t];
                var i = InfoOf(model, name);
                double? phi = featureIndex.TryGetValue(name, out var j) ? attribution.Contributions[j] : null;
                parameters.Add(new AppliedParameter(name, i.LabelFr, i.LabelEn, published is null ? null : (publishedSpec ?? published).StatedWeight(t),
                    published?.AppliedWeight(t, table, row), terms[t], phi));
            }
            return parameters;
        }
        for (var j = 0; j < explainer.Features.Count; j++)
        {
            var i = InfoOf(model, explainer.Features[j]);
            parameters.Add(new AppliedParameter(explainer.Features[j], i.LabelFr, i.LabelEn, null, null, attribution.Contributions[j], attribution.Contributions[j]));
        }
        return parameters;
    }

    /// <summary>4°: the operations, in order: read, combine (terms, trees or the model's own), grade, decide, explain.</summary>
    private static List<Operation> Operations(IScoringModel model, double score, LocalExplainer explainer, Attribution attribution,
        DecisionContribution contribution, PolicyOutcome outcome)
    {
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
        return operations;
    }

    /// <summary>The reason codes and the method that chose them: points below the best for a scorecard, else the attribution.</summary>
    private static (IReadOnlyList<ReasonCode> Reasons, string Method) Reasons(IScoringModel model, Table table, int row, LocalExplainer explainer,
        Attribution attribution, ExplanationOptions options)
    {
        var orientation = explainer.ScoreOrientation();
        if (UsesPoints(model, explainer) && model is IAdditiveModel scorecard)
        {
            // Scorecards: points below the most favourable points any audited person gets on each term.
            var population = SeededSample.Draw(table.RowCount, options.MaxRows, options.Seed + 3);
            var best = ReasonCodes.MostFavourable(scorecard.AllContributions(explainer.Rows.Select(population)), model.Adverse, orientation);
            var points = new double[scorecard.TermNames.Count];
            scorecard.Contributions(table, row, points);
            return (ReasonCodes.PointsBelowBest(scorecard.TermNames, points, best, model.Adverse, options.ReasonCodes, orientation), ReasonCodes.PointsMethodDescription);
        }
        return (ReasonCodes.For(attribution, explainer.Features, model.Adverse, options.ReasonCodes, orientation), ReasonCodes.MethodDescription);
    }

    /// <summary>Whether reason codes follow the scorecard method: an additive model explained in points.</summary>
    public static bool UsesPoints(IScoringModel model, LocalExplainer explainer) =>
        model is IAdditiveModel additive && additive.ExplanationSpace == "points" && explainer.ExplanationSpace == "points";

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
