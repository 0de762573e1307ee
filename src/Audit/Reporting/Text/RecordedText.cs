using System.Text.RegularExpressions;

namespace Audit.Reporting.Text;

/// <summary>
/// The words a stage records in <c>AuditResult</c> in English (a method's description, an input's direction, why a
/// metric is undefined, a recourse input's range and cost), said in a report's language. The result keeps them in
/// English: it is data, read by machines, and report.json is the same whatever the report's language. A report in
/// another language finds the recorded sentence among the English texts of the keys <c>recorded.*</c>
/// (<c>french.en.json</c>) and prints the same key's text in its language; a few recorded forms with numbers in them
/// are matched by their template (<c>recorded.pattern.*</c>, a <c>{name}</c> standing for any text, numbers taking the
/// language's decimal mark). A sentence the catalogue does not know is printed as recorded, so that nothing is lost;
/// the French vocabulary test (<c>FrenchVocabularyTests</c>) then fails on it, which is how a new sentence gets its keys.
/// </summary>
public static class RecordedText
{
    private const string SentencePrefix = "recorded.";
    private const string PatternPrefix = "recorded.pattern.";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Sentences = new(() =>
    {
        var english = ReportLanguage.English.Text;
        var byText = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in english.Keys.Where(k => k.StartsWith(SentencePrefix, StringComparison.Ordinal) && !k.StartsWith(PatternPrefix, StringComparison.Ordinal)))
        {
            byText.TryAdd(english[key], key);
        }
        return byText;
    });

    private static readonly Lazy<IReadOnlyList<(Regex Pattern, string Key)>> Patterns = new(() =>
        ReportLanguage.English.Text.Keys.Where(k => k.StartsWith(PatternPrefix, StringComparison.Ordinal))
            .Select(k => (Template(ReportLanguage.English.Text[k], k.EndsWith(".reach", StringComparison.Ordinal)), k))
            .ToArray());

    /// <summary>The recorded English text in the report's language; as recorded when the catalogue has no such sentence.</summary>
    public static string Say(string recorded, ReportLanguage l)
    {
        if (l.Code == "en" || string.IsNullOrEmpty(recorded))
        {
            return recorded;
        }
        if (Sentences.Value.TryGetValue(recorded, out var key))
        {
            return l.T(key);
        }
        foreach (var (pattern, patternKey) in Patterns.Value)
        {
            var match = pattern.Match(recorded);
            if (!match.Success)
            {
                continue;
            }
            var values = pattern.GetGroupNames().Where(n => !int.TryParse(n, out _))
                .Select(n => (n, (object?)Value(match.Groups[n].Value, l))).ToArray();
            var said = l.T(patternKey, values);
            // A suffix template (", at most 10 from a person's value") says its part and leaves the head to the others.
            return match.Index > 0 ? Say(recorded[..match.Index], l) + said : said;
        }
        return recorded;
    }

    /// <summary>"true"/"false" as the language's yes or no; any other value unchanged.</summary>
    public static string Boolean(string value, ReportLanguage l) => value switch
    {
        "true" or "True" => l.T("bool.true"),
        "false" or "False" => l.T("bool.false"),
        _ => value,
    };

    private static string Value(string text, ReportLanguage l) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) ? l.Localise(text)
        : Sentences.Value.ContainsKey(text) ? Say(text, l) : text;

    private static Regex Template(string english, bool suffix)
    {
        var pattern = Regex.Replace(Regex.Escape(english), @"\\\{(\w+)}", m => $"(?<{m.Groups[1].Value}>.+?)");
        return new Regex((suffix ? "" : "^") + pattern + "$", RegexOptions.CultureInvariant);
    }
}
