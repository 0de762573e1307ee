using System.Globalization;
using System.Text.RegularExpressions;
using Audit.Fairness;
using Audit.Reporting;
using Audit.Reporting.Html;
using Audit.Reporting.Html.Sections;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Tests.Reporting;

/// <summary>
/// Issue 15, defect 11: contradictory rounding in words. A four-fifths ratio of 0.7991 was printed "ratio 0.80 &lt; 0.8".
/// A number printed next to a threshold must compare with the printed threshold as the verdict says: a ratio with
/// adverse impact prints below 0.8, a ratio outside the tolerance prints outside the printed band. Checked on the
/// printed text itself (parsed back as a decimal), in English and in French, on random ratios near the thresholds.
/// </summary>
public sealed partial class Issue15Defect11VerdictDigitsTests
{
    private const decimal FourFifths = 0.8m;

    /// <summary>
    /// One attribute with frequency weights (so that rates can be any k / n up to 10⁹): "low", the least-flagged group,
    /// whose flag-rate ratio to "ref" lies near the tolerance τ; "g", whose four-fifths ratio against "low" lies near 0.8;
    /// "h", whose ratio to "ref" lies near 1 / τ. Every row has label 0, so the false positive rate is the flag rate.
    /// </summary>
    private static FairnessSection Section(Random random, out double tolerance)
    {
        tolerance = Math.Round(0.7 + 0.25 * random.NextDouble(), random.Next(1, 4));
        double Near(double x) => random.Next(6) == 0 ? x : x * (1 + (random.Next(2) == 0 ? -1 : 1) * Math.Pow(10, -random.Next(2, 10)) * random.NextDouble());
        var referenceRate = 0.3;
        var low = referenceRate * Near(tolerance);
        var g = 1 - Near(0.8) * (1 - low);
        var h = referenceRate * Near(1 / tolerance);
        var levels = new[] { "g", "h", "low", "ref" };
        var rates = new[] { g, h, low, referenceRate };
        var codes = new List<int>();
        var decisions = new List<byte>();
        var weights = new List<double>();
        for (var i = 0; i < levels.Length; i++)
        {
            var total = Math.Round(Math.Pow(10, 6 + 3 * random.NextDouble()));
            var flagged = Math.Round(total * rates[i]);
            codes.AddRange([i, i]);
            decisions.AddRange([1, 0]);
            weights.AddRange([flagged, total - flagged]);
        }
        var groups = new GroupAssignment("a", [.. codes], levels);
        var options = new FairnessOptions { MinCellSize = 1, BootstrapReplicates = 0, FrequencyWeights = true, Tolerance = tolerance };
        return FairnessAnalysis.Analyze([new AttributeInput(groups, null, "ref")], [.. decisions], new byte[codes.Count], [.. weights], options);
    }

