using System.Globalization;

namespace Audit.Models;

/// <summary>One row of a model's variable table: what <c>audit model inspect</c> prints.</summary>
/// <param name="Weight">The weight, or the weights per level or bin, as text ("0.5", "− (value unknown)", "couple 0; seul 0.6").</param>
/// <param name="Direction">"raises the score", "lowers the score", "depends on the level", "unknown".</param>
public sealed record VariableRow(string Name, string Type, string Weight, string Direction, string Actionability, string Source, string? Label);

/// <summary>What a model is and can do, for <c>audit model inspect</c>.</summary>
/// <param name="Capabilities">"additive (points)", "tree ensemble (120 trees)", "grades (A, B, C, D)".</param>
public sealed record ModelInspectionResult(
    string Name,
    string Kind,
    string? Adverse,
    IReadOnlyList<FeatureSpec> Inputs,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<VariableRow> Variables,
    IReadOnlyList<string> Notes);

/// <summary>Describes a loaded model from its capabilities (never from its concrete type, except to read a spec's metadata).</summary>
public static class ModelInspection
{
    public static ModelInspectionResult Inspect(IScoringModel model)
    {
        var capabilities = new List<string>();
        if (model is IAdditiveModel additive)
        {
            capabilities.Add($"additive: exact contributions in {additive.ExplanationSpace}");
        }
        if (model is ITreeEnsemble trees)
        {
            capabilities.Add($"tree ensemble: {trees.Trees.Count} trees over {trees.TreeFeatures.Count} features, link {trees.Link}");
        }
        if (model.Grades is { } grades)
        {
            capabilities.Add("grades (favourable to adverse): " + string.Join(", ", grades.FavourableToAdverse));
        }
        var variables = new List<VariableRow>();
        var notes = new List<string>(model.Details);
        if (model is LinearModel spec)
        {
            // A scaled score is offset − factor × η: a term that raises η lowers the score people see.
            var orientation = spec.Scaling is null ? 1 : -1;
            foreach (var term in spec.Terms)
            {
                variables.Add(new VariableRow(
                    term.Feature,
                    term.Type.ToString().ToLowerInvariant() + (term.Info?.Unit is { } unit ? $" ({unit})" : ""),
                    WeightText(term),
                    DirectionText(term, spec.Adverse, orientation),
                    term.Info?.Actionability is { } a ? ActionabilityName(a) : "not stated",
                    term.Info?.Source ?? term.Weight.Source ?? spec.Source ?? "not stated",
                    term.Info?.LabelFr ?? term.Info?.LabelEn));
            }
            foreach (var interaction in spec.Interactions)
            {
                variables.Add(new VariableRow(interaction.Name, "interaction (" + string.Join(" and ", interaction.When.Select(c => $"{c.Feature} = {c.Value}")) + ")",
                    interaction.Weight.ToString(), Direction(interaction.Weight.Direction * orientation), "follows its variables", interaction.Source ?? interaction.Weight.Source ?? spec.Source ?? "not stated", null));
            }
            notes.Add($"intercept {spec.InterceptCoefficient}");
            if (spec.Scaling is { } s)
            {
                notes.Add($"scaled: {s.BaseScore.ToString("R", CultureInfo.InvariantCulture)} points at odds {s.BaseOdds.ToString("R", CultureInfo.InvariantCulture)}:1, {s.PointsToDoubleOdds.ToString("R", CultureInfo.InvariantCulture)} points to double the odds; weights are log-odds of the adverse outcome, so a negative weight raises the score");
            }
            if (spec.Grades is { } scale)
            {
                notes.Add("grade bands: " + scale.Describe());
                notes.AddRange(scale.Bands.Where(b => b.Consequence is not null).Select(b => $"grade {b.Name}: {b.Consequence}"));
            }
            notes.AddRange(spec.Overrides.Select(o => (o.SetGrade is { } set ? $"override: grade {set}" : $"override: grade at best {o.CapGrade}") +
                " when " + string.Join(" and ", o.When.Select(c => $"{c.Feature} = {c.Value}"))));
            if (!spec.FullyKnown)
            {
                notes.Add("some coefficients are known only by sign or interval, or not at all: rows where they apply cannot be scored");
            }
        }
        return new ModelInspectionResult(model.Name, model.Kind, model is LinearModel ? model.Adverse.ToString().ToLowerInvariant() : null,
            model.Features, capabilities, variables, notes);
    }

    private static string WeightText(LinearTerm term) =>
        term.Bins is { } bins ? string.Join("; ", bins.Select(b => $"[{b.Min?.ToString("R", CultureInfo.InvariantCulture) ?? "−∞"}, {b.Max?.ToString("R", CultureInfo.InvariantCulture) ?? "+∞"}) {b.Points}"))
        : term.LevelWeights.Count > 0 ? string.Join("; ", term.LevelWeights.Select(p => $"{p.Key} {p.Value}")) + (term.Other is { } o ? $"; other {o}" : "")
        : term.Weight.ToString();

    /// <summary>
    /// The direction of a term's effect on the score, and whether it is adverse for the person. <paramref name="orientation"/>
    /// is −1 for a scaled score, which falls as η rises.
    /// </summary>
    private static string DirectionText(LinearTerm term, AdverseTail adverse, int orientation)
    {
        if (term.LevelWeights.Count > 0 || term.Bins is not null)
        {
            return "depends on the level";
        }
        var onScore = term.Weight.Direction * orientation;
        var direction = Direction(onScore);
        return onScore is { } d && d != 0
            ? direction + ((d > 0) == (adverse == AdverseTail.High) ? " (adverse)" : " (favourable)")
            : direction;
    }

    private static string Direction(int? sign) => sign switch
    {
        > 0 => "raises the score",
        < 0 => "lowers the score",
        0 => "no effect",
        null => "unknown",
    };

    private static string ActionabilityName(Actionability a) => a switch
    {
        Actionability.Immutable => "immutable",
        Actionability.IncreaseOnly => "can only increase",
        Actionability.DecreaseOnly => "can only decrease",
        _ => "free",
    };
}
