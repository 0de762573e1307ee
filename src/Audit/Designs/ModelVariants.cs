using Audit.Fairness;
using Audit.Models;
using Audit.Results;

namespace Audit.Designs;

/// <summary>
/// Two models on the same people: the audited model against another (a published rule set against the deployed model,
/// as CRPA L312-1-3 lets a claimant ask; a version before and after a change), or against itself with one variable
/// dropped at a time. Both are decided by the plan's policy, re-ranked (<see cref="Redecision"/>): with a fixed
/// budget, dropping a variable moves others into the budget. Reported: who changes side (newly flagged, no longer
/// flagged, per group) and every group whose four-fifths verdict differs.
/// </summary>
public static class ModelVariants
{
    /// <summary>The audited model with each variable dropped in turn (its terms and the interactions that read it contribute 0).</summary>
    public static IReadOnlyList<ModelVariantResult> DropOne(DesignInput input)
    {
        if (input.Model is not IInputRemoval removal)
        {
            throw new AuditInputException("dropping one variable at a time needs a model whose terms are known (a linear, logistic or scorecard spec)",
                file: input.PlanFile, keyPath: "designs.drop_one", hint: "remove 'drop_one', or audit the model through a model spec");
        }
        var baseline = Verdicts(input, input.Outcome.Flags);
        var results = new List<ModelVariantResult>();
        foreach (var feature in removal.RemovableInputs)
        {
            results.Add(Compare(input, removal.Without(feature), "without " + feature, baseline));
        }
        return results;
    }

    /// <summary>Another model against the audited one.</summary>
    public static ModelVariantResult Versus(DesignInput input, IScoringModel other) =>
        Compare(input, other, other.Name, Verdicts(input, input.Outcome.Flags));

    private static IReadOnlyList<GroupFlagRate> Verdicts(DesignInput input, byte[] flags)
    {
        var groups = new List<GroupFlagRate>();
        for (var a = 0; a < input.Attributes.Count; a++)
        {
            groups.AddRange(GroupFlagRates.Compute(input.Attributes[a].Groups, input.References[a], flags, input.Weights, input.Options));
        }
        return groups;
    }

    private static ModelVariantResult Compare(DesignInput input, IScoringModel variant, string name, IReadOnlyList<GroupFlagRate> baseline)
    {
        var scores = variant.Score(input.Table);
        var flags = Redecision.Decide(input, variant, input.Table, scores, fixedCutoff: false);
        var before = input.Outcome.Flags;
        long newly = 0, noLonger = 0;
        for (var i = 0; i < flags.Length; i++)
        {
            newly += flags[i] == 1 && before[i] == 0 ? 1 : 0;
            noLonger += flags[i] == 0 && before[i] == 1 ? 1 : 0;
        }
        var after = Verdicts(input, flags);
        var changes = new List<VerdictChange>();
        foreach (var g in after)
        {
            var b = baseline.FirstOrDefault(x => x.Attribute == g.Attribute && x.Group == g.Group);
            if (b?.AdverseImpact is { } was && g.AdverseImpact is { } now && was != now)
            {
                changes.Add(new VerdictChange(g.Attribute, g.Group, was, now, b.FourFifths, g.FourFifths));
            }
        }
        var sides = new List<SideChange>();
        foreach (var attribute in input.Attributes)
        {
            var groups = attribute.Groups;
            var up = new long[groups.Levels.Length];
            var down = new long[groups.Levels.Length];
            var rows = new long[groups.Levels.Length];
            for (var i = 0; i < flags.Length; i++)
            {
                var c = groups.Codes[i];
                rows[c]++;
                up[c] += flags[i] == 1 && before[i] == 0 ? 1 : 0;
                down[c] += flags[i] == 0 && before[i] == 1 ? 1 : 0;
            }
            for (var g = 0; g < rows.Length; g++)
            {
                // Counts of people who change side are cells too: small ones, and groups the fairness section hides, are not printed.
                if (rows[g] > 0 && !input.Options.Disclosure.IsWithheld(groups.Attribute, groups.Levels[g], rows[g], rows[g]))
                {
                    sides.Add(new SideChange(groups.Attribute, groups.Levels[g], up[g], down[g]));
                }
            }
        }
        return new ModelVariantResult(name, newly, noLonger, after, changes, sides);
    }
}
