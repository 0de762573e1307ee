using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Audit.Web;

namespace Audit.Tests.Workbench;

/// <summary>
/// Issue 23's safety rules, checked over plain HTTP and sockets (no browser): the token, loopback only, the upload
/// limit, escaping, and the temporary folder deleted at shutdown.
/// </summary>
public sealed class WorkbenchSafetyTests(WorkbenchFixture fixture) : IClassFixture<WorkbenchFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARequestWithoutTheTokenIsRefused()
    {
        using var bare = new HttpClient { BaseAddress = new Uri(fixture.Base) };
        foreach (var path in new[] { "/", "/upload", "/jobs/0000", "/?token=wrong", "/?token=" + fixture.Server.Token[..^1] })
        {
            var response = await bare.GetAsync(path, Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {response.StatusCode}");
        }
        var posted = await bare.PostAsync("/run", new FormUrlEncodedContent([new("plan", "caf-reconstructed.yaml")]), Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);

        // With the token in the address: allowed, and the answer sets the cookie that lets the next requests in.
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = new Uri(fixture.Base) };
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(fixture.Server.Url), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/upload", Cancel)).StatusCode);

        // The token is good for this server's address only: another Host (a site whose name resolves here) is refused.
        using var rebound = new HttpRequestMessage(HttpMethod.Get, fixture.Server.Url);
        rebound.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.Forbidden, (await bare.SendAsync(rebound, Cancel)).StatusCode);
    }

    [Fact]
    public async Task TheServerListensOnLoopbackOnly()
    {
        Assert.NotEmpty(fixture.Server.Addresses);
        foreach (var address in fixture.Server.Addresses)
        {
            var host = new Uri(address).Host;
            Assert.True(IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip), $"bound to {address}");
        }
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{48}$", fixture.Server.Url);

        // Every address of this machine that is not loopback: nothing answers there on the workbench's port.
        var others = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(u => u.Address))
            .Where(a => !IPAddress.IsLoopback(a) && a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal)
            .ToList();
        foreach (var ip in others)
        {
            using var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            var refused = await Assert.ThrowsAnyAsync<SocketException>(async () =>
                await socket.ConnectAsync(new IPEndPoint(ip, fixture.Server.Port), Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(5), Cancel));
            Assert.True(refused.SocketErrorCode is SocketError.ConnectionRefused or SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.AddressNotAvailable,
                $"{ip}: {refused.SocketErrorCode}");
        }
        // The loopback address itself answers (so the refusals above are not a closed server).
        using var loopback = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await loopback.ConnectAsync(new IPEndPoint(IPAddress.Loopback, fixture.Server.Port), Cancel);
        Assert.True(loopback.Connected);
        TestContext.Current.SendDiagnosticMessage($"non-loopback addresses tried: {(others.Count == 0 ? "none on this machine" : string.Join(", ", others))}");
    }

    [Fact]
    public async Task AnUploadOverTheLimitIsRefusedAndTheFlagMayOnlyLowerIt()
    {
        await using var small = await WorkbenchServer.StartAsync(WorkbenchFixture.Options with { MaxUploadBytes = 4096 }, Cancel);
        using var client = ClientOf(small);
        var big = new string('1', 10_000);
        var response = await client.PostAsync("/upload", Csv("big.csv", "a,b\n" + big + ",2\n"), Cancel);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var fits = await client.PostAsync("/upload", Csv("small.csv", "a,b\n1,2\n3,4\n"), Cancel);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.StartsWith("/uploads/", fits.RequestMessage!.RequestUri!.AbsolutePath);

        Assert.Equal(WorkbenchOptions.DefaultMaxUploadBytes, Audit.Cli.ServeCommand.MaxUpload(null));
        Assert.Equal(1L << 30, WorkbenchOptions.DefaultMaxUploadBytes);
        Assert.Equal(200L * 1024 * 1024, Audit.Cli.ServeCommand.MaxUpload("200M"));
        Assert.Equal(1L << 30, Audit.Cli.ServeCommand.MaxUpload("1G"));
        Assert.Equal(512, Audit.Cli.ServeCommand.MaxUpload("512"));
        Assert.Throws<AuditInputException>(() => Audit.Cli.ServeCommand.MaxUpload("2G"));
        Assert.Throws<AuditInputException>(() => Audit.Cli.ServeCommand.MaxUpload("0"));
        Assert.Throws<AuditInputException>(() => Audit.Cli.ServeCommand.MaxUpload("lots"));
    }

    [Fact]
    public async Task EveryValueFromTheDataIsEscaped()
    {
        using var client = fixture.Client();
        const string hostile = "<script>alert(1)</script>";
        var csv = $"\"{hostile}\",name\n\"<img src=x onerror=alert(2)>\",\"{hostile}\"\n1,\"a&b\"\n";
        var response = await client.PostAsync("/upload", Csv("<b>bold</b>.csv", csv), Cancel);
        var page = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>bold", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", page, StringComparison.Ordinal);
        Assert.Contains("a&amp;b", page, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadedFilesAreDeletedAtShutdown()
    {
        var server = await WorkbenchServer.StartAsync(WorkbenchFixture.Options, Cancel);
        var folder = server.WorkFolder;
        try
        {
            using var client = ClientOf(server);
            var response = await client.PostAsync("/upload", Csv("people.csv", "sex,score\nF,1\nM,2\n"), Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var stored = Directory.GetFiles(folder, "people.csv", SearchOption.AllDirectories);
            Assert.Single(stored);
            Assert.Equal("sex,score\nF,1\nM,2\n", File.ReadAllText(stored[0]));
        }
        finally
        {
            await server.DisposeAsync();
        }
        Assert.False(Directory.Exists(folder), $"{folder} is still there after shutdown");
    }

    private static HttpClient ClientOf(WorkbenchServer server)
    {
        var cookies = new CookieContainer();
        var origin = new Uri($"http://127.0.0.1:{server.Port}");
        cookies.Add(origin, new Cookie(server.CookieName, server.Token));
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = origin };
    }

    private static MultipartFormDataContent Csv(string name, string text)
    {
        var content = new MultipartFormDataContent();
        content.Add(new StringContent(text), "data", name);
        return content;
    }
}
