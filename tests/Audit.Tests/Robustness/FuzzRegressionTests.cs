using System.Text;
using Audit.Models;
using Audit.Plan;

namespace Audit.Tests.Robustness;

/// <summary>
/// Inputs found by the AFL++ harnesses (tests/fuzz) that once ended in an exception other than a clear input error.
/// Each must now end in <see cref="AuditInputException"/>. The table of findings is in docs/robustness.md.
/// </summary>
public sealed class FuzzRegressionTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>Model-spec harness, first run: YamlDotNet threw ArgumentException ("Global tags must be valid URIs",
    /// "The current event is of an unsupported type") instead of a YAML error.</summary>
    public static TheoryData<string> YamlParserArgumentExceptions => new()
    {
        "[!!!!!!!!!!!!!!!!!!!!![",
        "!!!+!!!!!!!",
        "[[!!w[",
        "\0:\0\0z\t H",
        ":\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\0\u0080\r\r\r:\r",
        "\u001c:\r::\r\0\u0080\r:",
        " :\0\u0011\u0019\u0080",
    };

    [Theory]
    [MemberData(nameof(YamlParserArgumentExceptions))]
    public void MalformedYamlIsAnInputErrorInAModelSpec(string text)
    {
        var error = Assert.Throws<AuditInputException>(() => LinearModelSpec.Parse(text, "model.yaml"));
        Assert.Equal("model.yaml", error.File);
    }

    [Theory]
    [MemberData(nameof(YamlParserArgumentExceptions))]
    public void MalformedYamlIsAnInputErrorInAPlan(string text)
    {
        var path = dir.File("plan.yaml");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(path));
    }
}