    private static decimal Parse(string text, ReportLanguage language)
    {
        var clean = new string(text.Where(ch => !char.IsWhiteSpace(ch) && ch != '\u202F' && ch != '\u00A0').ToArray());
        if (language.Code == "fr")
        {
            clean = clean.Replace(',', '.');
        }
        return decimal.Parse(clean, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Issue 18 made the four-fifths ratio a secondary figure of a flag-rate finding ("Four-fifths rule (US employment
    /// guideline): 0.799") instead of a finding of its own; the defect's rule holds there: a group with adverse impact
    /// has its figure printed below the printed 0.8, in every wording.
    /// </summary>
    [Fact]
    public void AFourFifthsRatioInAFindingPrintsBelowThePrintedThresholdInEnglishAndFrench()
    {
        var random = new Random(1115);
        var findings = 0;
        for (var n = 0; n < 400; n++)
        {
            var section = Section(random, out _);
            var attribute = section.Attributes[0];
            var adverse = attribute.Groups.Where(x => x.AdverseImpact == true).Select(x => x.Group).ToHashSet();
            foreach (var finding in section.Findings.Where(f => f.FourFifthsRatio is not null && adverse.Contains(f.Group)))
            {
                var ratio = finding.FourFifthsRatio!.Value;
                var plain = FindingText.Plain(finding, ReportLanguage.English);
                var statement = EnglishFindingRatio().Match(plain);
                Assert.True(statement.Success, plain);
                Assert.True(Parse(statement.Groups[1].Value, ReportLanguage.English) < FourFifths, $"{ratio:R}: {plain}");
                foreach (var language in ReportLanguage.All)
                {
                    var text = FindingText.Page(finding, language);
                    var printed = (language.Code == "fr" ? FrenchFindingRatio() : EnglishFindingRatio()).Match(text);
                    Assert.True(printed.Success, text);
                    Assert.True(Parse(printed.Groups[1].Value, language) < FourFifths, $"{ratio:R} ({language.Code}): {text}");
                }
                findings++;
            }
        }
        Assert.True(findings >= 100, $"only {findings} findings of adverse impact");
    }

    [Fact]
    public void EveryRatioPrintedBesideAThresholdInTheReportsComparesAsItsVerdictSays()
    {
        var random = new Random(1116);
        var checks = 0;
        for (var n = 0; n < 8; n++)
        {
            var section = Section(random, out var tolerance);
            var result = ReportSamples.Demo with { Fairness = section, Explanations = null, Recourse = null, Designs = null };
            var attribute = section.Attributes[0];
            var adverse = attribute.Groups.Where(g => g.AdverseImpact == true).Select(g => g.Group.Label).ToHashSet();
            // Issue 18: the ratios listed beside the band are those of established disparities (their simultaneous interval
            // lies wholly outside it, so their point estimate does too), no longer every point estimate outside it.
            var outside = attribute.Groups.Where(g => g.Disparities.Values.Any(d => d.Verdict is { Established: true })).Select(g => g.Group.Label).ToHashSet();
            var what = $"case {n}: tolerance {tolerance}, four-fifths {string.Join(", ", attribute.Groups.Select(g => $"{g.Group.Label} {g.FourFifthsRatio.Value:R}"))}, ratios {string.Join(", ", attribute.Groups.Select(g => $"{g.Group.Label} {g.FlagRateRatio.Value:R}"))}";

            // Markdown (English): the four-fifths column marks adverse impact with ⚠ ("below 0.8"); the tolerance sentence.
            var md = MarkdownReport.Render(result);
            var rows = md.Split('\n').Where(line => line.StartsWith("| ", StringComparison.Ordinal) && line.Count(ch => ch == '|') == 13).ToArray();
            foreach (var label in adverse)
            {
                // The flag table comes first; since issue 18 (a verdict column) the outcomes table has as many columns.
                var row = rows.First(r => r.StartsWith($"| {label} ", StringComparison.Ordinal)).Split(" | ");
                var cell = MarkedCell().Match(row[9]);
                Assert.True(cell.Success, $"{what}: {row[9]}");
                Assert.True(Parse(cell.Groups[1].Value, ReportLanguage.English) < FourFifths, $"{what}: markdown cell {row[9]}");
                checks++;
            }
            checks += CheckToleranceSentence(MarkdownTolerance().Match(md), ReportLanguage.English, outside, what + " (markdown)");

            foreach (var language in ReportLanguage.All)
            {
                var html = HtmlReport.Render(result, language);
                // The table cells with ⚠.
                var marked = HtmlMarkedCell().Matches(html);
                Assert.Equal(adverse.Count, marked.Count);
                foreach (Match cell in marked)
                {
                    Assert.True(Parse(cell.Groups[1].Value, language) < FourFifths, $"{what} ({language.Code}): {cell.Value}");
                    checks++;
                }
                // The summary's verdict: "adverse impact … for g (0.799), compared with low".
                var verdict = (language.Code == "fr" ? FrenchVerdict() : EnglishVerdict()).Match(html);
                Assert.Equal(adverse.Count > 0, verdict.Success);
                if (verdict.Success)
                {
                    foreach (Match item in VerdictItem().Matches(verdict.Groups[1].Value))
                    {
                        Assert.True(Parse(item.Groups[1].Value, language) < FourFifths, $"{what} ({language.Code}): {verdict.Value}");
                        checks++;
                    }
                }
                // The outcomes note: "Ratios to the reference group outside the tolerance [lo, hi]: h: Flag rate ×1.43; …".
                checks += CheckToleranceSentence((language.Code == "fr" ? FrenchTolerance() : EnglishTolerance()).Match(html), language, outside, $"{what} ({language.Code})");
            }
        }
        Assert.True(checks >= 40, $"only {checks} printed numbers checked");
    }

    /// <summary>Every ratio listed as outside the printed band [lo, hi] prints below lo or above hi.</summary>
    private static int CheckToleranceSentence(Match sentence, ReportLanguage language, HashSet<string> outside, string what)
    {
        Assert.True(sentence.Success, $"{what}: no tolerance sentence");
        var lo = Parse(sentence.Groups["lo"].Value, language);
        var hi = Parse(sentence.Groups["hi"].Value, language);
        var items = ToleranceItem().Matches(sentence.Groups["items"].Value);
        Assert.Equal(outside.Count == 0, items.Count == 0);
        foreach (Match item in items)
        {
            var printed = Parse(item.Groups[1].Value, language);
            Assert.True(printed < lo || printed > hi, $"{what}: {item.Value} is listed outside [{lo}, {hi}]: {sentence.Value}");
        }
        return items.Count;
    }

    [GeneratedRegex(@"Four-fifths rule \(US employment guideline\): ([0-9]+(?:[.,][0-9]+)?)\.")]
    private static partial Regex EnglishFindingRatio();

    [GeneratedRegex(@"Règle des quatre cinquièmes \(ligne directrice américaine en matière d’emploi\)\s*:\s*([0-9]+(?:[.,][0-9]+)?)\.")]
    private static partial Regex FrenchFindingRatio();

    [GeneratedRegex(@"^([0-9]+(?:[.,][0-9]+)?)(?: \[[^\]]*\])? ⚠$")]
    private static partial Regex MarkedCell();

    [GeneratedRegex(@"<td class=""num"">([0-9]+(?:[.,][0-9]+)?)(?: <span class=""ci"">[^<]*</span>)? ⚠</td>")]
    private static partial Regex HtmlMarkedCell();

    [GeneratedRegex(@"four-fifths rule for (.*?), compared with")]
    private static partial Regex EnglishVerdict();

    [GeneratedRegex(@"quatre cinquièmes pour (.*?), par rapport à")]
    private static partial Regex FrenchVerdict();

    [GeneratedRegex(@"\(([0-9]+(?:[.,][0-9]+)?)\)")]
    private static partial Regex VerdictItem();

    [GeneratedRegex(@"Disparities established \(simultaneous interval wholly outside the tolerance band \[(?<lo>[0-9]+(?:[.,][0-9]+)?), (?<hi>[0-9]+(?:[.,][0-9]+)?)\]\): (?<items>[^\n]*)")]
    private static partial Regex MarkdownTolerance();

    [GeneratedRegex(@"wholly outside the tolerance band \[(?<lo>[0-9]+(?:[.,][0-9]+)?), (?<hi>[0-9]+(?:[.,][0-9]+)?)\]\):(?<items>.*?)</p>")]
    private static partial Regex EnglishTolerance();

    [GeneratedRegex(@"entièrement hors de la bande de tolérance \[(?<lo>[0-9]+(?:[.,][0-9]+)?)\s*;\s*(?<hi>[0-9]+(?:[.,][0-9]+)?)\]\)\s*:(?<items>.*?)</p>")]
    private static partial Regex FrenchTolerance();

    [GeneratedRegex(@"×([0-9]+(?:[.,][0-9]+)?)")]
    private static partial Regex ToleranceItem();
}
