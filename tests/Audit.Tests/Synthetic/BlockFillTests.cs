using System.Security.Cryptography;
using Audit.Data;
using Audit.Synthetic;

namespace Audit.Tests.Synthetic;

/// <summary>
/// Issue 21: the generator fills a block of rows at a time (formulas evaluated per node and block, table rows found in
/// one pass, constant parameters once). Held to the row-by-row fill it replaced, kept as the reference, bit for bit,
/// for every shipped spec and for formulas that throw on rows whose branch is not taken; and to the bytes the release
/// before the change wrote.
/// </summary>
public sealed class BlockFillTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static string Spec(string name) => Path.Combine(SharedData.RepositoryRoot, "datasets", "populations", name);

    public static TheoryData<string> ShippedSpecs() =>
        [.. Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "datasets", "populations"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ShippedSpecs))]
    public void EveryShippedSpecGivesTheRowByRowBitsInBlocksChunksAndThreads(string name)
    {
        var spec = PopulationSpecLoader.Load(Spec(name), name);
        const int rows = 50_000;
        var reference = PopulationGenerator.Generate(spec, rows, 13, rows, 1, null, rowByRow: true);
        foreach (var (chunk, threads) in new[] { (rows, 1), (999, 4), (1 << 16, 2), (1, 1) })
        {
            var fast = PopulationGenerator.Generate(spec, chunk == 1 ? 3_000 : rows, 13, chunk, threads, null, rowByRow: false);
            AssertSameBits(spec, reference, fast, fast.Rows);
        }
    }

    /// <summary>SHA-256 of <c>audit synth generate caf-france.yaml --rows 300000 --seed 7 --out x.csv</c>, run with the build before the change (commit 146166a).</summary>
    private const string CafCsvBeforeTheChange = "e337db6a75d91ec2488d6f81e6b00add33aefd8e15cc8793e8f6379856ec69a0";

    [Fact]
    public void TheCafPopulationIsByteForByteTheOneTheReleaseBeforeWrote()
    {
        var file = dir.File("caf.csv");
        CsvTableWriter.Write(PopulationGenerator.GenerateTable(PopulationSpecLoader.Load(Spec("caf-france.yaml")), 300_000, 7), file);
        Assert.Equal(CafCsvBeforeTheChange, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))));
    }

    private static PopulationSpec Parse(string variables) => PopulationSpecLoader.Parse("name: blocks\nvariables:\n" + variables, "blocks.yaml");

    private const string Inputs = """
          - { name: x, type: numeric, distribution: uniform, low: -3, high: 10, source: s }
          - { name: k, type: categorical, levels: [a, b, c], probabilities: { a: 0.2, b: 0.5, c: 0.3 }, source: s }
          - { name: f, type: boolean, p_true: 0.3, source: s }

        """;

    /// <summary>Formulas of every node type; some divide by zero, take logs of negatives, or clamp with low above high in branches no row takes.</summary>
    [Theory]
    [InlineData("if(x > 100, clamp(x, 5, 1), x * 2)")]
    [InlineData("if(x > 100, round(x, 40), round(x, 1))")]
    [InlineData("if(f and x > 100, 1 / (x - x), min(x, 2, -1) + max(x, 0))")]
    [InlineData("if(k in ['a', 'c'], log(abs(x) + 1), sqrt(abs(x)) - floor(x))")]
    [InlineData("cut(x, [0, 2.5, 7]) + (k == 'b') * 10 + (not f)")]
    [InlineData("logistic(x - 3) + exp(-x) * (k != 'a') - (x >= 1 or f) + (x <= 2 and f) + (x < 0) - (x == 0)")]
    [InlineData("clamp(x * 3, -1, 20) / 7 + round(x * 1.5) - -x")]
    public void FormulasInBlocksGiveTheRowByRowBits(string formula)
    {
        var spec = Parse(Inputs + $$"""
              - { name: y, type: numeric, formula: "{{formula}}" }
              - { name: g, type: boolean, probability: "clamp(abs(y) / 30, 0, 1)", source: s }
              - { name: z, type: numeric, given: [k], table: [ { when: { k: a }, distribution: normal, mean: "x", sd: 2, source: s }, { distribution: lognormal, median: 3, sigma: 0.5, source: s } ] }
              - { name: w, type: boolean, given: [k], table: [ { when: { k: b }, probability: "if(f, 0.9, 0.1)", source: s }, { p_true: 0.4, source: s } ] }
              - { name: c, type: categorical, levels: [lo, mid, hi], formula: "cut(x, [1, 5])" }
              - { name: n, type: numeric, given: [c], clip: [0, 6], round: 0, table: [ { when: { c: hi }, distribution: poisson, mean: "x / 2", source: s }, { distribution: discrete, probabilities: { 1: 0.5, 4: 0.5 }, source: s } ] }
            """);
        const int rows = 20_000;
        var reference = PopulationGenerator.Generate(spec, rows, 5, rows, 1, null, rowByRow: true);
        var fast = PopulationGenerator.Generate(spec, rows, 5, 777, 3, null, rowByRow: false);
        AssertSameBits(spec, reference, fast, rows);
    }

    /// <summary>A formula that throws on some rows' taken branch: the same error (the first such row) either way.</summary>
    [Theory]
    [InlineData("if(x < -2.9, clamp(x, 5, 1), x)")]
    [InlineData("if(x > 9.9, round(x, 40), x)")]
    [InlineData("if(x > 9.99, 1 / 0, x)")]
    [InlineData("if(x < 1, -1, x)")]
    public void AnErrorOnARowIsTheRowByRowError(string formula)
    {
        var spec = Parse(Inputs + $$"""
              - { name: y, type: numeric, clip: [-1, 100], formula: "{{formula}}" }
              - { name: p, type: boolean, probability: "if(y < 0, 2, 0.5)", source: s }
            """);
        var reference = Assert.Throws<AuditInputException>(() => PopulationGenerator.Generate(spec, 20_000, 9, 20_000, 1, null, rowByRow: true));
        var fast = Assert.Throws<AuditInputException>(() => PopulationGenerator.Generate(spec, 20_000, 9, 20_000, 1, null, rowByRow: false));
        Assert.Equal(reference.Message, fast.Message);
        Assert.Equal(reference.Line, fast.Line);
    }

    private static void AssertSameBits(PopulationSpec spec, PopulationColumns expected, PopulationColumns actual, int rows)
    {
        foreach (var v in spec.Variables)
        {
            for (var i = 0; i < rows; i++)
            {
                var (e, a) = v.Type switch
                {
                    VariableType.Categorical => ((long)expected.Codes(v.Index)[i], (long)actual.Codes(v.Index)[i]),
                    VariableType.Boolean => ((long)expected.Boolean(v.Index)[i], (long)actual.Boolean(v.Index)[i]),
                    _ => (BitConverter.DoubleToInt64Bits(expected.Numeric(v.Index)[i]), BitConverter.DoubleToInt64Bits(actual.Numeric(v.Index)[i])),
                };
                Assert.True(e == a, $"{spec.Name}: '{v.Name}' differs on row {i + 1}");
            }
        }
    }
}
