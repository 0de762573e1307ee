using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Audit.Yaml;

/// <summary>Loads a YAML file into a node tree whose nodes keep their line numbers, for precise error messages.</summary>
public static class YamlDocument
{
    /// <summary>Reads the single document of a YAML file; its root must be a mapping.</summary>
    public static YamlMap Load(string path, string displayName, IReadOnlyCollection<string> allowedKeys)
    {
        if (!File.Exists(path))
        {
            throw new AuditInputException("file not found", file: displayName, hint: "check the path (paths written in a plan are relative to the plan's folder; paths on the command line to the current folder)");
        }
        YamlLimits.CheckFileSize(new FileInfo(path).Length, displayName);
        return Parse(ReadUtf8(path, displayName), displayName, allowedKeys);
    }

    /// <summary>
    /// The file's text, decoded strictly as UTF-8 (a BOM is allowed). YAML is UTF-8 text; a plan saved in Latin-1 or
    /// Windows-1252 used to be read with every 'é' silently turned into '�' (issue 16, class 5), so that a level,
    /// a column name or a description no longer matched the data: now the first byte that is not UTF-8 stops the run with its line.
    /// </summary>
    private static string ReadUtf8(string path, string displayName)
    {
        var bytes = File.ReadAllBytes(path);
        var body = bytes.AsSpan();
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }
        try
        {
            return Data.TextEncodings.StrictUtf8.GetString(body);
        }
        catch (System.Text.DecoderFallbackException)
        {
            var invalid = Data.TextEncodings.FirstInvalidUtf8(bytes);
            throw new AuditInputException("the file is not valid UTF-8 text", file: displayName, line: invalid?.Line, expected: "UTF-8",
                found: invalid is { } i ? $"byte 0x{i.Value:X2}" : null,
                hint: "save the file as UTF-8 (YAML files are UTF-8; 'byte 0xE9' is an 'é' saved in Latin-1 or Windows-1252)");
        }
    }

    public static YamlMap Parse(string text, string displayName, IReadOnlyCollection<string> allowedKeys)
    {
        var stream = new YamlStream();
        int aliases;
        try
        {
            aliases = ScanEvents(text, displayName);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            // YamlDotNet prefixes its messages with the position; keep only the reason.
            var cut = reason.IndexOf("): ", StringComparison.Ordinal);
            if (reason.StartsWith('(') && cut > 0)
            {
                reason = reason[(cut + 3)..];
            }
            throw new AuditInputException("not valid YAML: " + reason, file: displayName, line: e.Start.Line,
                hint: "check indentation (spaces, not tabs) and quoting near that line");
        }
        catch (ArgumentException e)
        {
            // Found by fuzzing (docs/robustness.md): YamlDotNet throws ArgumentException on some malformed tags
            // ("[!!!!["), and on control characters where a key is expected.
            throw new AuditInputException("not valid YAML: the parser stopped (" + e.Message + ")", file: displayName,
                hint: "check the file is YAML text: tags start with '!' followed by a name, and keys are plain text");
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner fails this way on some unclosed flow collections ("[a, b" at the end of the file).
            throw new AuditInputException("not valid YAML: the parser stopped (" + e.Message + ")", file: displayName,
                hint: "check that every '[' and '{' is closed and every quote ends");
        }
        if (stream.Documents.Count == 0)
        {
            throw new AuditInputException("the file is empty", file: displayName, line: 1, expected: "a YAML mapping of keys to values");
        }
        if (stream.Documents.Count > 1)
        {
            throw new AuditInputException("the file holds more than one YAML document", file: displayName,
                line: stream.Documents[1].RootNode.Start.Line, hint: "remove the '---' separator: one plan per file");
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new AuditInputException("the top level is not a mapping", file: displayName, line: stream.Documents[0].RootNode.Start.Line,
                expected: "keys and values (key: value)");
        }
        YamlLimits.Check(root, aliases, displayName);
        return new YamlMap(root, displayName, "", allowedKeys);
    }

    /// <summary>
    /// One pass over the parser's events before the tree is built: counts aliases (the loaded tree replaces them by the nodes
    /// they name, so they can only be counted here), stops a runaway nesting early (building the tree of a file nested
    /// 200,000 levels deep takes YamlDotNet minutes), and refuses an alias inside the node its anchor names: such a
    /// node contains itself, and YamlDotNet's node comparison recurses on it until the stack overflows, which no
    /// handler can catch (found by fuzzing, docs/robustness.md).
    /// </summary>
    private static int ScanEvents(string text, string displayName)
    {
        var parser = new Parser(new StringReader(text));
        var aliases = 0;
        var open = new List<string?>(); // the anchor of each collection being read, outermost first
        var defined = new HashSet<string>(StringComparer.Ordinal);
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.AnchorAlias alias:
                    if (++aliases > YamlLimits.MaxAliases)
                    {
                        return aliases;
                    }
                    if (!defined.Contains(alias.Value.Value))
                    {
                        // YAML requires the anchor first; YamlDotNet resolves later ones too, and an alias used as the key
                        // of its own anchored value then recurses without end.
                        throw new AuditInputException($"the alias '*{alias.Value.Value}' comes before its anchor '&{alias.Value.Value}'", file: displayName,
                            line: alias.Start.Line, hint: "define the anchor (&name) before using it (*name)");
                    }
                    if (open.Contains(alias.Value.Value))
                    {
                        throw new AuditInputException($"the alias '*{alias.Value.Value}' refers to a value that contains it", file: displayName,
                            line: alias.Start.Line, hint: "a value cannot include itself; write the repeated part out, or anchor a smaller part");
                    }
                    break;
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    if (open.Count >= YamlLimits.MaxDepth)
                    {
                        throw YamlLimits.TooDeep(displayName, parser.Current.Start.Line);
                    }
                    var anchor = ((YamlDotNet.Core.Events.NodeEvent)parser.Current).Anchor;
                    open.Add(anchor.IsEmpty ? null : anchor.Value);
                    if (!anchor.IsEmpty)
                    {
                        defined.Add(anchor.Value);
                    }
                    break;
                case YamlDotNet.Core.Events.Scalar { Anchor.IsEmpty: false } scalar:
                    defined.Add(scalar.Anchor.Value);
                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    open.RemoveAt(open.Count - 1);
                    break;
            }
        }
        return aliases;
    }
}
