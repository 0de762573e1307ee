using System.Reflection;
using System.Text.Json;
using Audit.Reporting.Text;

namespace Audit.Web;

/// <summary>The workbench page's own words (Text/web.en.json, Text/web.fr.json); the report keeps its catalogue.</summary>
internal sealed class WebText
{
    private static readonly Dictionary<string, WebText> ByCode = new()
    {
        ["en"] = Load("en"),
        ["fr"] = Load("fr"),
    };

    private readonly IReadOnlyDictionary<string, string> words;

    private WebText(string code, IReadOnlyDictionary<string, string> words)
    {
        Code = code;
        this.words = words;
    }

    public string Code { get; }

    public ReportLanguage Report => ReportLanguage.Of(Code);

    public static IReadOnlyCollection<string> Codes => ByCode.Keys;

    public static WebText Of(string? code) => code is not null && ByCode.TryGetValue(code, out var t) ? t : ByCode["en"];

    /// <summary>The text of a key with {name} placeholders filled; the result is plain text (escape it where printed).</summary>
    public string this[string key, params (string Name, object? Value)[] values]
    {
        get
        {
            var text = words.TryGetValue(key, out var w) ? w : throw new KeyNotFoundException($"no workbench text '{key}' in {Code}");
            foreach (var (name, value) in values)
            {
                text = text.Replace("{" + name + "}", Convert.ToString(value, Report.Numbers), StringComparison.Ordinal);
            }
            return text;
        }
    }

    /// <summary>The text of a key, or <paramref name="fallback"/> when there is none.</summary>
    public string Or(string key, string fallback) => words.GetValueOrDefault(key, fallback);

    internal static IReadOnlyDictionary<string, string> Words(string code) => ByCode[code].words;

    private static WebText Load(string code)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Audit.Web.Text.web.{code}.json")
            ?? throw new InvalidOperationException($"the workbench texts for {code} are not embedded");
        return new WebText(code, JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!);
    }
}
