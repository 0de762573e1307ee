using System.Reflection;
using ArchUnitNET.Loader;

namespace Audit.Tests.Architecture;

/// <summary>One type of the toolkit using another type of the toolkit (both named by their outermost declaring type).</summary>
public sealed record TypeDependency(string From, string To)
{
    public string FromNamespace => NamespaceOf(From);
    public string ToNamespace => NamespaceOf(To);

    public override string ToString() => $"{From} -> {To}";

    public static string NamespaceOf(string typeName) =>
        typeName.LastIndexOf('.') is var dot and > 0 ? typeName[..dot] : "";
}

/// <summary>
/// The toolkit's own types and their dependencies on each other, read from the compiled assemblies by ArchUnitNET
/// (which reads every signature, field, base type, attribute and method body through Mono.Cecil). Nested and
/// compiler-generated types (closures, iterators, async state machines) are folded into the type that declares them,
/// so a lambda's dependency is its method's. Loaded once: reading four assemblies takes a few seconds.
/// </summary>
public static class AuditDependencies
{
    /// <summary>The assemblies of the toolkit (the library, the command line, the two model projects), by name so that a renamed type does not break the load.</summary>
    public static readonly string[] AssemblyNames = ["Audit", "Audit.Cli", "Audit.Models.Onnx", "Audit.Models.MLNet", "Audit.Web", "Audit.Data.Databases"];

    private static readonly Lazy<ArchUnitNET.Domain.Architecture> LoadedArchitecture =
        new(() => new ArchLoader().LoadAssemblies(AssemblyNames.Select(name => Assembly.Load(name)).ToArray()).Build());

    private static readonly Lazy<IReadOnlyList<TypeDependency>> Loaded = new(Load);

    /// <summary>The toolkit's assemblies as ArchUnitNET reads them, for rules written with its fluent API.</summary>
    public static ArchUnitNET.Domain.Architecture Architecture => LoadedArchitecture.Value;

    /// <summary>Every distinct dependency between two different toolkit types, in ordinal order.</summary>
    public static IReadOnlyList<TypeDependency> All => Loaded.Value;

    private static IReadOnlyList<TypeDependency> Load()
    {
        return Architecture.Types
            .SelectMany(type => type.Dependencies.Select(dependency => (From: OutermostName(type.FullName), To: OutermostName(dependency.Target.FullName))))
            .Where(pair => IsToolkit(pair.From) && IsToolkit(pair.To) && pair.From != pair.To)
            .Select(pair => new TypeDependency(pair.From, pair.To))
            .Distinct()
            .OrderBy(d => d.From, StringComparer.Ordinal).ThenBy(d => d.To, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>"Audit.Fairness.Cells.GroupStatistics+&lt;&gt;c" → "Audit.Fairness.Cells.GroupStatistics"; "Audit.Results.Metric`1" → "Audit.Results.Metric".</summary>
    public static string OutermostName(string fullName)
    {
        var name = fullName;
        var cut = name.IndexOfAny(['+', '<', '`', '[']);
        if (cut >= 0)
        {
            name = name[..cut];
        }
        return name.TrimEnd('.');
    }

    private static bool IsToolkit(string typeName) =>
        typeName.StartsWith("Audit.", StringComparison.Ordinal) && !typeName.StartsWith("Audit.Tests", StringComparison.Ordinal);
}
