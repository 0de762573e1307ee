namespace Audit.Tests.Reporting;

/// <summary>
/// The committed showcase (reports/) is what `audit showcase` writes today: a fresh run gives the same JSON, Markdown,
/// CSV and HTML, byte for byte (the plots measure text with the shipped font, so the HTML does not depend on the
/// machine's fonts). When this fails after a change that alters report output, regenerate the showcase from the
/// repository's root with `dotnet run --project src/Audit.Cli -- showcase --data-dir ../shared/datasets` and commit it.
/// </summary>
public sealed class ShowcaseDriftTests
{
    [Fact]
    public void AFreshShowcaseRunEqualsTheCommittedReports()
    {
        using var output = new TempDirectory();
        using var scratch = new TempDirectory();
        var root = SharedData.RepositoryRoot;
        var dataFolders = SharedData.Folder is { } shared ? new[] { Path.Combine(shared, "datasets") } : [];
        var outcomes = Showcase.Run(root, output.Path, dataFolders, scratch.Path);

        Assert.Contains(outcomes, o => o.Name == "demo" && o.Folder is not null);
        var committed = Path.Combine(root, "reports");
        foreach (var outcome in outcomes.Where(o => o.Folder is not null))
        {
            var fresh = outcome.Folder!;
            var expected = Path.Combine(committed, outcome.Name);
            Assert.True(Directory.Exists(expected), $"reports/{outcome.Name} is not committed; run `audit showcase` and commit it");
            var freshFiles = Files(fresh);
            var expectedFiles = Files(expected);
            Assert.Equal(expectedFiles, freshFiles);
            foreach (var file in freshFiles)
            {
                var a = File.ReadAllText(Path.Combine(expected, file));
                var b = File.ReadAllText(Path.Combine(fresh, file));
                Assert.True(a == b, $"reports/{outcome.Name}/{file} differs from a fresh run (first difference at character {FirstDifference(a, b)}); regenerate the showcase");
            }
        }
        // Every committed showcase folder is still produced (a plan whose data is absent here is the only excuse).
        foreach (var folder in Directory.GetDirectories(committed))
        {
            var name = Path.GetFileName(folder);
            Assert.True(outcomes.Any(o => o.Name == name), $"reports/{name} has no shipped plan any more");
        }
    }

    private static string[] Files(string folder) => Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
        .Where(f => f != Audit.Reporting.ReportWriter.LogFile)
        .Order(StringComparer.Ordinal)
        .ToArray();

    private static int FirstDifference(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }
        return n;
    }
}
