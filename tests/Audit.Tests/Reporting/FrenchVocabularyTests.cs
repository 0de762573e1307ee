using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Audit.Reporting;
using Audit.Reporting.Text;
using Audit.Results;

namespace Audit.Tests.Reporting;

/// <summary>
/// A French report is French (issue 18, item 6): the French rendering of every shipped plan's result holds no word of
/// the report's English-only vocabulary once the data's own text is taken out. The vocabulary is built from the
/// English catalogue: every word of an English text that no French text uses, minus the words French shares (ratio,
/// score, test ...), plus the English words a report sentence cannot do without (the, and, of ...). The data's own
/// text (level labels, column and input names, the model's name, description and sources, the plan's description,
/// the population's names) is what the user wrote: it is removed from the page, whole words only, before checking,
/// unless the plan or spec gave it in French too, or the toolkit made it up (the name of scores read from a column).
/// </summary>
public sealed partial class FrenchVocabularyTests
{
    /// <summary>Words of English texts that French writes the same way (or that a French report keeps as terms).</summary>
    private static readonly HashSet<string> SharedWithFrench = new(StringComparer.Ordinal)
    {
        "ratio", "score", "scores", "test", "tests", "total", "note", "notes", "transparence", "points", "pts", "source", "sources", "type", "types",
        "description", "intersection", "intersections", "population", "plan", "minimum", "maximum", "date", "dates", "article", "art", "id", "n", "p", "k",
        "suspend", "auc", "roc", "shap", "treeshap", "kernelshap", "fisher", "holm", "wilson", "katz", "woolf", "newcombe", "pearson", "theil", "gdpr", "ecoa",
        "json", "csv", "html", "svg", "pdf", "sha", "yaml", "onnx", "net", "ml", "x", "z", "v", "s", "f", "g", "q", "a", "b", "c", "d", "e", "i", "ii", "iii",
        "log", "logit", "bootstrap", "simple", "normal", "parent", "parents", "variable", "variables", "option", "options", "public", "solution", "action",
        "actions", "audit", "audits", "alpha", "beta", "ci", "min", "max", "sign", "impact", "contribution", "contributions", "distance", "direction",
        "permutation", "attribution", "attributions", "interactions", "interaction", "information", "question", "section", "sections", "protection",
        "correction", "calibration", "classification", "explication", "regulation", "decision", "social", "sociale", "local", "global", "article",
    };

    /// <summary>English words no French sentence uses: always in the vocabulary, whatever the catalogue holds.</summary>
    private static readonly string[] CoreEnglish =
    [
        "the", "and", "of", "which", "with", "people", "not", "from", "flagged", "group", "groups", "rate", "rates", "true", "false", "none",
        "reference", "is", "are", "when", "this", "that", "their", "by", "or", "to", "in", "at", "be", "has", "have", "every", "each", "than",
        "no", "yes", "below", "above", "between", "score's", "who", "what", "why", "how",
    ];

    private static readonly Lazy<HashSet<string>> Vocabulary = new(BuildVocabulary);

