using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Audit.Yaml;

/// <summary>
/// A YAML mapping read with the allowed keys known up front: an unknown key fails at once with its line and the
/// closest allowed key ("did you mean"), and every typed getter fails with the key path, the line, what was
/// expected and what was found. Shared by the audit plan and the model specs.
/// </summary>
public sealed class YamlMap
{
    private readonly YamlMappingNode node;
    private readonly Dictionary<string, YamlNode> entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, YamlNode> keyNodes = new(StringComparer.Ordinal);

    public YamlMap(YamlMappingNode node, string file, string path, IReadOnlyCollection<string> allowedKeys)
    {
        this.node = node;
        File = file;
        Path = path;
        foreach (var (keyNode, valueNode) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw new AuditInputException("a key is not a plain name", file: file, line: keyNode.Start.Line, keyPath: NullIfEmpty(path),
                    expected: "a name such as 'data'");
            }
            if (!allowedKeys.Contains(key))
            {
                var suggestion = NameSuggestion.Closest(key, allowedKeys);
                throw new AuditInputException($"unknown key '{key}'" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)"),
                    file: file, line: keyNode.Start.Line, keyPath: Join(path, key),
                    hint: suggestion is null
                        ? "allowed here: " + string.Join(", ", allowedKeys)
                        : $"rename it to '{suggestion}'");
            }
            if (!entries.TryAdd(key, valueNode))
            {
                throw new AuditInputException($"the key '{key}' is given twice", file: file, line: keyNode.Start.Line, keyPath: Join(path, key),
                    hint: "keep one of the two");
            }
            keyNodes[key] = keyNode;
        }
    }

    public string File { get; }

    /// <summary>The key path of this mapping, e.g. <c>protected_attributes[0]</c>; empty at the top.</summary>
    public string Path { get; }

    /// <summary>The 1-based line where this mapping starts.</summary>
    public long Line => node.Start.Line;

    public bool Has(string key) => entries.ContainsKey(key) && !IsNull(entries[key]);

    /// <summary>True when the key's value is a list.</summary>
    public bool IsList(string key) => entries.TryGetValue(key, out var value) && value is YamlSequenceNode;

    /// <summary>True when the key is written with no value (<c>key:</c> or <c>key: ~</c>).</summary>
    public bool IsGivenEmpty(string key) => entries.TryGetValue(key, out var value) && IsNull(value);

    /// <summary>The line of a key, or of the mapping when the key is absent.</summary>
    public long LineOf(string key) => keyNodes.TryGetValue(key, out var k) ? k.Start.Line : node.Start.Line;

    public string KeyPath(string key) => Join(Path, key);

    /// <summary>An error about one key of this mapping, with its line.</summary>
    public AuditInputException Error(string key, string problem, string? expected = null, string? found = null, string? hint = null) =>
        new(problem, file: File, line: LineOf(key), keyPath: KeyPath(key), expected: expected, found: found, hint: hint);

    public string RequiredString(string key, string? hint = null) =>
        OptionalString(key) ?? throw Missing(key, "a text value", hint);

    public string? OptionalString(string key)
    {
        if (!entries.TryGetValue(key, out var value) || IsNull(value))
        {
            return null;
        }
        if (value is not YamlScalarNode scalar)
        {
            throw Error(key, "wrong type", expected: "a text value", found: Describe(value));
        }
        return WithoutNul(scalar.Value ?? "", File, LineOf(key), KeyPath(key));
    }

    /// <summary>
    /// Refuses a value holding a NUL character (a "\0" escape in YAML): no path, name or level holds one, and .NET
    /// refuses a path with one with an exception that was an internal error (issue 16, class 4).
    /// </summary>
    internal static string WithoutNul(string text, string file, long line, string keyPath) =>
        !text.Contains('\0', StringComparison.Ordinal)
            ? text
            : throw new AuditInputException("the value holds a NUL character (\\0)", file: file, line: line, keyPath: keyPath,
                found: text.Replace("\0", "\\0", StringComparison.Ordinal), hint: "remove the \\0 from the value");

    /// <summary>
    /// A text that may be given in several languages (issue 18): a plain string, or a map from a language code to the
    /// text (<c>description: { en: "...", fr: "..." }</c>). Returns the text to use when no language is asked (English,
    /// else the first given) and the texts by language (null for a plain string).
    /// </summary>
    internal (string? Text, IReadOnlyDictionary<string, string>? ByLanguage) OptionalLocalized(string key)
    {
        if (!entries.TryGetValue(key, out var value) || IsNull(value) || value is not YamlMappingNode)
        {
            return (OptionalString(key), null);
        }
        var byLanguage = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (language, text) in OptionalFreeMap(key))
        {
            if (language.Length is < 2 or > 3 || !language.All(char.IsAsciiLetterLower))
            {
                throw Error(key, "a language code is not valid", expected: "a two- or three-letter language code in lower case (en, fr)", found: language);
            }
            byLanguage.Add(language, text.AsString());
        }
        if (byLanguage.Count == 0)
        {
            throw Error(key, "the text is given in no language", expected: "a text, or a map such as { en: \"...\", fr: \"...\" }");
        }
        return (byLanguage.GetValueOrDefault("en") ?? byLanguage.First().Value, byLanguage);
    }

    public double? OptionalDouble(string key)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error(key, "wrong type", expected: "a number (with a decimal point)", found: text);
        }
        return value;
    }

    public long? OptionalLong(string key)
    {
        var text = OptionalString(key);
        if (text is null)
        {
            return null;
        }
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(key, "wrong type", expected: "a whole number", found: text);
        }
        return value;
    }

    public bool? OptionalBool(string key)
    {
        var text = OptionalString(key);
        return text switch
        {
            null => null,
            "true" or "True" or "yes" => true,
            "false" or "False" or "no" => false,
            _ => throw Error(key, "wrong type", expected: "true or false", found: text),
        };
    }

    /// <summary>A text value that must be one of <paramref name="choices"/>.</summary>
    public string? OptionalChoice(string key, params string[] choices)
    {
        var text = OptionalString(key);
        if (text is not null && !choices.Contains(text))
        {
            var suggestion = NameSuggestion.Closest(text, choices);
            throw Error(key, "not an allowed value" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)"),
                expected: "one of " + string.Join(", ", choices), found: text);
        }
        return text;
    }

    public YamlMap? OptionalMap(string key, IReadOnlyCollection<string> allowedKeys)
    {
        if (!entries.TryGetValue(key, out var value) || IsNull(value))
        {
            return null;
        }
        if (value is not YamlMappingNode mapping)
        {
            throw Error(key, "wrong type", expected: "a mapping (indented 'key: value' lines)", found: Describe(value));
        }
        return new YamlMap(mapping, File, KeyPath(key), allowedKeys);
    }

    public YamlMap RequiredMap(string key, IReadOnlyCollection<string> allowedKeys, string? hint = null) =>
        OptionalMap(key, allowedKeys) ?? throw Missing(key, "a mapping", hint);

    /// <summary>A mapping whose keys are free (e.g. column names or category levels), as ordered (key, node) pairs.</summary>
    public IReadOnlyList<(string Key, YamlValue Value)> OptionalFreeMap(string key)
    {
        if (!entries.TryGetValue(key, out var value) || IsNull(value))
        {
            return [];
        }
        if (value is not YamlMappingNode mapping)
        {
            throw Error(key, "wrong type", expected: "a mapping of names to values", found: Describe(value));
        }
        var result = new List<(string, YamlValue)>();
        foreach (var (k, v) in mapping.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? throw new AuditInputException("a key is not a plain name", file: File, line: k.Start.Line, keyPath: KeyPath(key));
            WithoutNul(name, File, k.Start.Line, KeyPath(key));
            result.Add((name, new YamlValue(v, File, Join(KeyPath(key), name))));
        }
        return result;
    }

    /// <summary>The value of a key whatever its form (scalar, mapping or list), for values that may take several forms.</summary>
    public YamlValue OptionalFreeMapValue(string key) =>
        entries.TryGetValue(key, out var value) ? new YamlValue(value, File, KeyPath(key)) : throw Error(key, $"the key '{key}' is required");

    /// <summary>The items of a sequence.</summary>
    public IReadOnlyList<YamlValue> OptionalList(string key)
    {
        if (!entries.TryGetValue(key, out var value) || IsNull(value))
        {
            return [];
        }
        if (value is not YamlSequenceNode sequence)
        {
            throw Error(key, "wrong type", expected: "a list ('- item' lines or [a, b])", found: Describe(value));
        }
        return sequence.Children.Select((item, i) => new YamlValue(item, File, $"{KeyPath(key)}[{i}]")).ToList();
    }

    private AuditInputException Missing(string key, string expected, string? hint) =>
        new($"the key '{key}' is required", file: File, line: node.Start.Line, keyPath: KeyPath(key), expected: expected, hint: hint);

    internal static bool IsNull(YamlNode value) =>
        value is YamlScalarNode { Value: null or "" or "~" or "null" } s && s.Style == YamlDotNet.Core.ScalarStyle.Plain;

    internal static string Describe(YamlNode value) => value switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => s.Value ?? "",
        _ => value.NodeType.ToString(),
    };

    internal static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static string? NullIfEmpty(string path) => path.Length == 0 ? null : path;
}

