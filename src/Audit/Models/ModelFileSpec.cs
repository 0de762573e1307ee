namespace Audit.Models;

/// <summary>
/// A trained model file named by the plan (<c>model.file</c>): an ML.NET <c>.zip</c> or an <c>.onnx</c> file, with
/// what the plan says about reading it.
/// </summary>
/// <param name="Path">Absolute path.</param>
/// <param name="Display">As the plan wrote it.</param>
/// <param name="Adverse">Which tail of the model's output is adverse for the person.</param>
/// <param name="Output">Which output to read: ML.NET "probability" or "score"; ONNX an output name (null: the loader's default, the positive-class probability).</param>
/// <param name="Inputs">Model input name → data column, for inputs whose names differ from the data's (others are matched by name).</param>
/// <param name="Features">For a model with one tensor input of all features: the data columns in the tensor's order.</param>
/// <param name="Line">The plan line of <c>model.file</c>, for errors.</param>
/// <param name="ForInspection">Loaded to be described (<c>audit model inspect</c>), not to score data: a tensor input
/// whose columns no plan names gets placeholder names (feature_0, feature_1, ...).</param>
public sealed record ModelFileSpec(
    string Path,
    string Display,
    AdverseTail Adverse,
    string? Output,
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyList<string>? Features,
    long Line,
    bool ForInspection = false)
{
    /// <summary>Placeholder names for a tensor of <paramref name="width"/> features, when inspecting.</summary>
    public static IReadOnlyList<string> Placeholders(long width) =>
        Enumerable.Range(0, (int)Math.Max(0, width)).Select(i => "feature_" + i).ToArray();
}