    public static TheoryData<string> ShippedPlans()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(SharedData.RepositoryRoot, "reports")).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(folder, ReportWriter.JsonFile)))
            {
                data.Add(Path.GetFileName(folder));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedPlans))]
    public void TheFrenchReportOfEveryShippedPlanHoldsNoEnglishWord(string plan)
    {
        var json = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "reports", plan, ReportWriter.JsonFile));
        var html = HtmlReport.Render(AuditResultJson.Deserialize(json), ReportLanguage.French);
        var english = EnglishWords(html, DataTexts(json));
        Assert.True(english.Count == 0, $"reports/{plan}: the French report holds English words:\n" + string.Join("\n", english.Take(40)));
    }

    [Fact]
    public void AnEnglishSentenceInjectedIntoAFrenchReportIsFound()
    {
        var json = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "reports", "demo", ReportWriter.JsonFile));
        var html = HtmlReport.Render(AuditResultJson.Deserialize(json), ReportLanguage.French);
        var injected = html.Replace("</body>", "<p>The rate of the flagged group is not within the tolerance.</p></body>", StringComparison.Ordinal);
        var found = EnglishWords(injected, DataTexts(json));
        Assert.Contains(found, w => w.StartsWith("the ", StringComparison.Ordinal));
        Assert.Contains(found, w => w.StartsWith("flagged ", StringComparison.Ordinal));
        // And a recorded English sentence the catalogue does not know is printed as recorded, so the test catches it too.
        Assert.Equal("the model changed overnight", RecordedText.Say("the model changed overnight", ReportLanguage.French));
    }

    [Fact]
    public void TheDataTextsAreRemovedAsWholeWordsOnly()
    {
        // "id" is a column name of the data; "identifier" must not lose its first letters, and "the" must still be found.
        var found = EnglishWords("<p>identifiant id the</p>", ["id"]);
        Assert.Equal(["the (in: identifiant   the)"], found);
    }

    [Fact]
    public void TheVocabularyHoldsTheEnglishOfTheCatalogueAndNotTheWordsFrenchShares()
    {
        var v = Vocabulary.Value;
        Assert.Contains("flagged", v);
        Assert.Contains("whose", v);
        Assert.Contains("the", v);
        Assert.DoesNotContain("ratio", v);
        Assert.DoesNotContain("score", v);
        Assert.DoesNotContain("total", v);
        Assert.DoesNotContain("signalement", v);
        Assert.True(v.Count > 300, $"only {v.Count} words: the catalogue was not read");
    }

    /// <summary>Each English word of the page, with the text around it ("the (in: ...)").</summary>
    internal static List<string> EnglishWords(string html, IEnumerable<string> dataTexts)
    {
        var text = PageText(html);
        foreach (var data in dataTexts.Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(d => d.Length))
        {
            text = Regex.Replace(text, @"(?<![\p{L}\p{N}_])" + Regex.Escape(data) + @"(?![\p{L}\p{N}_])", " ");
        }
        var found = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            foreach (Match m in Word().Matches(line))
            {
                if (Vocabulary.Value.Contains(m.Value.ToLowerInvariant()))
                {
                    found.Add($"{m.Value.ToLowerInvariant()} (in: {line.Trim()[..Math.Min(line.Trim().Length, 160)]})");
                }
            }
        }
        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The page's words as a reader meets them: text nodes (figures' SVG text included) and tooltips, one per line.</summary>
    private static string PageText(string html)
    {
        // A legal citation (<cite>) names a text as its source writes it ("Jones v. City of Boston"): not a sentence of the report.
        // Code (<code>) is a plan's keys and values ("legal: { jurisdiction: fr, domain: welfare }"), written as the plan writes them.
        var body = Regex.Replace(html, "<(style|script|cite|code)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline);
        var titles = Regex.Matches(body, "(?:title|alt|aria-label)=\"([^\"]*)\"").Select(m => m.Groups[1].Value);
        body = Regex.Replace(body, "<[^>]+>", "\n");
        return WebUtility.HtmlDecode(body + "\n" + string.Join("\n", titles));
    }

    /// <summary>The text the user and the data wrote, from report.json (keys of data, never the stages' own sentences).</summary>
    internal static IReadOnlyList<string> DataTexts(string json)
    {
        var texts = new List<string>();
        using var document = JsonDocument.Parse(json);
        Collect(document.RootElement, "", texts);
        return texts;
    }

    private static readonly HashSet<string> DataKeys = new(StringComparer.Ordinal)
    {
        "name", "description", "source", "planName", "planDescription", "feature", "features", "column", "columns", "syntheticColumns", "attribute", "attributes",
        "group", "reference", "rowConditions", "unit", "path", "spec", "syntheticLabel", "label", "labelColumn", "levels", "values", "weight", "value",
        "from", "to", "comparator", "mostFlagged", "leastFlagged", "input", "inputs", "typical", "file", "id", "command", "decisionTypes", "missingRoutes",
        "groups", "cutoffLevels", "periods", "period", "note", "kind", "correction", "scoreColumn", "decisionColumn", "weightColumn", "grade", "grades", "figure",
    };

    /// <summary>Paths whose texts are the stages' or the jurisdiction file's words: never data.</summary>
    private static bool IsWords(string path) => path.Contains(".routes", StringComparison.Ordinal) || path.EndsWith(".method", StringComparison.Ordinal)
        || path.Contains("undefined", StringComparison.Ordinal);

    private static void Collect(JsonElement e, string path, List<string> texts)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    var child = path + "." + p.Name;
                    if (DataKeys.Contains(p.Name) && !IsWords(child) && !GivenInFrench(e, p.Name) && !(p.Name == "name" && e.TryGetProperty("dataColumn", out _)))
                    {
                        Strings(p.Value, texts);
                    }
                    Collect(p.Value, child, texts);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    Collect(item, path, texts);
                }
                break;
        }
    }

    /// <summary>
    /// Whether the plan or spec gave this text in French too (<c>planDescriptionByLanguage.fr</c>, <c>nameByLanguage.fr</c>,
    /// issue 18): then the French page must show the French text, which is checked like the report's own, and the
    /// English one is not taken out either (a French page that showed it would fail).
    /// </summary>
    private static bool GivenInFrench(JsonElement owner, string key) =>
        owner.TryGetProperty(key + "ByLanguage", out var byLanguage) && byLanguage.ValueKind == JsonValueKind.Object && byLanguage.TryGetProperty("fr", out _);

    /// <summary>Every string inside a data value, and the keys of a group object ({"sex": "F"}).</summary>
    private static void Strings(JsonElement e, List<string> texts)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                texts.Add(e.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    Strings(item, texts);
                }
                break;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.String)
                    {
                        texts.Add(p.Name);
                        texts.Add(p.Value.GetString()!);
                    }
                }
                break;
        }
    }

    private static HashSet<string> BuildVocabulary()
    {
        var en = ReportText.For("en");
        var fr = ReportText.For("fr");
        var french = new HashSet<string>(fr.Keys.SelectMany(k => Words(fr[k])), StringComparer.Ordinal);
        var vocabulary = new HashSet<string>(en.Keys.SelectMany(k => Words(en[k])).Where(w => w.Length > 1 && !french.Contains(w) && !SharedWithFrench.Contains(w)), StringComparer.Ordinal);
        vocabulary.UnionWith(CoreEnglish);
        return vocabulary;
    }

    private static IEnumerable<string> Words(string text) =>
        Word().Matches(Regex.Replace(text, "\\{[^}]*\\}", " ")).Select(m => m.Value.ToLowerInvariant());

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])\p{L}+(?:'\p{L}+)?(?![\p{L}\p{N}_])")]
    private static partial Regex Word();
}
