using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Audit.Reporting.Text;

/// <summary>
/// The words of the reports, by key, for one language, from JSON files embedded in the Audit assembly:
/// every <c>Reporting/Text/*.{lang}.json</c> (say <c>report.en.json</c>, <c>report.fr.json</c>). A stage that needs its own
/// texts adds a pair of files (<c>explanations.en.json</c> and <c>explanations.fr.json</c>) with keys under its own
/// prefix; the coverage test checks that every key has both languages. A key that two files define is an error.
/// </summary>
public sealed class ReportText
{
    private const string ResourcePrefix = "Audit.Reporting.Text.";
    private static readonly ConcurrentDictionary<string, ReportText> Cache = new(StringComparer.Ordinal);

    private readonly IReadOnlyDictionary<string, string> texts;

    private ReportText(string language, IReadOnlyDictionary<string, string> texts)
    {
        Language = language;
        this.texts = texts;
    }

    public string Language { get; }

    /// <summary>Every key of this language, sorted.</summary>
    public IReadOnlyList<string> Keys => texts.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The text of a key; a missing key is a bug of the report code, not of the user's input.</summary>
    public string this[string key] => texts.TryGetValue(key, out var text)
        ? text
        : throw new KeyNotFoundException($"the report text '{key}' has no {Language} value (add it to Reporting/Text/*.{Language}.json)");

    public bool Contains(string key) => texts.ContainsKey(key);

    /// <summary>The text of a key with each <c>{name}</c> replaced by its value (already formatted by the caller).</summary>
    public string Format(string key, params (string Name, object? Value)[] values)
    {
        var text = this[key];
        if (values.Length == 0)
        {
            return text;
        }
        var sb = new StringBuilder(text);
        foreach (var (name, value) in values)
        {
            sb.Replace("{" + name + "}", value?.ToString() ?? "");
        }
        return sb.ToString();
    }

    /// <summary>The texts of one language ("en", "fr").</summary>
    public static ReportText For(string language) => Cache.GetOrAdd(language, Load);

    /// <summary>The languages that have at least one text file.</summary>
    public static IReadOnlyList<string> Languages { get; } = ResourceNames()
        .Select(name => name.Split('.')[^2])
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToArray();

    private static IEnumerable<string> ResourceNames() =>
        typeof(ReportText).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static ReportText Load(string language)
    {
        var assembly = typeof(ReportText).Assembly;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ResourceNames().Where(n => n.EndsWith("." + language + ".json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var file = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidDataException($"{name} holds no texts");
            foreach (var (key, text) in file)
            {
                if (!texts.TryAdd(key, text))
                {
                    throw new InvalidDataException($"the report text '{key}' is defined twice for {language} ({name})");
                }
            }
        }
        return new ReportText(language, texts);
    }
}
