using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Audit.Plan;
using Audit.Recourse;
using Audit.Reporting;
using Audit.Reporting.Text;
using Audit.Synthetic;
using Audit.Web;

namespace Audit.Tests.Workbench;

/// <summary>
/// Journey 3 (drill down) in Chromium: sort and filter the groups, open an intersection and the forest plots, list a
/// group's flagged people and open one person's letter and recourse; and, over HTTP, the switch that keeps people
/// lists off for real subjects.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed partial class WorkbenchDrillDownTests(WorkbenchFixture fixture) : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>(attribute, group label, ratio) of every group of a section of report.json, in the report's order.</summary>
    private static List<(string Attribute, string Group, double Ratio)> GroupsOf(JsonElement report, string section) =>
        [.. report.GetProperty("fairness").GetProperty(section).EnumerateArray().SelectMany(a => a.GetProperty("groups").EnumerateArray().Select(g => (
            a.GetProperty("attribute").GetString()!,
            string.Join(" × ", g.GetProperty("group").EnumerateObject().Select(p => p.Value.GetString())),
            g.GetProperty("flagRateRatio").GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : double.NegativeInfinity)))];

    private static Dictionary<string, string> Directions(JsonElement report) =>
        report.GetProperty("fairness").GetProperty("attributes").EnumerateArray().SelectMany(a => a.GetProperty("groups").EnumerateArray().Select(g => (
            Key: $"{a.GetProperty("attribute").GetString()} | {string.Join(" × ", g.GetProperty("group").EnumerateObject().Select(p => p.Value.GetString()))}",
            Direction: g.GetProperty("disparities").TryGetProperty("selectionRate", out var d) && d.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.Object
                ? v.GetProperty("direction").GetString()! : "")))
            .ToDictionary(x => x.Key, x => x.Direction);

    [Fact]
    public async Task Journey3_GroupsSortAndFilterIntersectionsForestPlotsAndAFlaggedPersonsLetterAndRecourse()
    {
        var page = await fixture.OpenAsync(); // first: without Chromium the test skips before the CAF run
        var job = await fixture.SharedCafJobAsync();
        await page.GotoAsync(fixture.Base + job);
        using var report = JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync($"{fixture.Base}{job}/files/report.json")).TextAsync());
        var groups = GroupsOf(report.RootElement, "attributes");

        // Sort by the ratio to the reference: the order of report.json's groups by that ratio (a stable sort, as the table's).
        await page.Locator("#open-groups").ClickAsync();
        await page.Locator("#sort-ratio").ClickAsync();
        var expected = groups.OrderBy(g => g.Ratio).Select(g => $"{g.Attribute} | {g.Group}").ToArray();
        Assert.Equal(expected, await Rows(page));
        await page.Locator("#sort-ratio").ClickAsync();
        Assert.Equal(groups.OrderByDescending(g => g.Ratio).Select(g => $"{g.Attribute} | {g.Group}").ToArray(), await Rows(page));

        // Each row's verdict is report.json's (the flag rate's verdict direction), worded.
        var words = new Dictionary<string, string> { ["against"] = "disparity against the group", ["inFavour"] = "disparity in favour of the group", ["notEstablished"] = "not established", [""] = "–" };
        var directions = Directions(report.RootElement);
        Assert.Equal(directions.Count, groups.Count);
        var verdictCells = await page.Locator("#groups tbody tr td.verdict").AllInnerTextsAsync();
        Assert.Equal(groups.OrderByDescending(g => g.Ratio).Select(g => words[directions[$"{g.Attribute} | {g.Group}"]]).ToArray(), verdictCells.Select(v => v.Trim()).ToArray());
        Assert.Contains("disparity against the group", verdictCells);

        // Filter: only the groups whose name or attribute holds the text.
        await page.Locator("#filter").FillAsync("D1");
        await page.Locator("#apply-filter").ClickAsync();
        var filtered = groups.Where(g => g.Group.Contains("D1", StringComparison.OrdinalIgnoreCase) || g.Attribute.Contains("D1", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(filtered);
        Assert.Equal(filtered.Select(g => $"{g.Attribute} | {g.Group}").Order(StringComparer.Ordinal), (await Rows(page)).Order(StringComparer.Ordinal));
        await WorkbenchFixture.ScreenshotAsync(page, "3-groups");

        // An intersection: its groups only.
        await page.GotoAsync(fixture.Base + job);
        await page.Locator("#open-intersections").ClickAsync();
        var intersection = (await page.Locator(".intersection").First.InnerTextAsync()).Trim();
        await page.Locator(".intersection").First.ClickAsync();
        var crossed = GroupsOf(report.RootElement, "intersections").Where(g => g.Attribute == intersection).Select(g => $"{g.Attribute} | {g.Group}").ToArray();
        Assert.NotEmpty(crossed);
        Assert.Equal(crossed, await Rows(page));

        // The forest plots: every one of the report's, visible.
        await page.GotoAsync(fixture.Base + job);
        await page.Locator("#open-forest").ClickAsync();
        var html = await (await page.Context.APIRequest.GetAsync($"{fixture.Base}{job}/files/report.html")).TextAsync();
        var plots = ForestId().Matches(html).Count;
        Assert.True(plots >= 7, $"{plots} forest plots in the report");
        Assert.Equal(plots, await page.Locator("#forest svg.plot").CountAsync());
        var box = await page.Locator("#forest svg.plot").First.BoundingBoxAsync();
        Assert.True(box is { Width: > 200, Height: > 100 }, "the first forest plot is not visible");
        await WorkbenchFixture.ScreenshotAsync(page, "3-forest");

        await FlaggedPeopleLetterAndRecourse(page, job);
        await page.Context.CloseAsync();
    }

    private async Task FlaggedPeopleLetterAndRecourse(Microsoft.Playwright.IPage page, string job)
    {
        // The oracle: the same plan decided by the library, the flagged women read from its table and decisions.
        var plan = AuditPlanLoader.Load(Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "caf-reconstructed.yaml"), grantedRoot: SharedData.RepositoryRoot);
        plan = plan with { Data = plan.Data with { Population = plan.Data.Population! with { Rows = WorkbenchFixture.CafRows } } };
        var decided = Auditor.Decided(plan);
        var flaggedWomen = Enumerable.Range(0, decided.Table.RowCount)
            .Where(r => decided.Table["sexe"].FormatValue(r) == "F" && decided.Outcome.Flags[r] != 0)
            .Select(r => decided.Table["foyer_id"].FormatValue(r)!).ToHashSet();
        Assert.NotEmpty(flaggedWomen);

        await page.GotoAsync($"{fixture.Base}{job}/groups?filter=F");
        var row = page.Locator("#groups tbody tr").Filter(new() { Has = page.Locator("td.group", new() { HasTextRegex = new Regex("^F$") }) })
            .Filter(new() { HasText = "sexe" });
        await row.Locator("a.flagged-people").ClickAsync();
        var listed = (await page.Locator("#people td.person").AllInnerTextsAsync()).Select(s => s.Trim()).ToHashSet();
        Assert.Equal(flaggedWomen, listed);
        Assert.Contains(flaggedWomen.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("#flagged-count").InnerTextAsync(), StringComparison.Ordinal);
        await WorkbenchFixture.ScreenshotAsync(page, "3-people");

        var person = (await page.Locator("#people td.person").First.InnerTextAsync()).Trim();
        await page.Locator("#people a.letter").First.ClickAsync();
        Assert.Contains(person, await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Contains(person, await page.Locator("h1").First.InnerTextAsync(), StringComparison.Ordinal);
        await WorkbenchFixture.ScreenshotAsync(page, "3-letter");
        await page.GoBackAsync();
        await page.Locator("#people a.recourse").First.ClickAsync();
        var recourse = Auditor.RecourseForPerson(plan, person)!;
        Assert.True(recourse.Flagged);
        var expected = PersonRecoursePage.Render(recourse, ReportLanguage.English, DataErrorSensitivity.DefaultBand);
        Assert.Equal(Normalise(expected), Normalise(await page.Locator("#recourse").InnerTextAsync()));
    }

    private static string Normalise(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    private static async Task<string[]> Rows(Microsoft.Playwright.IPage page)
    {
        var attributes = await page.Locator("#groups tbody tr td:nth-child(1)").AllInnerTextsAsync();
        var names = await page.Locator("#groups tbody tr td.group").AllInnerTextsAsync();
        return [.. attributes.Zip(names, (a, g) => $"{a.Trim()} | {g.Trim()}")];
    }

    [GeneratedRegex("<svg [^>]*id=\"plot-forest-")]
    private static partial Regex ForestId();

    [Fact]
    public async Task PeopleListsAreOffForRealSubjectsUnlessTheServerAllowsThem()
    {
        var folder = Path.Combine(dir.Path, "real");
        DemoPopulation.WriteFiles(folder, 300, 3);
        foreach (var allow in new[] { false, true })
        {
            await using var server = await WorkbenchServer.StartAsync(WorkbenchFixture.Options with { AllowRealPeople = allow }, Cancel);
            var cookies = new CookieContainer();
            cookies.Add(new Uri($"http://127.0.0.1:{server.Port}"), new Cookie(server.CookieName, server.Token));
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}") };
            using var upload = new MultipartFormDataContent { { new ByteArrayContent(File.ReadAllBytes(Path.Combine(folder, DemoPopulation.DataFile))), "data", "households.csv" } };
            var mapping = (await client.PostAsync("/upload", upload, Cancel)).RequestMessage!.RequestUri!.AbsolutePath;
            var header = File.ReadLines(Path.Combine(folder, DemoPopulation.DataFile)).First().Split(',');
            using var form = new MultipartFormDataContent
            {
                { new StringContent("id"), "role-" + Array.IndexOf(header, "household_id") },
                { new StringContent("protected"), "role-" + Array.IndexOf(header, "sexe") },
                { new StringContent("upload"), "model" },
                { new ByteArrayContent(File.ReadAllBytes(Path.Combine(folder, DemoPopulation.ModelFile))), "model-file", "model.yaml" },
                { new StringContent("top_fraction"), "policy" },
                { new StringContent("0.1"), "policy-value" },
                { new StringContent("real"), "subjects" },
                { new StringContent("real-people"), "name" },
            };
            var job = (await client.PostAsync(mapping + "/run", form, Cancel)).RequestMessage!.RequestUri!.AbsolutePath;
            await WorkbenchFixture.WaitFinished(client, job);
            var people = await client.GetAsync(job + "/people?set=attributes&a=0&g=0", Cancel);
            var letter = await client.GetAsync(job + "/person/1", Cancel);
            var expected = allow ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.Equal(expected, people.StatusCode);
            Assert.Equal(expected, letter.StatusCode);
            var yaml = await client.GetStringAsync(job + "/plan.yaml", Cancel);
            Assert.Contains("subjects: real", yaml, StringComparison.Ordinal);
        }
    }
}
