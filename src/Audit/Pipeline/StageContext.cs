using Audit.Designs;
using Audit.Explain;
using Audit.Fairness;
using Audit.Recourse;
using Audit.Results;

namespace Audit.Pipeline;

/// <summary>
/// What every stage after the decision is given besides the <see cref="DecidedPopulation"/> (issue 17, item 2): its
/// options as plain records, the disclosure policy, the seed, progress, and the names errors cite. Each stage is called
/// as <c>Section Run(DecidedPopulation people, StageContext context)</c>; a plan fills the context
/// (<see cref="Auditor.ContextOf"/>), and so can code.
/// </summary>
public sealed record StageContext
{
    /// <summary>Seed of every random draw (bootstrap, samples, background rows, recourse search).</summary>
    public required long Seed { get; init; }

    /// <summary>The fairness stage's options: tolerance, confidence, correction, bootstrap replicates, minimum cell size.</summary>
    public FairnessOptions Fairness { get; init; } = new();

    /// <summary>
    /// Which groups every output hides (the minimum cell and the groups the fairness section suppressed); before the
    /// fairness stage has run, nothing beyond the minimum cell (<see cref="DisclosurePolicy"/>, built once by the fairness analysis).
    /// </summary>
    public DisclosurePolicy Disclosure
    {
        get => disclosure ?? DisclosurePolicy.Primary(Fairness.MinCellSize, Fairness.FrequencyWeights);
        init => disclosure = value;
    }

    private readonly DisclosurePolicy? disclosure;

    /// <summary>The explanations stage's options (seed, intervals and minimum cell as <see cref="Fairness"/>'s).</summary>
    public ExplanationOptions Explanations { get; init; } = new();

    /// <summary>The recourse audit's options; null: no recourse stage.</summary>
    public RecourseOptions? Recourse { get; init; }

    /// <summary>The routes to contest from the jurisdiction the plan names; null when it names none.</summary>
    public LegalRoutes? Routes { get; init; }

    /// <summary>The designs to run; null: none.</summary>
    public DesignsPlan? Designs { get; init; }

    /// <summary>The people were generated from this population spec draw; null for people read from data.</summary>
    public Synthetic.PopulationDraw? Population { get; init; }

    public StageProgress? Progress { get; init; }

    /// <summary>The plan as the user named it, cited by errors about its keys.</summary>
    public string PlanFile { get; init; } = "";

    /// <summary>The data as the user named it, cited by errors about its rows.</summary>
    public string DataName { get; init; } = "";

    /// <summary>
    /// Each protected attribute (in the population's order) as the fairness section names it, with the reference group it
    /// compared against; empty before the fairness stage has run.
    /// </summary>
    public IReadOnlyList<(string Attribute, string? Reference)> References { get; init; } = [];

    /// <summary>
    /// This context once the fairness stage has run: every later stage applies the disclosure policy the analysis built
    /// (the minimum cell and every group it suppressed) and compares with its reference groups.
    /// </summary>
    public StageContext After(FairnessOutcome fairness) => this with
    {
        Disclosure = fairness.Disclosure,
        References = [.. fairness.Section.Attributes.Select(a => (a.Attribute, a.Reference?.Label))],
    };

    /// <summary>The fairness options for these people: the context's, with the people's weight kind and intersections.</summary>
    public FairnessOptions FairnessOf(DecidedPopulation people) =>
        Fairness with { FrequencyWeights = people.FrequencyWeights, Intersections = people.Intersections };

    /// <summary>A stage's progress callback in the stage's own unit, or null.</summary>
    public Action<long, long>? ProgressOf(string stage) => Progress is { } progress ? (done, total) => progress(stage, done, total) : null;
}
