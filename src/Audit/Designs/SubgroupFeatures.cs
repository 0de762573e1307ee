using System.Globalization;
using Audit.Data;

namespace Audit.Designs;

/// <summary>
/// The features a subgroup search describes people by, in the two forms the searches need: a level code per row
/// and feature (categories as they are, a missing value as the level "(missing)", numbers cut into quantile bins
/// labelled "[a, b)") for the subset scan and for describing a subgroup; and a numeric vector per row (numbers
/// standardised to mean 0 and standard deviation 1, missing at 0; categories one-hot) for the clustering.
/// </summary>
public sealed class SubgroupFeatures
{
    private SubgroupFeatures(string[] names, int[][] codes, string[][] levels, double[][] vectors, bool[] ordered)
    {
        Ordered = ordered;
        Names = names;
        Codes = codes;
        Levels = levels;
        Vectors = vectors;
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Codes[f][i]: the level of feature f for row i.</summary>
    public int[][] Codes { get; }

    /// <summary>Levels[f][v]: the label of level v of feature f.</summary>
    public string[][] Levels { get; }

    /// <summary>Ordered[f]: feature f is a number cut into bins (its levels are ordered; the last is "(missing)").</summary>
    public bool[] Ordered { get; }

    /// <summary>Vectors[i]: row i as numbers, for distances.</summary>
    public double[][] Vectors { get; }

    public int RowCount => Vectors.Length;

    public static SubgroupFeatures Build(Table table, IReadOnlyList<string> columns, int bins)
    {
        var n = table.RowCount;
        var codes = new int[columns.Count][];
        var levels = new string[columns.Count][];
        var ordered = new bool[columns.Count];
        var dims = new List<Func<int, double>>();
        for (var f = 0; f < columns.Count; f++)
        {
            var column = table[columns[f]];
            switch (column)
            {
                case NumericColumn numeric when Distinct(numeric) > bins:
                    {
                        var (edges, labels) = QuantileBins(numeric, bins);
                        levels[f] = labels;
                        ordered[f] = true;
                        var c = new int[n];
                        for (var i = 0; i < n; i++)
                        {
                            var x = numeric[i];
                            c[i] = double.IsNaN(x) ? labels.Length - 1 : BinOf(edges, x);
                        }
                        codes[f] = c;
                        var (mean, sd) = Moments(numeric);
                        dims.Add(i => double.IsNaN(numeric[i]) ? 0 : (numeric[i] - mean) / sd);
                        break;
                    }
                default:
                    {
                        var groups = Fairness.Cells.GroupAssignment.FromColumn(column, null);
                        levels[f] = groups.Levels;
                        codes[f] = groups.Codes;
                        for (var v = 0; v < groups.Levels.Length; v++)
                        {
                            var level = v;
                            var groupCodes = groups.Codes;
                            dims.Add(i => groupCodes[i] == level ? 1 : 0);
                        }
                        break;
                    }
            }
        }
        var vectors = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var v = new double[dims.Count];
            for (var d = 0; d < dims.Count; d++)
            {
                v[d] = dims[d](i);
            }
            vectors[i] = v;
        }
        return new SubgroupFeatures([.. columns], codes, levels, vectors, ordered);
    }

    private static int Distinct(NumericColumn column)
    {
        var set = new HashSet<double>();
        foreach (var x in column.Values)
        {
            if (!double.IsNaN(x))
            {
                set.Add(x);
            }
        }
        return set.Count;
    }

    /// <summary>Mean and sample standard deviation of the non-missing values; the deviation is 1 when it is 0 or undefined (so that dividing by it is safe).</summary>
    internal static (double Mean, double Sd) Moments(NumericColumn column)
    {
        double sum = 0, squares = 0;
        long n = 0;
        foreach (var x in column.Values)
        {
            if (!double.IsNaN(x))
            {
                sum += x;
                squares += x * x;
                n++;
            }
        }
        var mean = n == 0 ? 0 : sum / n;
        var variance = n < 2 ? 0 : (squares - sum * sum / n) / (n - 1);
        return (mean, variance > 0 ? Math.Sqrt(variance) : 1);
    }

    /// <summary>Edges at the 1/bins, 2/bins, ... quantiles (distinct values only), bins [e_k, e_k+1); the last label is "(missing)".</summary>
    private static (double[] Edges, string[] Labels) QuantileBins(NumericColumn column, int bins)
    {
        var values = column.Values.ToArray().Where(x => !double.IsNaN(x)).Order().ToArray();
        var edges = new SortedSet<double>();
        for (var k = 1; k < bins; k++)
        {
            edges.Add(values[(int)((long)k * values.Length / bins)]);
        }
        edges.Remove(values[0]);
        var e = edges.ToArray();
        string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
        var labels = new List<string>();
        for (var k = 0; k <= e.Length; k++)
        {
            var lo = k == 0 ? values[0] : e[k - 1];
            labels.Add(k == e.Length ? $"[{F(lo)}, {F(values[^1])}]" : $"[{F(lo)}, {F(e[k])})");
        }
        labels.Add(Fairness.Cells.GroupAssignment.MissingLabel);
        return (e, labels.ToArray());
    }

    private static int BinOf(double[] edges, double x)
    {
        var k = 0;
        while (k < edges.Length && x >= edges[k])
        {
            k++;
        }
        return k;
    }
}