/// <summary>One YAML value with its key path, for items of lists and free mappings.</summary>
public sealed class YamlValue
{
    private readonly YamlNode node;

    public YamlValue(YamlNode node, string file, string path)
    {
        this.node = node;
        File = file;
        Path = path;
    }

    public string File { get; }

    public string Path { get; }

    public long Line => node.Start.Line;

    public bool IsMap => node is YamlMappingNode;

    public bool IsScalar => node is YamlScalarNode;

    public AuditInputException Error(string problem, string? expected = null, string? found = null, string? hint = null) =>
        new(problem, file: File, line: Line, keyPath: Path, expected: expected, found: found ?? YamlMap.Describe(node), hint: hint);

    public string AsString() =>
        node is YamlScalarNode { Value: { } v } ? YamlMap.WithoutNul(v, File, Line, Path) : throw Error("wrong type", expected: "a text value");

    public double AsDouble()
    {
        var text = AsString();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error("wrong type", expected: "a number (with a decimal point)", found: text);
        }
        return value;
    }

    public YamlMap AsMap(IReadOnlyCollection<string> allowedKeys) =>
        node is YamlMappingNode mapping ? new YamlMap(mapping, File, Path, allowedKeys) : throw Error("wrong type", expected: "a mapping");

    public IReadOnlyList<YamlValue> AsList() =>
        node is YamlSequenceNode sequence
            ? sequence.Children.Select((item, i) => new YamlValue(item, File, $"{Path}[{i}]")).ToList()
            : throw Error("wrong type", expected: "a list");
}
