using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Audit.Tests.Cli;

namespace Audit.Tests.Workbench;

/// <summary><c>audit serve</c> as a process: it prints the address, answers there, and on SIGTERM stops and deletes its folder.</summary>
public sealed partial class ServeCommandTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void AnUploadLimitAboveTheDefaultIsRefused()
    {
        var run = CliRunner.Run("serve", "--max-upload", "2G");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--max-upload", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServePrintsItsAddressAnswersThereAndCleansUpOnSigterm()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGTERM is sent with kill(1)");
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0/
        var cli = Path.Combine(SharedData.RepositoryRoot, "src", "Audit.Cli", "bin", configuration, "net10.0", "Audit.Cli.dll");
        Assert.True(File.Exists(cli), $"{cli} is not built");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = SharedData.RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { cli, "serve", "--max-upload", "1M" })
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        try
        {
            var url = Address().Match(await process.StandardOutput.ReadLineAsync(Cancel) ?? "");
            Assert.True(url.Success, "no address printed");
            await process.StandardOutput.ReadLineAsync(Cancel);
            var folder = (await process.StandardOutput.ReadLineAsync(Cancel))!.Trim();
            Assert.True(Directory.Exists(folder), folder);

            var origin = new Uri(url.Groups["origin"].Value);
            using var bare = new HttpClient { BaseAddress = origin };
            Assert.Equal(HttpStatusCode.Forbidden, (await bare.GetAsync("/", Cancel)).StatusCode);
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = origin };
            var home = await client.GetStringAsync(url.Value, Cancel);
            Assert.Contains("caf-reconstructed", home, StringComparison.Ordinal); // the shipped plans, found from the repository's root
            using var upload = new MultipartFormDataContent { { new StringContent("sex,score\nF,1\nM,2\n"), "data", "people.csv" } };
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/upload", upload, Cancel)).StatusCode);
            using var big = new MultipartFormDataContent { { new StringContent("a\n" + new string('1', 2 << 20) + "\n"), "data", "big.csv" } };
            try
            {
                Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsync("/upload", big, Cancel)).StatusCode);
            }
            catch (HttpRequestException)
            {
                // Kestrel answers 413 from the declared length and closes the connection, often before the client has
                // sent its body: the client then sees the connection closed, not the answer. Either way nothing is kept.
            }
            Assert.Single(Directory.GetFiles(folder, "people.csv", SearchOption.AllDirectories));
            Assert.Empty(Directory.GetFiles(folder, "big.csv", SearchOption.AllDirectories));

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(Cancel);
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.False(Directory.Exists(folder), $"{folder} is still there after SIGTERM");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [GeneratedRegex(@"(?<origin>http://127\.0\.0\.1:\d+)/\?token=[0-9a-f]{48}")]
    private static partial Regex Address();
}
