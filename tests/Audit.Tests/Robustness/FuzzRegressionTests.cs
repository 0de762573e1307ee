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

    /// <summary>Plan harness: an alias inside the node its anchor names made YamlDotNet's node comparison recurse until the
    /// stack overflowed, which kills the process (the fuzzer lost its fork server after 60 s).</summary>
    [Fact]
    public void AnAliasUsedAsTheKeyOfItsOwnLaterAnchorIsAnInputErrorNotAStackOverflow()
    {
        // The fuzzer's input, byte for byte: "*b\0\0\0\0: &b\0", an alias before its anchor, as a key of the anchored value.
        byte[] input = [0x6e, 0x61, 0x6e, 0x7f, 0x61, 0x6e, 0x63, 0x68, 0x6f, 0x20, 0x42, 0xae, 0x71, 0x3a, 0x3f, 0xf5, 0x72, 0x3a, 0x72, 0x73,
            0x62, 0x61, 0x6e, 0x64, 0x73, 0x3a, 0x20, 0x0a, 0x2a, 0x62, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x20, 0x26, 0x62, 0x00];
        var path = dir.File("plan.yaml");
        File.WriteAllBytes(path, input);
        Assert.Throws<AuditInputException>(() => AuditPlanLoader.Load(path));
        var error = Assert.Throws<AuditInputException>(() => LinearModelSpec.Parse("a: 1\n*b : &b x\n", "model.yaml"));
        Assert.Contains("comes before its anchor", error.Problem);
    }

    [Theory]
    [InlineData("a: &b {k: [*b]}\n")]
    [InlineData("a: &b\n  - *b\n")]
    public void AnAliasInsideItsOwnAnchorIsAnInputError(string text)
    {
        var error = Assert.Throws<AuditInputException>(() => LinearModelSpec.Parse(text, "model.yaml"));
        Assert.Contains("contains it", error.Problem);
    }

    /// <summary>Population-spec harness: clamp with its bounds the wrong way round threw ArgumentException out of the generator.</summary>
    [Theory]
    [InlineData("clamp(x, 60, 0.95)")]
    [InlineData("round(x, 40)")]
    public void AFormulaFunctionWithImpossibleArgumentsIsAnInputError(string formula)
    {
        var spec = Audit.Synthetic.PopulationSpecLoader.Parse($$"""
            spec_version: 1
            name: t
            unit: person
            variables:
              - name: x
                type: numeric
                distribution: uniform
                low: 0
                high: 1
                source: "illustrative: a test" 
              - name: y
                type: numeric
                formula: "{{formula}}"
            """, "population.yaml");
        var error = Assert.Throws<AuditInputException>(() => Audit.Synthetic.PopulationGenerator.GenerateTable(spec, rows: 10, seed: 1));
        Assert.Contains("variable 'y'", error.Problem);
    }
}
