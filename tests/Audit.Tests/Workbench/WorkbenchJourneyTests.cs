using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Audit.Plan;
using Audit.Reporting;
using Audit.Reporting.Text;
using Audit.Synthetic;
using Microsoft.Playwright;

namespace Audit.Tests.Workbench;

/// <summary>
/// Issue 23's four journeys, each driven in Debian's Chromium by Playwright (skipped with a message when Chromium is
/// absent). Each step waits for what the step must show and fails when it does not.
/// </summary>
[Collection(WorkbenchCollection.Name)]
public sealed class WorkbenchJourneyTests(WorkbenchFixture fixture) : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static readonly string CafPlan = Path.Combine(SharedData.RepositoryRoot, "datasets", "plans", "caf-reconstructed.yaml");

    /// <summary>The CAF plan as the library reads it, with the tests' generated population size.</summary>
    private static AuditPlan SmallCaf()
    {
        var plan = AuditPlanLoader.Load(CafPlan, grantedRoot: SharedData.RepositoryRoot);
        return plan with { Data = plan.Data with { Population = plan.Data.Population! with { Rows = WorkbenchFixture.CafRows } } };
    }

    [Fact]
    public async Task Journey1_AShippedPlanRunsWithAProgressBarAndShowsItsVerdictsOnTheFirstScreen()
    {
        var page = await fixture.OpenAsync();
        await page.Locator("#plan-caf-reconstructed").CheckAsync();
        await page.Locator("#rows").FillAsync(WorkbenchFixture.CafRows.ToString(CultureInfo.InvariantCulture));
        await WorkbenchFixture.ScreenshotAsync(page, "1-plans");
        await page.Locator("#run-plan").ClickAsync();
        Assert.Matches("/jobs/[0-9a-f]{16}$", page.Url);

        // The progress bar is there while the audit runs (the page reloads itself), then the verdicts replace it.
        var states = new List<string>();
        var clock = Stopwatch.StartNew();
        while (await page.Locator("#verdicts").CountAsync() == 0)
        {
            var state = await page.Locator("#progress").GetAttributeAsync("data-state", new() { Timeout = 30_000 });
            states.Add(state ?? "");
            if (states.Count == 1)
            {
                await WorkbenchFixture.ScreenshotAsync(page, "1-progress");
            }
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(5), "the audit did not finish within 5 minutes");
            await page.WaitForTimeoutAsync(200);
        }
        Assert.Contains("running", states);
        Assert.Equal("finished", await page.Locator("#progress").GetAttributeAsync("data-state"));

        // The oracle: the same plan run by the library directly (AuditPlanLoader + Auditor), its findings worded by the catalogue.
        var result = Auditor.Run(SmallCaf(), "test");
        var expected = result.Fairness.Findings.Select(f => FindingText.Plain(f, ReportLanguage.English)).ToArray();
        var shown = await page.Locator("#verdicts li").AllInnerTextsAsync();
        Assert.Equal(expected, shown.Select(s => s.Trim()).ToArray());
        Assert.NotEmpty(shown);
        var summary = await page.Locator("#summary").InnerTextAsync();
        Assert.Contains("2,000 rows", summary, StringComparison.Ordinal);
        Assert.Contains($"{(long)Math.Floor(0.0120289855 * WorkbenchFixture.CafRows)} flagged", summary, StringComparison.Ordinal);
        // The verdicts are on the first screen: the first one's top is within the 900-pixel window.
        var box = await page.Locator("#verdicts li").First.BoundingBoxAsync();
        Assert.True(box is not null && box.Y < 900, $"the first verdict is at {box?.Y} px");
        await WorkbenchFixture.ScreenshotAsync(page, "1-verdicts");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Journey2_OwnDataIsUploadedPreviewedMappedRunAndItsSavedPlanRunsUnchanged()
    {
        var folder = Path.Combine(dir.Path, "mine");
        DemoPopulation.WriteFiles(folder, 2000, 7);
        var csv = Path.Combine(folder, DemoPopulation.DataFile);
        var header = File.ReadLines(csv).First().Split(',');
        var page = await fixture.OpenAsync();
        await page.GotoAsync(fixture.Base + "/upload");
        await page.Locator("#data-file").SetInputFilesAsync(csv);
        await page.Locator("#send-file").ClickAsync();

        // Preview: the file's header and its first ten rows, as a plain reading of the CSV gives them.
        Assert.Equal(header, (await page.Locator("#preview thead th").AllInnerTextsAsync()).ToArray());
        Assert.Equal(10, await page.Locator("#preview tbody tr").CountAsync());
        var firstRow = File.ReadLines(csv).Skip(1).First().Split(',');
        Assert.Equal(firstRow, (await page.Locator("#preview tbody tr").First.Locator("td").AllInnerTextsAsync()).ToArray());
        Assert.Equal(header, (await page.Locator("#columns .column-name").AllInnerTextsAsync()).ToArray());

        // Mapping: roles by column, bands for the numeric age, a reference for sexe; the model spec given as a file.
        await Role(page, header, "household_id", "id");
        await Role(page, header, "indu", "label");
        await Role(page, header, "sexe", "protected");
        await page.Locator($"#reference-{Array.IndexOf(header, "sexe")}").FillAsync("M");
        await Role(page, header, "age", "protected");
        await page.Locator($"#bands-{Array.IndexOf(header, "age")}").FillAsync("25, 35, 50, 65");
        await page.Locator("#model-choice").SelectOptionAsync("upload");
        await page.Locator("#model-file").SetInputFilesAsync(Path.Combine(folder, DemoPopulation.ModelFile));
        await page.Locator("#policy-kind").SelectOptionAsync("top_fraction");
        await page.Locator("#policy-value").FillAsync("0.1");
        await page.Locator("#subjects").SelectOptionAsync("synthetic");
        await page.Locator("#plan-name").FillAsync("own-data");
        await WorkbenchFixture.ScreenshotAsync(page, "2-mapping");
        await page.Locator("#run-upload").ClickAsync();
        await page.Locator("#verdicts").WaitForAsync();
        Assert.Contains("200 flagged", await page.Locator("#summary").InnerTextAsync(), StringComparison.Ordinal); // floor(0.1 × 2,000)
        await WorkbenchFixture.ScreenshotAsync(page, "2-result");

        // Save the plan, put it beside the data and the model, and run it with the library as `audit run` would.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#save-plan").ClickAsync());
        var saved = Path.Combine(folder, "saved-plan.yaml");
        await download.SaveAsAsync(saved);
        var plan = AuditPlanLoader.Load(saved);
        Assert.Equal("own-data", plan.Name);
        var result = Auditor.Run(plan, "test");
        var mine = JsonNode.Parse(ReportWriter.Files(result, "", ReportLanguage.English)[ReportWriter.JsonFile])!;
        var jobPath = new Uri(page.Url).AbsolutePath;
        var served = JsonNode.Parse(await (await page.Context.APIRequest.GetAsync($"{fixture.Base}{jobPath}/files/report.json")).TextAsync())!;
        foreach (var section in new[] { "data", "model", "policy", "fairness", "explanations" })
        {
            Assert.True(JsonNode.DeepEquals(mine[section], served[section]), $"section {section} differs between the workbench's run and the saved plan's");
        }
        Assert.Equal(2000, served["data"]!["rows"]!.GetValue<long>());
        await page.Context.CloseAsync();
    }

    private static Task<IReadOnlyList<string>> Role(IPage page, string[] header, string column, string role) =>
        page.Locator($"#role-{Array.IndexOf(header, column)}").SelectOptionAsync(role);

    [Fact]
    public async Task Journey4_TheReportFolderDownloadsAsAZipAndThePageAndReportSwitchToFrench()
    {
        var page = await fixture.OpenAsync(); // first: without Chromium the test skips before the CAF run
        var job = await fixture.SharedCafJobAsync();
        await page.GotoAsync(fixture.Base + job);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-zip").ClickAsync());
        Assert.Equal("caf-reconstructed.zip", download.SuggestedFilename);
        var zip = Path.Combine(dir.Path, "report.zip");
        await download.SaveAsAsync(zip);
        using (var archive = ZipFile.OpenRead(zip))
        {
            var names = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToHashSet();
            foreach (var name in new[] { "report.html", "report.fr.html", "report.json", "report.md", "run.log", "tables/groups.csv" })
            {
                Assert.Contains(name, names);
            }
            using var json = JsonDocument.Parse(archive.GetEntry("report.json")!.Open());
            Assert.Equal(WorkbenchFixture.CafRows, json.RootElement.GetProperty("data").GetProperty("rows").GetInt32());
            using var reader = new StreamReader(archive.GetEntry("report.fr.html")!.Open());
            Assert.Contains("<html lang=\"fr\"", await reader.ReadToEndAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        await page.Locator("#switch-language").ClickAsync();
        Assert.Equal("fr", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Lire le rapport complet", (await page.Locator("#open-report").InnerTextAsync()).Trim());
        Assert.Contains("lignes auditées", await page.Locator("#summary").InnerTextAsync(), StringComparison.Ordinal);
        var firstFinding = await page.Locator("#verdicts li").First.InnerTextAsync();
        await WorkbenchFixture.ScreenshotAsync(page, "4-french");
        await page.Locator("#open-report").ClickAsync();
        Assert.EndsWith("/files/report.fr.html", page.Url, StringComparison.Ordinal);
        Assert.Equal("fr", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.False(string.IsNullOrWhiteSpace(firstFinding));
        await WorkbenchFixture.ScreenshotAsync(page, "4-report-fr");
        await page.Context.CloseAsync();
    }
}
