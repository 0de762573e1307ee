using Audit.Results;

namespace Audit.Designs;

/// <summary>
/// Runs the designs a plan's <c>designs:</c> key asks for, after the fairness stage, and gathers their results into
/// the <see cref="DesignsSection"/>. Each design reads the same <see cref="DesignInput"/>; none changes it.
/// </summary>
public static class DesignsStage
{
    public static DesignsSection Run(DesignsPlan plan, DesignInput input)
    {
        var caveats = new List<Caveat>();
        var selective = plan.SelectiveLabels is { } labels ? SelectiveLabels.Run(input, labels) : null;
        if (selective is not null)
        {
            caveats.Add(selective.Method == SelectiveLabels.NoCorrection
                ? new Caveat(Caveat.SelectiveLabels)
                : new Caveat(Caveat.SelectiveLabelsCorrected, new Dictionary<string, double> { ["randomSample"] = selective.RandomSample },
                    new Dictionary<string, string> { ["method"] = selective.Method }));
        }
        PartialModelResult? partial = null;
        if (plan.PartialModel is { } partialPlan)
        {
            var spec = input.PartialSpec ?? input.Model as Models.LinearModel
                ?? throw new AuditInputException("sampling coefficients needs a model spec (linear, logistic or scorecard)", file: input.PlanFile,
                    line: partialPlan.Line, keyPath: "designs.partial_model", hint: "remove 'partial_model', or audit the model through a model spec");
            partial = PartialModelSampler.Run(input, partialPlan, spec);
            if (input.PartialSpec is not null)
            {
                caveats.Add(new Caveat(Caveat.PartialModel, new Dictionary<string, double>
                {
                    ["sampledCoefficients"] = partial.SampledCoefficients.Count, ["signMagnitude"] = partialPlan.Magnitude / 2, ["samples"] = partialPlan.Samples,
                }));
            }
        }
        return new DesignsSection
        {
            PartialModel = partial,
            Time = plan.Time is { } time ? TimeSeriesDisparity.Run(input, time) : null,
            DecisionFollowing = plan.DecisionFollowing is { } following ? DecisionFollowing.Run(input, following) : null,
            Subgroups = plan.Subgroups is { } subgroups ? SubgroupDiscovery.Run(input, subgroups) : null,
            Proxy = plan.Proxy is { } proxy ? ProxyEstimation.Run(input, proxy) : null,
            Adjusted = plan.Adjusted is { } adjusted ? AdjustedDisparity.Run(input, adjusted) : null,
            SelectiveLabels = selective,
            Composition = plan.Composition is { } composition ? CompositionAudit.Run(input, composition) : null,
            Capacity = plan.Capacity is { } capacity ? CapacitySweep.Run(input, capacity) : null,
            Flips = plan.Flips.Count == 0 ? null : plan.Flips.Select(f => AttributeFlip.Run(input, f)).ToArray(),
            DropOne = plan.DropOne ? ModelVariants.DropOne(input) : null,
            Compare = plan.Compare is { } compare ? ModelVariants.Versus(input, Models.LinearModelSpec.Load(compare.SpecPath, compare.Display)) : null,
            Caveats = caveats,
        };
    }
}
