namespace Audit.Tests.Architecture;

/// <summary>
/// Cycles in a directed graph of names (here: namespaces and the namespaces they use). Strongly connected
/// components by Tarjan's algorithm (Tarjan 1972, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1(2));
/// for each component with more than one node, one concrete cycle through its smallest node, found by a breadth-first
/// search inside the component, so that a failure names a path a reader can follow (A → B → C → A).
/// </summary>
public static class DependencyCycles
{
    /// <summary>One cycle per strongly connected component of two or more nodes; self-loops are ignored
    /// (a namespace using its own types is no cycle). Each cycle starts and ends with the same node.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyDictionary<string, IReadOnlySet<string>> edges)
    {
        var components = new StronglyConnected(edges).Components();
        return components
            .Where(component => component.Count > 1)
            .Select(component => CycleThrough(component.Min(StringComparer.Ordinal)!, component, edges))
            .OrderBy(cycle => cycle[0], StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The shortest path from <paramref name="start"/> back to itself using only nodes of the component.</summary>
    private static IReadOnlyList<string> CycleThrough(string start, IReadOnlySet<string> component, IReadOnlyDictionary<string, IReadOnlySet<string>> edges)
    {
        var cameFrom = new Dictionary<string, string>();
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in Successors(node, edges).Where(component.Contains).Order(StringComparer.Ordinal))
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var at = node; at != start; at = cameFrom[at])
                    {
                        path.Add(at);
                    }
                    path.Add(start);
                    path.Reverse();
                    return path;
                }
                if (next != node && cameFrom.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }
        throw new InvalidOperationException($"{start} is in a strongly connected component but on no cycle: the component finder is wrong.");
    }

    private static IEnumerable<string> Successors(string node, IReadOnlyDictionary<string, IReadOnlySet<string>> edges) =>
        edges.TryGetValue(node, out var next) ? next : [];

    /// <summary>Tarjan's algorithm: one depth-first search; a node whose low link equals its index roots a component.</summary>
    private sealed class StronglyConnected(IReadOnlyDictionary<string, IReadOnlySet<string>> edges)
    {
        private readonly Dictionary<string, int> index = [];
        private readonly Dictionary<string, int> lowLink = [];
        private readonly Stack<string> stack = new();
        private readonly HashSet<string> onStack = [];
        private readonly List<IReadOnlySet<string>> components = [];

        public List<IReadOnlySet<string>> Components()
        {
            var nodes = edges.Keys.Concat(edges.Values.SelectMany(targets => targets)).Distinct().Order(StringComparer.Ordinal);
            foreach (var node in nodes)
            {
                if (!index.ContainsKey(node))
                {
                    Visit(node);
                }
            }
            return components;
        }

        private void Visit(string node)
        {
            index[node] = lowLink[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in Successors(node, edges))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    lowLink[node] = Math.Min(lowLink[node], lowLink[next]);
                }
                else if (onStack.Contains(next))
                {
                    lowLink[node] = Math.Min(lowLink[node], index[next]);
                }
            }
            if (lowLink[node] != index[node])
            {
                return;
            }
            var component = new HashSet<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != node);
            components.Add(component);
        }
    }
}
