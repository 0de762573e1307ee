namespace Audit.Explain;

/// <summary>
/// How the explanations stage runs (plan key <c>explanations</c>, docs/audit-plan.md). Defaults a first audit can
/// trust: 100 background rows, 4 reason codes (Regulation B comment 9(b)(2)-1: more than four reasons is unlikely to
/// help), at most 100,000 rows for the global figures and the disparity decomposition.
/// </summary>
public sealed record ExplanationOptions
{
    public const int DefaultBackgroundRows = 100;
    public const int DefaultReasonCodes = 4;
    public const int DefaultTopFeatures = 5;
    public const int DefaultMaxRows = 100_000;
    public const int DefaultSampledRows = 200;
    public const int DefaultKernelPairs = 1024;

    /// <summary>Largest number of features for which a model without structure is explained by enumerating every coalition (4,096 at 12).</summary>
    public const int MaxEnumeratedFeatures = 12;

    /// <summary>True: run; false: skip; null (key absent): run when the model has exact attributions (additive terms or trees).</summary>
    public bool? Enabled { get; init; }

    /// <summary>Reason codes per person (key <c>reason_codes</c>).</summary>
    public int ReasonCodes { get; init; } = DefaultReasonCodes;

    /// <summary>Background rows drawn with the seed from the audited data (key <c>background_rows</c>): v(∅) is their mean output.</summary>
    public int BackgroundRows { get; init; } = DefaultBackgroundRows;

    /// <summary>Variables given partial-dependence and ICE curves (key <c>top_features</c>).</summary>
    public int TopFeatures { get; init; } = DefaultTopFeatures;

    /// <summary>Rows behind global importance and the disparity decomposition; a seeded sample above it (key <c>max_rows</c>).</summary>
    public int MaxRows { get; init; } = DefaultMaxRows;

    /// <summary>Rows explained for the global figures when attributions are sampled or enumerated (key <c>sampled_rows</c>).</summary>
    public int SampledRows { get; init; } = DefaultSampledRows;

    /// <summary>"auto" (exact where the structure allows, else enumeration up to 12 features, else KernelSHAP), "enumerate", "kernel", or "path" (path-dependent TreeSHAP for trees with node covers) (key <c>method</c>).</summary>
    public string Method { get; init; } = "auto";

    /// <summary>"model": the model's declared explanation space (log-odds, points, raw margin); "score": the score itself, e.g. a probability (key <c>space</c>).</summary>
    public string Space { get; init; } = "model";

    /// <summary>Coalition pairs KernelSHAP draws per person (key <c>kernel_pairs</c>).</summary>
    public int KernelPairs { get; init; } = DefaultKernelPairs;

    /// <summary>Repeats of each column's permutation for permutation importance (key <c>permutations</c>).</summary>
    public int Permutations { get; init; } = 5;

    public long Seed { get; init; } = 1;

    /// <summary>Bootstrap replicates of the disparity decomposition (the plan's <c>inference.bootstrap</c>; the stage uses at most <see cref="ExplanationStage.MaxDecompositionReplicates"/>).</summary>
    public int BootstrapReplicates { get; init; } = 1000;

    public double Confidence { get; init; } = 0.95;

    public int MinCellSize { get; init; } = 10;
}
