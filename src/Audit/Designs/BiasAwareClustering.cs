namespace Audit.Designs;

/// <summary>
/// Bias-aware hierarchical clustering (HBAC: Misztal-Radecka and Indurkhya 2021, "Bias-Aware Hierarchical Clustering
/// for detecting the discriminated groups of users in recommendation systems", Information Processing and Management
/// 58(3); the method of Algorithm Audit's unsupervised bias detection tool). People are clustered on their features
/// only, never on the flag: starting from one cluster, the cluster with the highest bias (its flag rate minus the rate
/// of everyone else) is split in two by k-means (k-means++ seeding, seeded), and the split is kept when both parts
/// have at least the minimum size and one part is more biased than the cluster was; otherwise that cluster is not
/// split again. It stops after <c>maxSplits</c> kept splits or when no cluster can be split. The most biased leaf is
/// the candidate subgroup; new rows join the leaf with the nearest centroid.
/// </summary>
public static class BiasAwareClustering
{
    public const int DefaultMaxSplits = 8;
    private const int KMeansIterations = 25;

    /// <summary>The leaves (centroid and member rows) and the index of the most biased one.</summary>
    public sealed record Clustering(double[][] Centroids, int[][] Members, int MostBiased, double Bias);

    public static Clustering Cluster(double[][] vectors, byte[] flags, int[] rows, int minSize, Random random, int maxSplits = DefaultMaxSplits)
    {
        long totalFlagged = 0;
        foreach (var i in rows)
        {
            totalFlagged += flags[i];
        }
        double Bias(int[] members)
        {
            long c = 0;
            foreach (var i in members)
            {
                c += flags[i];
            }
            var rest = rows.Length - members.Length;
            return rest == 0 ? 0 : (double)c / members.Length - (double)(totalFlagged - c) / rest;
        }
        var leaves = new List<(int[] Members, double[] Centroid, bool Splittable)> { (rows, Centroid(vectors, rows), true) };
        for (var split = 0; split < maxSplits;)
        {
            var candidates = leaves.Select((l, k) => (l, k)).Where(x => x.l.Splittable && x.l.Members.Length >= 2 * minSize).ToArray();
            if (candidates.Length == 0)
            {
                break;
            }
            var (leaf, index) = candidates.OrderByDescending(x => Bias(x.l.Members)).ThenBy(x => x.k).First();
            var (a, b) = KMeansTwo(vectors, leaf.Members, random);
            var parentBias = Bias(leaf.Members);
            if (a.Length >= minSize && b.Length >= minSize && Math.Max(Bias(a), Bias(b)) > parentBias)
            {
                leaves[index] = (a, Centroid(vectors, a), true);
                leaves.Add((b, Centroid(vectors, b), true));
                split++;
            }
            else
            {
                leaves[index] = leaf with { Splittable = false };
            }
        }
        var biases = leaves.Select(l => Bias(l.Members)).ToArray();
        var most = Array.IndexOf(biases, biases.Max());
        return new Clustering(leaves.Select(l => l.Centroid).ToArray(), leaves.Select(l => l.Members).ToArray(), most, biases[most]);
    }

    /// <summary>The leaf whose centroid is nearest to a row (squared Euclidean distance; the first on a tie).</summary>
    public static int Nearest(Clustering clustering, double[] vector)
    {
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var k = 0; k < clustering.Centroids.Length; k++)
        {
            var d = Distance(clustering.Centroids[k], vector);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    private static (int[] A, int[] B) KMeansTwo(double[][] vectors, int[] members, Random random)
    {
        // k-means++ seeding (Arthur and Vassilvitskii 2007): the first centre at random, the second with probability ∝ d².
        var first = vectors[members[random.Next(members.Length)]];
        var d2 = members.Select(i => Distance(vectors[i], first)).ToArray();
        var total = d2.Sum();
        var pick = random.NextDouble() * total;
        var second = members[^1];
        for (var j = 0; j < members.Length; j++)
        {
            if ((pick -= d2[j]) <= 0)
            {
                second = members[j];
                break;
            }
        }
        var centres = new[] { (double[])first.Clone(), (double[])vectors[second].Clone() };
        var assign = new int[members.Length];
        for (var iteration = 0; iteration < KMeansIterations; iteration++)
        {
            var changed = false;
            for (var j = 0; j < members.Length; j++)
            {
                var k = Distance(vectors[members[j]], centres[0]) <= Distance(vectors[members[j]], centres[1]) ? 0 : 1;
                changed |= k != assign[j];
                assign[j] = k;
            }
            // New centres: the means of the two parts.
            var sums = new double[2][];
            var counts = new int[2];
            sums[0] = new double[centres[0].Length];
            sums[1] = new double[centres[0].Length];
            for (var j = 0; j < members.Length; j++)
            {
                var v = vectors[members[j]];
                var sum = sums[assign[j]];
                counts[assign[j]]++;
                for (var d = 0; d < sum.Length; d++)
                {
                    sum[d] += v[d];
                }
            }
            for (var k = 0; k < 2; k++)
            {
                if (counts[k] > 0)
                {
                    for (var d = 0; d < sums[k].Length; d++)
                    {
                        sums[k][d] /= counts[k];
                    }
                    centres[k] = sums[k];
                }
            }
            if (!changed && iteration > 0)
            {
                break;
            }
        }
        return (members.Where((_, j) => assign[j] == 0).ToArray(), members.Where((_, j) => assign[j] == 1).ToArray());
    }

    private static double[] Centroid(double[][] vectors, int[] members)
    {
        var c = new double[vectors[members[0]].Length];
        foreach (var i in members)
        {
            var v = vectors[i];
            for (var d = 0; d < c.Length; d++)
            {
                c[d] += v[d];
            }
        }
        for (var d = 0; d < c.Length; d++)
        {
            c[d] /= members.Length;
        }
        return c;
    }

    private static double Distance(double[] a, double[] b)
    {
        var s = 0.0;
        for (var d = 0; d < a.Length; d++)
        {
            var x = a[d] - b[d];
            s += x * x;
        }
        return s;
    }
}
