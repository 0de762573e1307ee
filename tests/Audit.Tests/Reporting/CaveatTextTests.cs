using System.Reflection;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Tests.Reporting;

/// <summary>A caveat is a code and its facts; its words come from the catalogue, in both languages.</summary>
public sealed class CaveatTextTests
{
    private static readonly IReadOnlyList<string> Codes = typeof(Caveat)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    /// <summary>Facts enough for any caveat's sentence (each code quotes a subset).</summary>
    private static Caveat WithEveryFact(string code) => new(code,
        new Dictionary<string, double>
        {
            ["tied"] = 1234, ["tiedFlagged"] = 5, ["suppressed"] = 3, ["primary"] = 2, ["complementary"] = 1, ["minCell"] = 10,
            ["labelMetrics"] = 1, ["unprotected"] = 1, ["exactCheck"] = 0, ["randomSample"] = 40, ["sampledCoefficients"] = 4,
            ["signMagnitude"] = 0.5, ["samples"] = 200, ["rows"] = 1_000_000, ["bootstrapReplicates"] = 0,
        },
        new Dictionary<string, string>
        {
            ["correction"] = "holm", ["label"] = "fraud", ["file"] = "m.onnx", ["runtime"] = "ONNX Runtime",
            ["method"] = "random-sample", ["spec"] = "caf.yaml", ["seed"] = "7",
        });

    [Fact]
    public void EveryCaveatCodeReadsInBothLanguagesWithEveryPlaceholderFilled()
    {
        Assert.True(Codes.Count >= 13, $"{Codes.Count} codes");
        foreach (var language in ReportLanguage.All)
        {
            foreach (var code in Codes)
            {
                foreach (var text in new[] { CaveatText.Page(WithEveryFact(code), language), CaveatText.Plain(WithEveryFact(code), language) })
                {
                    Assert.False(string.IsNullOrWhiteSpace(text), code);
                    Assert.DoesNotMatch(@"\{[a-zA-Z]+\}", text);
                }
            }
        }
    }

    [Fact]
    public void TheTiesCaveatQuotesItsCountsInTheLanguagesFormat()
    {
        var ties = new Caveat(Caveat.TiesAtCutoff, new Dictionary<string, double> { ["tied"] = 1234, ["tiedFlagged"] = 5 });
        Assert.Equal("1234 rows share the cut-off score; 5 of them were flagged by row order. Group results near the cut-off depend on that order.",
            CaveatText.Plain(ties, ReportLanguage.English));
        Assert.StartsWith("1\u202F234 lignes partagent le score seuil ; 5 d'entre elles", CaveatText.Page(ties, ReportLanguage.French));
    }

    [Fact]
    public void TheSuppressionCaveatInTheMarkdownSaysWhatWasHiddenAndWarnsWhenTheExactCheckDidNotRun()
    {
        var caveat = WithEveryFact(Caveat.SuppressedCells);
        Assert.Equal("3 group(s) or subgroup(s) are suppressed and excluded from comparisons: 2 with fewer than 10 rows, and 1 more so that none of them "
            + "can be worked out by subtraction from the totals (complementary suppression); the error rates of 1 further group(s) are hidden for the same reason. "
            + "There were too many hidden groups to check every count by linear algebra: only the line rule was applied. Review the tables before publishing. "
            + "1 hidden group(s) could not be protected from subtraction (a group equal to a published total). Review before publishing.",
            CaveatText.Plain(caveat, ReportLanguage.English));
        var legacy = new Caveat(Caveat.SuppressedCells, new Dictionary<string, double> { ["suppressed"] = 3 });
        Assert.Equal("3 group(s) or subgroup(s) are suppressed and excluded from comparisons.", CaveatText.Plain(legacy, ReportLanguage.English));
    }

    [Fact]
    public void ACaveatRoundTripsThroughTheJsonAsItsCodeAndFacts()
    {
        var result = ReportSamples.Demo with { Caveats = [WithEveryFact(Caveat.SyntheticData)] };
        var json = AuditResultJson.Serialize(result);
        Assert.DoesNotContain("\"message\"", json);
        var back = AuditResultJson.Deserialize(json).Caveats.Single();
        Assert.Equal(1_000_000, back.Number("rows"));
        Assert.Equal("caf.yaml", back.Name("spec"));
        Assert.StartsWith("The people audited are SYNTHETIC: 1,000,000 rows generated from the population spec 'caf.yaml' (seed 7).",
            CaveatText.Plain(back, ReportLanguage.English));
    }

    [Fact]
    public void WithSamplingWeightsTheCaveatSaysWhyTestsAreMissingAndTheMethodNamesTheBootstrap()
    {
        var caveat = new Caveat(Caveat.NoInference, new Dictionary<string, double> { ["bootstrapReplicates"] = 0 });
        Assert.Equal("Intervals and tests are missing: with sampling weights, analytical intervals and tests are not computed (they need counts); "
            + "the values are weighted point estimates. A difference between small groups may be chance.", CaveatText.Plain(caveat, ReportLanguage.English));
        var frequency = new InferenceSettings(0.95, "holm", 2000, Analytical: true, Weighted: true);
        Assert.EndsWith("percentile bootstrap, 2000 replicates (multinomial over cells of frequency-weighted people), seeded", MethodText.Intervals(frequency, ReportLanguage.English));
        Assert.Equal("no analytical intervals (sampling weights)", MethodText.Intervals(frequency with { Analytical = false, BootstrapReplicates = 0 }, ReportLanguage.English));
    }
}
