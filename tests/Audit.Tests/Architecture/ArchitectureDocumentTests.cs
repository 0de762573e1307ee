namespace Audit.Tests.Architecture;

/// <summary>
/// docs/architecture.md shows the tables the architecture tests enforce; these tests keep the page and the tests
/// saying the same thing, so neither can change alone.
/// </summary>
public sealed class ArchitectureDocumentTests
{
    private static readonly string[] Page = File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, "docs", "architecture.md"));

    [Fact]
    public void AllowedDependenciesTableMatchesTheTest()
    {
        var documented = TableUnder("## Allowed dependencies")
            .ToDictionary(row => row[0], row => row[1] == "—" ? "" : row[1]);
        var tested = StageDependencyTable.Allowed.ToDictionary(pair => pair.Key, pair => string.Join(", ", pair.Value));
        Assert.Equal(tested.OrderBy(p => p.Key, StringComparer.Ordinal), documented.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void MethodLengthExceptionsTableMatchesTheTest()
    {
        var documented = TableUnder("## Method length exceptions")
            .ToDictionary(row => $"{row[0]}: {row[1]}", row => row[2]);
        Assert.Equal(MethodLengthTests.Exceptions.OrderBy(p => p.Key, StringComparer.Ordinal), documented.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    /// <summary>The body rows of the first Markdown table after <paramref name="heading"/>: cells trimmed, backticks removed.</summary>
    private static List<string[]> TableUnder(string heading)
    {
        var start = Array.IndexOf(Page, heading);
        Assert.True(start >= 0, $"docs/architecture.md has no line '{heading}'");
        return Page.Skip(start + 1)
            .SkipWhile(line => !line.StartsWith('|'))
            .TakeWhile(line => line.StartsWith('|'))
            .Skip(2)
            .Select(line => line.Trim('|').Split('|').Select(cell => cell.Trim().Replace("`", "")).ToArray())
            .ToList();
    }
}
