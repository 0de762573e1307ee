using System.Globalization;
using System.Text.Json;

namespace Audit.Reporting;

/// <summary>
/// The words of a rendered page in one language, from a JSON resource per page and language embedded in the library
/// (<c>Reporting/Texts/NAME.LANG.json</c>: one object of key → text, with <c>{0}</c> placeholders). Any renderer can
/// localise this way: add <c>report.fr.json</c> beside <c>explain.fr.json</c>. A key missing from a language is an error
/// found by the tests, not a silent fallback.
/// </summary>
public sealed class TextCatalog
{
    /// <summary>The languages every page is written in.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "fr"];

    private readonly Dictionary<string, string> texts;

    private TextCatalog(string language, Dictionary<string, string> texts)
    {
        Language = language;
        this.texts = texts;
    }

    public string Language { get; }

    public IReadOnlyCollection<string> Keys => texts.Keys;

    /// <summary>The texts of page <paramref name="page"/> in <paramref name="language"/> ("en" or "fr").</summary>
    public static TextCatalog Load(string page, string language)
    {
        if (!Languages.Contains(language))
        {
            throw new AuditInputException($"no texts in the language '{language}'", expected: string.Join(" or ", Languages), found: language);
        }
        var name = $"Audit.Texts.{page}.{language}.json";
        using var stream = typeof(TextCatalog).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource {name} is not embedded.");
        return new TextCatalog(language, JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? []);
    }

    public string this[string key] => texts.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"No text '{key}' in {Language}.");

    /// <summary>The text of <paramref name="key"/> with its placeholders filled.</summary>
    public string Format(string key, params object?[] arguments) => string.Format(CultureInfo.InvariantCulture, this[key], arguments);

    /// <summary>The text of <paramref name="key"/> when there is one, else <paramref name="fallback"/>.</summary>
    public string Or(string key, string fallback) => texts.GetValueOrDefault(key, fallback);

    /// <summary>A whole number with thousands separated as the language does (1,500 or 1 500).</summary>
    public string Count(long value)
    {
        var text = value.ToString("N0", CultureInfo.InvariantCulture);
        return Language == "fr" ? text.Replace(',', '\u202F') : text;
    }

    /// <summary>A number as the language writes it (decimal comma in French).</summary>
    public string Number(double value, string format = "0.####")
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return Language == "fr" ? text.Replace('.', ',') : text;
    }
}
