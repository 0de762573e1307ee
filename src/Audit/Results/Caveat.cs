namespace Audit.Results;

/// <summary>
/// A limitation of the result the reader must know: a stable code and the facts its sentence quotes (counts, column
/// and file names, a method), never the sentence itself. The words, in every language, are Reporting's catalogue's
/// (key <c>caveat.CODE</c>), so that a caveat reads the same in every renderer and can be translated (issue 17, item 5).
/// </summary>
/// <param name="Code">One of this type's constants; stable across versions (a reader may filter on it).</param>
/// <param name="Numbers">The numbers the sentence quotes, by name, in a fixed order; null when it quotes none.</param>
/// <param name="Names">The names the sentence quotes (a column, a file, a method, a correction), by name; null when none.</param>
public sealed record Caveat(string Code, IReadOnlyDictionary<string, double>? Numbers = null, IReadOnlyDictionary<string, string>? Names = null)
{
    /// <summary>Tests (and without a bootstrap, intervals) could not be computed, with sampling weights; number <c>bootstrapReplicates</c>.</summary>
    public const string NoInference = "no-inference";

    /// <summary>Many comparisons; name <c>correction</c> is the p-value correction ("none" when not adjusted).</summary>
    public const string MultipleComparisons = "multiple-comparisons";

    /// <summary>The data has no label column.</summary>
    public const string NoLabel = "no-label";

    /// <summary>Labels taken as given; name <c>label</c> is the label column.</summary>
    public const string LabelsAsGiven = "labels-as-given";

    /// <summary>Rows tied at the cut-off; numbers <c>tied</c> and <c>tiedFlagged</c>.</summary>
    public const string TiesAtCutoff = "ties-at-cutoff";

    /// <summary>
    /// Suppressed groups; number <c>suppressed</c>, and with disclosure control <c>primary</c>, <c>complementary</c>,
    /// <c>minCell</c>, <c>labelMetrics</c>, <c>unprotected</c> and <c>exactCheck</c> (1 when every count was checked, 0 when not).
    /// </summary>
    public const string SuppressedCells = "suppressed-cells";

    /// <summary>Rates weighted by sampling weights.</summary>
    public const string SamplingWeights = "sampling-weights";

    /// <summary>A model file was run by a native runtime; names <c>file</c> and <c>runtime</c>.</summary>
    public const string ModelFileLoaded = "model-file-loaded";

    /// <summary>Selective labels with no correction possible.</summary>
    public const string SelectiveLabels = "selective-labels";

    /// <summary>Selective labels corrected by the design; name <c>method</c>, number <c>randomSample</c>.</summary>
    public const string SelectiveLabelsCorrected = "selective-labels-corrected";

    /// <summary>A partly published model; numbers <c>sampledCoefficients</c>, <c>signMagnitude</c> and <c>samples</c>.</summary>
    public const string PartialModel = "partial-model";

    /// <summary>Generated people; numbers <c>rows</c> and <c>seed</c>, name <c>spec</c>.</summary>
    public const string SyntheticData = "synthetic-data";

    /// <summary>A made-up outcome; name <c>label</c>.</summary>
    public const string SyntheticLabel = "synthetic-label";

    /// <summary>A number the sentence quotes (a bug of the stage that made the caveat when missing).</summary>
    public double Number(string name) => Numbers is not null && Numbers.TryGetValue(name, out var value)
        ? value
        : throw new KeyNotFoundException($"the caveat '{Code}' has no number '{name}'");

    /// <summary>A name the sentence quotes (a bug of the stage that made the caveat when missing).</summary>
    public string Name(string name) => Names is not null && Names.TryGetValue(name, out var value)
        ? value
        : throw new KeyNotFoundException($"the caveat '{Code}' has no name '{name}'");
}
