using System.Globalization;
using System.Text;
using Audit.Plan;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 2: the proxy figures (Cramér's V and mutual information of an input against a protected attribute,
/// published at full precision) must not tell how a hidden group splits over the input. The attacker here is stronger
/// than a reader of the report: it knows every row of the data except the input's values of the planted group's
/// members, tries every split of them over the input's levels, recomputes the two figures with its own formulas, with
/// the group's rows and without them, and keeps each split that reproduces the published figures. It recovers the
/// split when exactly one is consistent. Planted groups of 1 to min_cell_size − 1 people.
/// </summary>
public sealed class ProxyDisclosureAttackTests
{
    private static readonly string[] Situations = ["seul", "couple", "mono"];

    private const string Spec = """
        spec_version: 1
        name: proxy-attack
        kind: linear
        adverse: high
        intercept: 0
        features:
          - name: sit
            type: categorical
            weights: { seul: 0.3, couple: 0.1, mono: 0.9 }
          - name: inc
            type: numeric
            weight: -0.001
        """;

    private const string Plan = """
        name: proxy-attack
        data:
          path: people.csv
        columns:
          id: categorical
        roles:
          id: id
        model:
          spec: spec.yaml
        policy:
          top_fraction: 0.2
        protected_attributes:
          - column: nat
            reference: FR
        min_cell_size: 10
        inference:
          bootstrap: 0
        explanations:
          enabled: true
          permutations: 1
          top_features: 0
        """;

    [Fact]
    public void TheProxyFiguresDoNotRevealHowAHiddenGroupSplitsOverAnInput()
    {
        for (var size = 1; size < 10; size++)
        {
            var random = new Random(16_02 + size);
            var n = 400;
            var nat = new string[n + size];
            var sit = new int[n + size];
            var text = new StringBuilder("id,nat,sit,inc\n");
            for (var i = 0; i < n + size; i++)
            {
                nat[i] = i >= n ? "XX" : random.Next(10) switch { < 2 => "EU", < 4 => "AF", _ => "FR" };
                // Margins that differ by nationality, so that the figures carry information.
                sit[i] = nat[i] switch
                {
                    "EU" => random.Next(10) switch { < 5 => 0, < 8 => 1, _ => 2 },
                    "AF" => random.Next(10) switch { < 2 => 0, < 5 => 1, _ => 2 },
                    _ => random.Next(10) switch { < 3 => 0, < 8 => 1, _ => 2 },
                };
                text.Append(CultureInfo.InvariantCulture, $"{i},{nat[i]},{Situations[sit[i]]},{900 + random.Next(2000)}\n");
            }
            using var dir = new TempDirectory();
            dir.Write("people.csv", text.ToString());
            dir.Write("spec.yaml", Spec);
            var plan = dir.Write("plan.yaml", Plan);

            var result = Audit.Auditor.Run(AuditPlanLoader.Load(plan), "audit run plan.yaml");
            var hidden = result.Fairness.Attributes.Single().Groups.Single(g => g.Group.Label == "XX");
            Assert.True(hidden.Count.Suppressed == true, $"size {size}: the planted group is hidden");
            var published = result.Explanations!.Proxies.Single(p => p.Feature == "sit" && p.Attribute == "nat");
            // The report lists which groups it hides (complementary suppression may hide a second one): the attacker
            // tries every subset of them left out of the figures.
            var hiddenGroups = result.Fairness.Attributes.Single().Groups.Where(g => g.Count.Suppressed == true).Select(g => g.Group.Label).ToArray();
            var exclusions = Enumerable.Range(0, 1 << hiddenGroups.Length)
                .Select(mask => hiddenGroups.Where((_, b) => (mask >> b & 1) == 1).ToHashSet()).ToArray();
            var all = string.Join("; ", result.Explanations!.Proxies.Select(p => $"{p.Feature}/{p.Attribute} {p.Association} {p.MutualInformation} {p.BalancedAccuracy} {p.ChanceLevel}"));

            var consistent = new List<int[]>();
            foreach (var split in Splits(size, Situations.Length))
            {
                var known = Enumerable.Range(0, n).ToArray();
                if (exclusions.Any(left => Matches(Table(nat, sit, known, split, left), published)))
                {
                    consistent.Add(split);
                }
            }
            Assert.True(consistent.Count > 1,
                $"size {size}: the published V = {published.Association:R}, MI = {published.MutualInformation:R} leave only the split " +
                string.Join("/", consistent.Count == 1 ? consistent[0] : []) + " of the hidden group; " + all);
        }
    }

    /// <summary>Every way of putting <paramref name="size"/> people into <paramref name="levels"/> levels (counts).</summary>
    private static IEnumerable<int[]> Splits(int size, int levels)
    {
        for (var a = 0; a <= size; a++)
        {
            for (var b = 0; a + b <= size; b++)
            {
                yield return [a, b, size - a - b];
            }
        }
    }

    private static readonly string[] Groups = ["FR", "EU", "AF", "XX"];

    /// <summary>The input × group counts of the known rows and of the planted group's split, without the groups left out.</summary>
    private static double[,] Table(string[] nat, int[] sit, int[] known, int[] split, IReadOnlySet<string> leftOut)
    {
        var table = new double[3, Groups.Length];
        foreach (var i in known)
        {
            if (!leftOut.Contains(nat[i]))
            {
                table[sit[i], Array.IndexOf(Groups, nat[i])]++;
            }
        }
        if (!leftOut.Contains("XX"))
        {
            for (var level = 0; level < 3; level++)
            {
                table[level, Groups.Length - 1] += split[level];
            }
        }
        return table;
    }

    private static bool Matches(double[,] table, Audit.Results.ProxyStrength published)
    {
        var (v, mi) = Figures(table);
        return Math.Abs(v - published.Association) <= 1e-12 && Math.Abs(mi - published.MutualInformation) <= 1e-12;
    }

    /// <summary>Cramér's V = √(χ² / (n (min(r, c) − 1))) over the non-empty rows and columns, and mutual information in bits.</summary>
    private static (double V, double Mi) Figures(double[,] table)
    {
        var c = table.GetLength(1);
        var rows = Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, c).Sum(j => table[i, j])).ToArray();
        var cols = Enumerable.Range(0, c).Select(j => Enumerable.Range(0, 3).Sum(i => table[i, j])).ToArray();
        var n = rows.Sum();
        double chi = 0, mi = 0;
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < c; j++)
            {
                var expected = rows[i] * cols[j] / n;
                if (expected > 0)
                {
                    chi += (table[i, j] - expected) * (table[i, j] - expected) / expected;
                }
                if (table[i, j] > 0)
                {
                    mi += table[i, j] / n * Math.Log2(table[i, j] * n / (rows[i] * cols[j]));
                }
            }
        }
        var k = Math.Min(rows.Count(r => r > 0), cols.Count(c => c > 0)) - 1;
        return (k <= 0 ? 0 : Math.Sqrt(chi / (n * k)), Math.Max(0, mi));
    }
}
