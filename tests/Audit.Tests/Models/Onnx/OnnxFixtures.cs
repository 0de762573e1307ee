using Audit.Data;
using Audit.Models;
using Audit.Models.Onnx;

namespace Audit.Tests.Models.Onnx;

/// <summary>The ONNX fixtures of fixtures/make_fixtures.py, copied beside the test binaries, and how the tests load them.</summary>
public static class OnnxFixtures
{
    /// <summary>The columns of the one-tensor fixtures, in the tensor's order.</summary>
    public static readonly string[] Features = ["income", "age", "months_on_benefit", "single_parent"];

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Models", "Onnx", "fixtures", file);

    /// <summary>The fixture's rows and the probability numpy computed for each (column "expected").</summary>
    public static Table Expected(string model) => CsvTableReader.Read(PathOf(Path.GetFileNameWithoutExtension(model) + ".expected.csv"));

    public static ModelFileSpec Spec(string path, IReadOnlyList<string>? features = null, IReadOnlyDictionary<string, string>? inputs = null,
        string? output = null, string? display = null) =>
        new(path, display ?? Path.GetFileName(path), AdverseTail.High, output, inputs ?? new Dictionary<string, string>(), features, 1);

    /// <summary>Loads a fixture as the plan would name it: features for the one-tensor models, sp → single_parent for named.onnx.</summary>
    public static OnnxModel Load(string file) =>
        (OnnxModel)new OnnxModelLoader().Load(file == "named.onnx"
            ? Spec(PathOf(file), inputs: new Dictionary<string, string> { ["sp"] = "single_parent" })
            : Spec(PathOf(file), Features));
}
