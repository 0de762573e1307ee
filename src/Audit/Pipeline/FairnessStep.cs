using Audit.Fairness;
using Audit.Models;
using Audit.Results;

namespace Audit.Pipeline;

/// <summary>
/// The fairness stage in the pipeline's one stage signature (issue 17, item 2): the decided population's decisions,
/// labels, weights and groups, with the context's options, into <see cref="FairnessAnalysis.Run"/>: the section and the
/// disclosure policy every later stage applies.
/// </summary>
public static class FairnessStep
{
    public static FairnessOutcome Run(DecidedPopulation people, StageContext context)
    {
        var progress = context.Progress;
        progress?.Invoke("statistics", 0, people.Attributes.Count);
        var options = context.FairnessOf(people);
        // Score-based metrics need scores that vary; decisions in the data are only 0/1.
        var scores = people.Model is DecisionsInData or NoModel ? null : new ScoreInput(people.Scores, people.Model.Adverse, people.Model.ScoreIsProbability);
        var grades = people.Model.Grades is { } scale && people.Grades is { } bands ? new GradeInput(bands, scale) : null;
        FairnessOutcome fairness;
        try
        {
            fairness = FairnessAnalysis.Run(people.Attributes, people.Outcome.Flags, people.Labels, people.Weights, options, scores, grades,
                progress is null ? null : () => progress("bootstrap", 0, options.BootstrapReplicates));
        }
        catch (AuditInputException e) when (e.Row is not null && e.File is null)
        {
            throw people.Table.Locate(e, context.DataName); // a score the histograms cannot place names its row and file line
        }
        progress?.Invoke("statistics", people.Attributes.Count, people.Attributes.Count);
        return fairness;
    }
}
