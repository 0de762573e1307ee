using System.Diagnostics;

namespace Audit.Tests.Reporting;

/// <summary>
/// Runs Debian's headless Chromium (and poppler's PDF tools) for the browser checks. A test that needs one skips with
/// a clear message when it is not installed; CI installs them (.ci/run: apt-get install chromium poppler-utils).
/// </summary>
public static class Chromium
{
    public const string Browser = "/usr/bin/chromium";

    public static void RequireBrowser()
    {
        if (!File.Exists(Browser))
        {
            Assert.Skip($"{Browser} is not installed: the headless browser check of the HTML report is skipped (apt-get install chromium; CI installs it).");
        }
    }

    public static void RequirePoppler()
    {
        RequireBrowser();
        if (!File.Exists("/usr/bin/pdftoppm") || !File.Exists("/usr/bin/pdftotext"))
        {
            Assert.Skip("poppler-utils (pdftoppm, pdftotext) is not installed: the PDF check is skipped (apt-get install poppler-utils; CI installs it).");
        }
    }

    /// <summary>Runs Chromium headless on a file with the given switches; returns (stdout, stderr).</summary>
    public static (string Out, string Error) Run(string profile, params string[] arguments)
    {
        string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--hide-scrollbars",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-default-browser-check", $"--user-data-dir={profile}"];
        return Tool(Browser, [.. common, .. arguments]);
    }

    public static (string Out, string Error) Tool(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within 120 s");
        }
        Assert.True(process.ExitCode == 0, $"{file} exited with {process.ExitCode}: {error.Result}");
        return (output.Result, error.Result);
    }

    /// <summary>Where a test leaves files for people to look at (the screenshot): TestResults/artefacts beside the test assembly.</summary>
    public static string ArtefactFolder
    {
        get
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "artefacts");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }
}
