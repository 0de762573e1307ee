using System.Diagnostics;
using System.Net;
using Audit.Tests.Reporting;
using Audit.Web;
using Microsoft.Playwright;

namespace Audit.Tests.Workbench;

/// <summary>
/// One workbench server for the journeys (started on the repository's shipped plans and model specs) and, when
/// Debian's Chromium is installed, one Playwright browser driving it through <c>ExecutablePath</c>. The CAF plan run
/// that journeys 3 and 4 read is started once, over HTTP, with a small generated population.
/// </summary>
public sealed class WorkbenchFixture : IAsyncLifetime
{
    /// <summary>The rows generated for the CAF plan in these tests (the plan's own 1,000,000 would take minutes in CI).</summary>
    public const int CafRows = 2000;

    private IPlaywright? playwright;
    private Task<string>? sharedJob;

    public WorkbenchServer Server { get; private set; } = null!;

    public IBrowser? Browser { get; private set; }

    /// <summary>The server's address without the token.</summary>
    public string Base => $"http://127.0.0.1:{Server.Port}";

    public static WorkbenchOptions Options => new()
    {
        PlansFolder = Path.Combine(SharedData.RepositoryRoot, "datasets", "plans"),
        GrantedRoot = SharedData.RepositoryRoot,
        ModelsFolder = Path.Combine(SharedData.RepositoryRoot, "models"),
    };

    public async ValueTask InitializeAsync()
    {
        Server = await WorkbenchServer.StartAsync(Options);
    }

    private readonly SemaphoreSlim launching = new(1, 1);

    /// <summary>Debian's Chromium through Playwright, launched on first use (the safety tests need no browser).</summary>
    private async Task<IBrowser> BrowserAsync()
    {
        await launching.WaitAsync();
        try
        {
            if (Browser is null)
            {
                playwright = await Playwright.CreateAsync();
                Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.Browser, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
            }
            return Browser;
        }
        finally
        {
            launching.Release();
        }
    }

    /// <summary>A fresh browser context (its own cookies) that has visited the token address; skips without Chromium.</summary>
    public async Task<IPage> OpenAsync()
    {
        Chromium.RequireBrowser();
        var context = await (await BrowserAsync()).NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        context.SetDefaultTimeout(180_000);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(Server.Url);
        Assert.Equal(200, response!.Status);
        return page;
    }

    /// <summary>An HTTP client that sends the token's cookie, as a browser does after the first visit.</summary>
    public HttpClient Client()
    {
        var cookies = new CookieContainer();
        cookies.Add(new Uri(Base), new System.Net.Cookie(Server.CookieName, Server.Token));
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true }) { BaseAddress = new Uri(Base), Timeout = TimeSpan.FromMinutes(5) };
    }

    /// <summary>The address of the finished CAF job that journeys 3 and 4 read (started once, over HTTP).</summary>
    public Task<string> SharedCafJobAsync() => sharedJob ??= StartCafJob();

    private async Task<string> StartCafJob()
    {
        using var client = Client();
        var posted = await client.PostAsync("/run", new FormUrlEncodedContent([new("plan", "caf-reconstructed.yaml"), new("rows", CafRows.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        var job = posted.RequestMessage!.RequestUri!.AbsolutePath;
        Assert.StartsWith("/jobs/", job);
        await WaitFinished(client, job);
        return job;
    }

    /// <summary>Polls a job's page until its verdicts show (or fails after 5 minutes).</summary>
    public static async Task WaitFinished(HttpClient client, string job)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var html = await client.GetStringAsync(job);
            if (html.Contains("id=\"verdicts\"", StringComparison.Ordinal))
            {
                return;
            }
            Assert.DoesNotContain("id=\"error\"", html, StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(5), "the job did not finish within 5 minutes");
            await Task.Delay(250);
        }
    }

    /// <summary>Saves a screenshot to docs/img/workbench-NAME.png when AUDIT_WORKBENCH_SCREENSHOTS=1 (bench/scripts/workbench-screenshots.sh).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("AUDIT_WORKBENCH_SCREENSHOTS") == "1")
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(SharedData.RepositoryRoot, "docs", "img", $"workbench-{name}.png"), FullPage = false });
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        playwright?.Dispose();
        await Server.DisposeAsync();
        launching.Dispose();
    }
}

/// <summary>The journeys share one server, one browser and one CAF run (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class WorkbenchCollection : ICollectionFixture<WorkbenchFixture>
{
    public const string Name = "workbench";
}
