namespace Audit.Explain;

/// <summary>A sample of row indices drawn without replacement with a seed, in increasing order.</summary>
public static class SeededSample
{
    /// <summary>
    /// <paramref name="count"/> distinct indices in [0, <paramref name="population"/>) (all of them when there are
    /// fewer), by Floyd's algorithm (Bentley and Floyd 1987, "Programming pearls: a sample of brilliance", CACM 30(9)):
    /// memory in the sample size, not the population's, so a 13.8 M-row table costs nothing to sample.
    /// </summary>
    public static int[] Draw(int population, int count, long seed)
    {
        if (count >= population)
        {
            return Enumerable.Range(0, population).ToArray();
        }
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var chosen = new HashSet<int>();
        for (var j = population - count; j < population; j++)
        {
            var t = random.Next(j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }
        var result = chosen.ToArray();
        Array.Sort(result);
        return result;
    }
}
