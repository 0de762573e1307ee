namespace Audit.Tests;

/// <summary>
/// The workplace's shared folder (../shared beside the repository): public datasets and reference values.
/// A user's clone has none, so tests that need it skip with a message; CI always has it.
/// </summary>
public static class SharedData
{
    public static string? Folder { get; } = Find();

    /// <summary>The path of a file under ../shared, or skips the test when the folder is absent.</summary>
    public static string PathOf(string relative)
    {
        if (Folder is null)
        {
            Assert.Skip("../shared (reference data) is not beside this clone; this agreement test runs in CI, where it is.");
        }
        var path = Path.Combine(Folder, relative);
        Assert.True(File.Exists(path), $"{path} is missing from ../shared");
        return path;
    }

    /// <summary>The repository's root (the folder holding Audit.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Audit.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Audit.sln not found above the test binaries.");
    }

    private static string? Find()
    {
        var shared = Path.Combine(Path.GetDirectoryName(FindRoot())!, "shared");
        return Directory.Exists(Path.Combine(shared, "reference")) ? shared : null;
    }
}
