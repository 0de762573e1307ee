using Audit.Tests.Cli;

namespace Audit.Tests.Models.Onnx;

public sealed class OnnxInspectTests
{
    /// <summary>A one-tensor model needs no plan to be described: its features get placeholder names.</summary>
    [Fact]
    public void InspectDescribesATensorModelWithoutAPlan()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Models", "Onnx", "fixtures", "tree.onnx");
        var outcome = CliRunner.Run("model", "inspect", path);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("feature_0 (numeric)", outcome.Out);
        Assert.Contains("tree ensemble: 3 trees over 4 features", outcome.Out);
        Assert.Contains("output: output_probability", outcome.Out);
        Assert.Contains("agrees with ONNX Runtime", outcome.Out);
    }
}
