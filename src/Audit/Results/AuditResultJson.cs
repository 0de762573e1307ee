using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Audit.Results;

/// <summary>
/// The JSON form of <see cref="AuditResult"/>: camelCase, indented, enums as text, shortest round-trip numbers
/// (System.Text.Json's default for <see cref="double"/>), properties in declaration order, dictionaries in
/// insertion order (the code inserts in a fixed order), so that the same audit gives byte-identical JSON.
/// Non-ASCII letters are written as they are; characters that matter in HTML (&lt; &gt; &amp; ') are escaped.
/// </summary>
public static class AuditResultJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(AuditResult result) => JsonSerializer.Serialize(result, Options) + "\n";

    public static AuditResult Deserialize(string json) =>
        JsonSerializer.Deserialize<AuditResult>(json, Options) ?? throw new JsonException("The JSON holds no audit result.");
}
