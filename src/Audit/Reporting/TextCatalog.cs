using System.Globalization;
using Audit.Reporting.Text;

namespace Audit.Reporting;

/// <summary>
/// The words of one page (its keys <c>PAGE.*</c>) in one language, as a view over the one catalogue
/// (<see cref="ReportText"/>, <c>Reporting/Text/*.LANG.json</c>): the one-person pages word their sentences with
/// positional <c>{0}</c> placeholders, the report with named ones, but both read the same files through the same loader,
/// and the coverage test checks every key in both languages.
/// </summary>
public sealed class TextCatalog
{
    /// <summary>The languages every page is written in.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "fr"];

    private readonly ReportText texts;
    private readonly string prefix;

    private TextCatalog(string language, string page)
    {
        Language = language;
        texts = ReportText.For(language);
        prefix = page + ".";
    }

    public string Language { get; }

    /// <summary>The keys of the page, without the page's prefix.</summary>
    public IReadOnlyCollection<string> Keys => texts.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).ToArray();

    /// <summary>The texts of page <paramref name="page"/> in <paramref name="language"/> ("en" or "fr").</summary>
    public static TextCatalog Load(string page, string language)
    {
        if (!Languages.Contains(language))
        {
            throw new AuditInputException($"no texts in the language '{language}'", expected: string.Join(" or ", Languages), found: language);
        }
        return new TextCatalog(language, page);
    }

    public string this[string key] => texts[prefix + key];

    /// <summary>The text of <paramref name="key"/> with its placeholders filled.</summary>
    public string Format(string key, params object?[] arguments) => string.Format(CultureInfo.InvariantCulture, this[key], arguments);

    /// <summary>The text of <paramref name="key"/> when there is one, else <paramref name="fallback"/>.</summary>
    public string Or(string key, string fallback) => texts.Contains(prefix + key) ? texts[prefix + key] : fallback;
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
