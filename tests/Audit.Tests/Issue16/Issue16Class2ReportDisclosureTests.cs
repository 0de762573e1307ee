using System.Text;
using Audit.Data;
using Audit.Models;
using Audit.Plan;
using Audit.Reporting;
using Audit.Reporting.Html;
using Audit.Reporting.Text;
using Audit.Tests.Recourse;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 2 acceptance: the disclosure attacker over every section of the report (report.json, report.md,
/// tables/*.csv, report.html and report.fr.html), with explanations, recourse and designs on.
/// </summary>
/// <remarks>
/// The oracle is differential, and stronger than enumerating splits: two planted groups XX (k households, k from 1 to
/// min_cell_size − 1) and YY (the other min_cell_size − k) share the same pool of min_cell_size households in every
/// run, and the runs differ only in which of those households are XX: its size k, and for each k whether its members
/// are taken flagged first or unflagged first, so its split over flagged/unflagged, label, sexe, aah and every input
/// differs. Every row, every other column, every visible group and every total is the same in all 18 runs. The
/// attacker knows every published number at
/// full precision and every structural fact (which cells are listed); if any of them depended on how the hidden
/// households split between XX and YY, two runs would publish different files, and an attacker trying every split
/// would tell the runs apart. So every file must be byte-identical in all the runs, with one allowed difference: the
/// SHA-256 of the data file, which differs because the file does (it is replaced by a marker before comparing). The
/// hash is of the whole file, not a statistic over groups: it tells nothing to a reader who does not hold the data,
/// and a reader who holds the data needs no report to count a group. Every other figure that depends on the planted
/// rows is a total over everyone (overall rate, global explanations, per-person figures by row), the same in both
/// runs because the rows themselves do not change.
/// </remarks>
public sealed partial class Issue16Class2ReportDisclosureTests
{
    private const int MinCellSize = 10;
    private const int Households = 400;

    [Fact]
    public void NoFileOfTheReportTellsHowAHiddenGroupSplits()
    {
        var table = CafLikeHouseholds.Generate(Households, 1602);
        var spec = Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml");
        var jurisdiction = Path.Combine(SharedData.RepositoryRoot, "datasets", "jurisdictions", "fr-caf.yaml");
        var scores = LinearModelSpec.Load(spec, "caf-reconstructed.yaml").Score(table);
        // The top 10 % are flagged; the planted households are the best-scored (flagged) and households from the middle.
        var byScore = Enumerable.Range(0, table.RowCount).OrderByDescending(r => scores[r]).ThenBy(r => r).ToArray();
        var random = new Random(16_2);
        var label = Enumerable.Range(0, table.RowCount).Select(r => random.NextDouble() < (Array.IndexOf(byScore, r) < Households / 5 ? 0.5 : 0.1) ? "1" : "0").ToArray();
        var selection = Enumerable.Range(0, table.RowCount).Select(r => r % 3 == 0 ? "Random" : "Targeted").ToArray();
        var nationalite = (CategoricalColumn)table["nationalite"];
        table = table.WithColumn(CategoricalColumn.FromValues("indu", label)).WithColumn(CategoricalColumn.FromValues("selection", selection));
        // The pool: the 5 best-scored households (flagged) and 5 from the middle (not flagged), interleaved two ways.
        var flagged = byScore.Take(MinCellSize / 2).ToArray();
        var middle = byScore.Skip(Households / 2).Take(MinCellSize - flagged.Length).ToArray();
        var pool = flagged.Concat(middle).ToHashSet();
        int[][] orders = [[.. flagged, .. middle], [.. middle, .. flagged]];
        Dictionary<string, string>? first = null;
        var firstName = "";
        var differences = new List<string>();
        for (var k = 1; k < MinCellSize; k++)
        {
            foreach (var order in orders)
            {
                var xx = order.Take(k).ToHashSet();
                var name = $"XX = {k} ({xx.Count(flagged.Contains)} flagged)";
                var files = Report(Planted(table, nationalite, pool, xx), spec, jurisdiction);
                if (first is null)
                {
                    (first, firstName) = (files, name);
                    // Every stage ran and lists the planted groups (hidden), so the comparison covers their sections.
                    Assert.All(new[] { "XX", "YY" }, g => Assert.Contains(g, files[ReportWriter.JsonFile], StringComparison.Ordinal));
                    Assert.All(new[] { "\"proxies\"", "\"decompositions\"", "\"byGroup\"", "\"capacity\"", "\"flips\"", "\"dropOne\"", "\"composition\"" },
                        key => Assert.Contains(key, files[ReportWriter.JsonFile], StringComparison.Ordinal));
                    continue;
                }
                Assert.Equal(first.Keys.Order(StringComparer.Ordinal), files.Keys.Order(StringComparer.Ordinal));
                foreach (var file in first.Keys.Order(StringComparer.Ordinal))
                {
                    if (first[file] != files[file])
                    {
                        differences.Add($"{firstName} vs {name}, {file}: {FirstDifference(first[file], files[file])}");
                    }
                }
            }
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(40)));
    }

    /// <summary>
    /// The issue's case: one small group XX alone, which complementary suppression protects by hiding a larger group
    /// (ue, 16 to 24 households here). XX and ue share a fixed pool (ue's households and 9 planted ones) in every run;
    /// the runs differ in XX's size (1 to 9) and in whether its members are taken flagged first or unflagged first.
    /// Crossed tables may legitimately differ here (a visible cell such as F × ue changes members between runs), so the
    /// comparison is of every figure published over nationalite alone, where XX and ue are both hidden: fairness
    /// groups and findings, proxies, decompositions, recourse by group, and the design group rates (capacity,
    /// drop-one, composition, flip). None may depend on how the pool splits between the two.
    /// </summary>
    [Fact]
    public void NoFileOfTheReportTellsHowALoneHiddenGroupSplitsFromItsComplement()
    {
        var table = CafLikeHouseholds.Generate(Households, 1603);
        var spec = Path.Combine(SharedData.RepositoryRoot, "models", "caf-reconstructed.yaml");
        var jurisdiction = Path.Combine(SharedData.RepositoryRoot, "datasets", "jurisdictions", "fr-caf.yaml");
        var scores = LinearModelSpec.Load(spec, "caf-reconstructed.yaml").Score(table);
        var byScore = Enumerable.Range(0, table.RowCount).OrderByDescending(r => scores[r]).ThenBy(r => r).ToArray();
        var random = new Random(16_3);
        var label = Enumerable.Range(0, table.RowCount).Select(r => random.NextDouble() < (Array.IndexOf(byScore, r) < Households / 5 ? 0.5 : 0.1) ? "1" : "0").ToArray();
        var selection = Enumerable.Range(0, table.RowCount).Select(r => r % 3 == 0 ? "Random" : "Targeted").ToArray();
        var nationalite = (CategoricalColumn)table["nationalite"];
        table = table.WithColumn(CategoricalColumn.FromValues("indu", label)).WithColumn(CategoricalColumn.FromValues("selection", selection));
        var ue = Enumerable.Range(0, table.RowCount).Where(r => nationalite[r] == "ue").ToArray();
        var planted = byScore.Where(r => nationalite[r] != "ue").Take(MinCellSize - 1).ToArray();
        var pool = ue.Concat(planted).ToHashSet();
        // Flagged first: the planted (best-scored) households; unflagged first: ue's households by ascending score.
        int[][] orders = [[.. planted, .. ue], [.. ue.OrderBy(r => scores[r]).ThenBy(r => r), .. planted]];
        List<string>? first = null;
        var firstName = "";
        var differences = new List<string>();
        for (var k = 1; k < MinCellSize; k++)
        {
            foreach (var order in orders)
            {
                var xx = order.Take(k).ToHashSet();
                var name = $"XX = {k} ({xx.Count(planted.Contains)} planted)";
                var data = table.WithColumn(CategoricalColumn.FromValues("nationalite",
                    Enumerable.Range(0, table.RowCount).Select(r => xx.Contains(r) ? "XX" : pool.Contains(r) ? "ue" : nationalite[r]).ToArray()));
                var json = Report(data, spec, jurisdiction)[ReportWriter.JsonFile];
                // Issue 18: a verdict's simultaneous interval is taken at 1 − α/m, m the comparisons of its metric over
                // every published table, crossed ones included (the Holm family). Crossed cells may legitimately change
                // here, and m with them; m is itself a count of published cells (checked below), so it tells nothing
                // of the split. The verdict's figures that rest on m (direction, bounds, level, m) are compared through
                // that check; every figure over nationalite alone (its counts, ratio, method) still must not move.
                CheckComparisonsArePublishedCounts(json);
                var figures = OverNationalite(json).Select(f => FamilyFigures().Replace(f, "$1$2")).ToList();
                Assert.Contains(figures, f => f.Contains("\"XX\"", StringComparison.Ordinal));
                Assert.Contains(figures, f => f.StartsWith("/explanations/proxies", StringComparison.Ordinal));
                Assert.Contains(figures, f => f.StartsWith("/recourse/byGroup", StringComparison.Ordinal));
                Assert.Contains(figures, f => f.StartsWith("/designs/flips", StringComparison.Ordinal));
                if (first is null)
                {
                    (first, firstName) = (figures, name);
                    continue;
                }
                differences.AddRange(first.Except(figures).Take(3).Select(f => $"{firstName} vs {name}: {Clip(f)}"));
                Assert.Equal(first.Count, figures.Count);
            }
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(40)));
    }

    /// <summary>The data with nationalite = XX on <paramref name="xx"/>, YY on the rest of <paramref name="pool"/>, as before elsewhere.</summary>
    private static Table Planted(Table table, CategoricalColumn nationalite, HashSet<int> pool, HashSet<int> xx) =>
        table.WithColumn(CategoricalColumn.FromValues("nationalite",
            Enumerable.Range(0, table.RowCount).Select(r => xx.Contains(r) ? "XX" : pool.Contains(r) ? "YY" : nationalite[r]).ToArray()));

    /// <summary>Every file of the report folder (run.log aside: timings), with the French HTML report as report.fr.html.</summary>
    private static Dictionary<string, string> Report(Table table, string spec, string jurisdiction)
    {
        using var folder = new TempDirectory();
        CsvTableWriter.Write(table, folder.File("households.csv"));
        var plan = folder.Write("plan.yaml", CafLikeHouseholds.Plan("households.csv", spec, jurisdiction)
            .Replace("roles: { id: id }", "roles: { id: id, label: indu }", StringComparison.Ordinal) + """

            explanations: { enabled: true, permutations: 1, sampled_rows: 50, background_rows: 20 }
            designs:
              capacity: { fractions: [0.05, 0.2] }
              flip: [nationalite]
              drop_one: true
              composition: { column: selection, reference: [Random] }
            """);
        var result = Auditor.Run(Audit.Tests.Cli.TrustedPlans.Load(plan), "audit run plan.yaml");
        var files = ReportWriter.Files(result, "", ReportLanguage.English);
        files.Remove(ReportWriter.LogFile);
        files[Showcase.FrenchHtmlFile] = HtmlReport.Render(result, ReportLanguage.French);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(folder.File("households.csv"))));
        foreach (var name in files.Keys.ToArray())
        {
            Assert.True(name != ReportWriter.JsonFile || files[name].Contains(hash, StringComparison.Ordinal), "report.json names the data file's hash");
            files[name] = files[name].Replace(hash, "<data sha256>", StringComparison.Ordinal);
        }
        return files;
    }

    /// <summary>Every object of report.json about nationalite alone ("attribute" or "column": "nationalite", or "attributes": ["nationalite"]), with its path.</summary>
    private static List<string> OverNationalite(string json)
    {
        var found = new List<string>();
        void Walk(System.Text.Json.Nodes.JsonNode? node, string path)
        {
            switch (node)
            {
                case System.Text.Json.Nodes.JsonObject o when o["attribute"]?.ToString() == "nationalite" || o["column"]?.ToString() == "nationalite"
                    || (o["attributes"] is System.Text.Json.Nodes.JsonArray { Count: 1 } a && a[0]?.ToString() == "nationalite"):
                    found.Add(path + " " + o.ToJsonString());
                    break;
                case System.Text.Json.Nodes.JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        Walk(value, path + "/" + key);
                    }
                    break;
                case System.Text.Json.Nodes.JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], path + "/" + i);
                    }
                    break;
            }
        }
        Walk(System.Text.Json.Nodes.JsonNode.Parse(json), "");
        return found;
    }

    private static string FirstDifference(string a, string b)
    {
        var linesA = a.Split('\n');
        var linesB = b.Split('\n');
        for (var i = 0; i < Math.Max(linesA.Length, linesB.Length); i++)
        {
            var x = i < linesA.Length ? linesA[i] : "";
            var y = i < linesB.Length ? linesB[i] : "";
            if (x != y)
            {
                var context = new StringBuilder();
                context.Append("[").Append(Enumerable.Range(0, Math.Min(linesA.Length, linesB.Length)).Count(j => linesA[j] != linesB[j])).Append(" lines] ");
                context.Append("line ").Append(i + 1).Append(": ").Append(Clip(x)).Append(" | ").Append(Clip(y));
                return context.ToString();
            }
        }
        return "?";
    }

    /// <summary>The part of a verdict that rests on the family size m: direction, bounds, level and m.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(""verdict"":\{)""direction"":""[^""]*"",(""ratio"":[^,]*,)?(?:""low"":[^,]*,)?(?:""high"":[^,]*,)?""level"":[^,]*,""comparisons"":\d+,")]
    private static partial System.Text.RegularExpressions.Regex FamilyFigures();

    /// <summary>Every flag-rate verdict's m equals the published flag-rate comparisons: groups with a shown rate, other than their table's reference, whose reference's rate is shown.</summary>
    private static void CheckComparisonsArePublishedCounts(string json)
    {
        var fairness = System.Text.Json.Nodes.JsonNode.Parse(json)!["fairness"]!;
        var tables = fairness["attributes"]!.AsArray().Concat(fairness["intersections"]!.AsArray()).ToArray();
        var published = 0;
        var stated = new HashSet<int>();
        foreach (var table in tables)
        {
            var reference = table!["reference"]!.ToJsonString();
            var groups = table["groups"]!.AsArray();
            var referenceShown = groups.Any(g => g!["group"]!.ToJsonString() == reference && g["rates"]!["selectionRate"]!["value"] is not null);
            foreach (var g in groups)
            {
                if (referenceShown && g!["group"]!.ToJsonString() != reference && g["rates"]!["selectionRate"]!["value"] is not null)
                {
                    published++;
                }
                if (g!["disparities"]!["selectionRate"]!["verdict"] is { } verdict)
                {
                    stated.Add(verdict["comparisons"]!.GetValue<int>());
                }
            }
        }
        Assert.Equal([published], stated);
    }

    private static string Clip(string s) => s.Length > 300 ? s[..300] + "…" : s;
}
