namespace Audit.Tests.Architecture;

/// <summary>
/// No cycle among the toolkit's namespaces: a reader follows the data from left to right without back-and-forth
/// (ARCHITECTURE.md). The namespace graph has an edge A → B when a type of A uses a type of B. Dependencies already
/// listed in <see cref="DependencyRuleTests.KnownViolationsBeingRemovedByIssue17"/> are left out (they break the stage
/// table, and most cycles today go through them); so are uses of the shared leaf types of the root namespace
/// (<see cref="StageDependencyTable.SharedRootTypes"/>), which use nothing and so close no cycle.
/// </summary>
public sealed class NamespaceCycleTests
{
    /// <summary>
    /// Namespace dependencies inside one stage that close a cycle today (a sub-namespace using its parent while the
    /// parent uses it), all four removed by issue 17, so the list is empty and stays so. One entry per namespace edge, "From -> To".
    /// </summary>
    public static readonly string[] KnownCycleEdgesBeingRemovedByIssue17 =
    [
    ];

    [Fact]
    public void NoNamespaceCycle()
    {
        var cycles = DependencyCycles.Find(Graph(withKnownCycleEdges: false));
        Assert.True(cycles.Count == 0, "Namespace cycles (each path leads back to where it starts):\n" +
            string.Join('\n', cycles.Select(cycle => string.Join(" → ", cycle) + "  (" + Witnesses(cycle) + ")")));
    }

    [Fact]
    public void EveryKnownCycleEdgeStillClosesACycle()
    {
        var graph = Graph(withKnownCycleEdges: true);
        var gone = KnownCycleEdgesBeingRemovedByIssue17.Where(edge => !ClosesACycle(edge, graph)).ToList();
        Assert.True(gone.Count == 0, "These known cycle edges no longer close a cycle: strike them from NamespaceCycleTests.KnownCycleEdgesBeingRemovedByIssue17:\n" + string.Join('\n', gone));
    }

    /// <summary>An edge A → B closes a cycle when it exists and B leads back to A.</summary>
    private static bool ClosesACycle(string edge, IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        var (from, to) = Split(edge);
        if (!graph.TryGetValue(from, out var targets) || !targets.Contains(to))
        {
            return false;
        }
        var seen = new HashSet<string> { to };
        var pending = new Stack<string>([to]);
        while (pending.TryPop(out var node))
        {
            if (node == from)
            {
                return true;
            }
            foreach (var next in graph.TryGetValue(node, out var after) ? after : Enumerable.Empty<string>())
            {
                if (seen.Add(next))
                {
                    pending.Push(next);
                }
            }
        }
        return false;
    }

    private static IReadOnlyDictionary<string, IReadOnlySet<string>> Graph(bool withKnownCycleEdges)
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var dependency in Counted())
        {
            var edge = $"{dependency.FromNamespace} -> {dependency.ToNamespace}";
            if (dependency.FromNamespace != dependency.ToNamespace && (withKnownCycleEdges || !KnownCycleEdgesBeingRemovedByIssue17.Contains(edge)))
            {
                (graph.TryGetValue(dependency.FromNamespace, out var targets) ? targets : graph[dependency.FromNamespace] = []).Add(dependency.ToNamespace);
            }
        }
        return graph.ToDictionary(pair => pair.Key, pair => (IReadOnlySet<string>)pair.Value);
    }

    private static IEnumerable<TypeDependency> Counted() =>
        AuditDependencies.All.Where(d =>
            !StageDependencyTable.SharedRootTypes.Contains(d.To) &&
            !DependencyRuleTests.KnownViolationsBeingRemovedByIssue17.Contains(d.ToString()));

    /// <summary>For each step of a cycle, one type dependency that makes it, so the message says where to cut.</summary>
    private static string Witnesses(IReadOnlyList<string> cycle) =>
        string.Join("; ", cycle.Zip(cycle.Skip(1), (from, to) =>
            Counted().First(d => d.FromNamespace == from && d.ToNamespace == to).ToString()));

    private static (string From, string To) Split(string edge)
    {
        var parts = edge.Split(" -> ");
        return (parts[0], parts[1]);
    }
}
