using YamlDotNet.RepresentationModel;

namespace Audit.Yaml;

/// <summary>
/// Bounds on what a YAML file may make the toolkit build, checked before any key is read, so that an untrusted plan or spec
/// cannot exhaust memory or time. The classic attack is "billion laughs": nine nested anchors of nine aliases each expand to
/// 9^9 (387 million) scalars although the file is under 1 KB. YamlDotNet's node tree shares aliased nodes (it is a DAG), so
/// loading is cheap; any walk that follows the aliases would not be. We count the nodes a full expansion would visit with
/// one memoised pass over the DAG (linear in the file) and refuse the file above <see cref="MaxExpandedNodes"/>.
/// </summary>
public static class YamlLimits
{
    /// <summary>
    /// Nodes a fully expanded document may hold. The largest shipped file (a population spec) expands to a few thousand nodes;
    /// a million leaves room for generated specs while a walk over them still takes milliseconds.
    /// </summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>Aliases (<c>*name</c>) a file may use. Plans and specs rarely need more than a handful.</summary>
    public const int MaxAliases = 1_000;

    /// <summary>
    /// Largest YAML file read (default 4 MiB): the largest shipped file (a population spec) is under 40 KB; a 50 MB plan
    /// scalar used to be accepted.
    /// </summary>
    public const long MaxFileBytes = 4L << 20;

    /// <summary>
    /// Characters of text a fully expanded document may hold (4 million): a 200 KB scalar aliased 499 times is 100 million,
    /// which a report that quotes the plan's description turned into a 574 MB file.
    /// </summary>
    public const long MaxExpandedCharacters = 4_000_000;

    /// <summary>Nesting depth of mappings and sequences.</summary>
    public const int MaxDepth = 64;

    /// <summary>Tags YAML's core schema defines. Others (e.g. <c>!!python/object</c>, <c>!ruby/object</c>) ask a loader to build
    /// arbitrary types; we never construct types from tags, and we refuse them rather than silently read them as text.</summary>
    private static readonly HashSet<string> CoreTags = new(StringComparer.Ordinal)
    {
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "!",
    };

    /// <summary>Throws <see cref="AuditInputException"/> when <paramref name="root"/> breaks a limit.</summary>
    /// <param name="aliasCount">Aliases the parser met (counted from the event stream, since the tree no longer shows them).</param>
    public static void Check(YamlNode root, int aliasCount, string displayName)
    {
        if (aliasCount > MaxAliases)
        {
            throw new AuditInputException($"the file uses {aliasCount:N0} YAML aliases, more than the {MaxAliases:N0} allowed", file: displayName,
                hint: "write the values out instead of referring to anchors (*name) so often; very many aliases is how a 'billion laughs' file exhausts memory");
        }
        var sizes = new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance);
        var expanded = ExpandedSize(root, sizes, depth: 0, displayName);
        if (expanded > MaxExpandedNodes)
        {
            throw new AuditInputException($"the file would expand to more than {MaxExpandedNodes:N0} YAML nodes through its anchors and aliases", file: displayName,
                line: root.Start.Line, hint: "this is the shape of a 'billion laughs' attack; a plan or spec never needs that many values");
        }
        var characters = ExpandedCharacters(root, new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance));
        if (characters > MaxExpandedCharacters)
        {
            throw new AuditInputException($"the file would expand to more than {MaxExpandedCharacters:N0} characters of text through its anchors and aliases",
                file: displayName, line: root.Start.Line,
                hint: "a long text repeated through aliases would be copied into every report that quotes it; write it once");
        }
    }

    /// <summary>Text characters of the full expansion, memoised over the node DAG (the node walk above bounds its depth).</summary>
    private static long ExpandedCharacters(YamlNode node, Dictionary<YamlNode, long> sizes)
    {
        if (sizes.TryGetValue(node, out var known))
        {
            return known;
        }
        long size = 0;
        switch (node)
        {
            case YamlScalarNode scalar:
                size = scalar.Value?.Length ?? 0;
                break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    size = Add(size, Add(ExpandedCharacters(key, sizes), ExpandedCharacters(value, sizes)));
                }
                break;
            case YamlSequenceNode seq:
                foreach (var child in seq.Children)
                {
                    size = Add(size, ExpandedCharacters(child, sizes));
                }
                break;
        }
        sizes[node] = size;
        return size;
    }

    /// <summary>Refuses a YAML file larger than <see cref="MaxFileBytes"/> before reading it.</summary>
    public static void CheckFileSize(long bytes, string displayName)
    {
        if (bytes > MaxFileBytes)
        {
            throw new AuditInputException($"the YAML file is larger than the {MaxFileBytes >> 20} MiB allowed", file: displayName,
                found: $"{bytes:N0} bytes", hint: "a plan or spec is a few kilobytes; check that this is the file you meant");
        }
    }

    private static long ExpandedSize(YamlNode node, Dictionary<YamlNode, long> sizes, int depth, string displayName)
    {
        if (sizes.TryGetValue(node, out var known))
        {
            return known;
        }
        if (depth > MaxDepth)
        {
            throw TooDeep(displayName, node.Start.Line);
        }
        CheckTag(node, displayName);
        long size = 1;
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    size = Add(size, ExpandedSize(key, sizes, depth + 1, displayName));
                    size = Add(size, ExpandedSize(value, sizes, depth + 1, displayName));
                }
                break;
            case YamlSequenceNode seq:
                foreach (var child in seq.Children)
                {
                    size = Add(size, ExpandedSize(child, sizes, depth + 1, displayName));
                }
                break;
        }
        sizes[node] = size;
        return size;
    }

    internal static AuditInputException TooDeep(string displayName, long line) =>
        new($"the YAML nests deeper than {MaxDepth} levels", file: displayName, line: line,
            hint: "a plan or spec is a few levels deep; check for a runaway indentation or a generated file");

    // Saturating: a hostile file can make the true count overflow a long.
    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static void CheckTag(YamlNode node, string displayName)
    {
        if (node.Tag.IsEmpty || CoreTags.Contains(node.Tag.Value))
        {
            return;
        }
        throw new AuditInputException($"unsupported YAML tag '{node.Tag.Value}'", file: displayName, line: node.Start.Line,
            expected: "plain values (text, numbers, true/false, lists, mappings)",
            hint: "tags that ask a loader to build objects (such as !!python/object) are refused; remove the tag");
    }
}
