using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Audit.Tests.Api;

/// <summary>
/// samples/Consumer is the project .ci/run builds against the packed Audit packages (docs/packaging.md). Its
/// Program.cs must be docs/api.md's example, every <c>```csharp</c> block of the page in order, so that what CI runs
/// from the packages is what the page shows (ApiDocumentationTests runs the same blocks against the projects); and the
/// package version it asks for when none is passed must be the one of Directory.Build.props.
/// </summary>
public sealed partial class ConsumerExampleTests
{
    private static readonly string Consumer = Path.Combine(SharedData.RepositoryRoot, "samples", "Consumer");

    [Fact]
    public void TheConsumerProgramIsTheExampleOfTheApiPageBlockForBlock()
    {
        var page = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "api.md")).ReplaceLineEndings("\n");
        var blocks = CSharpBlock().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.True(blocks.Count >= 2, "docs/api.md has no C# example");
        var program = File.ReadAllText(Path.Combine(Consumer, "Program.cs")).ReplaceLineEndings("\n");

        // On a difference, the page wins: regenerate Program.cs as docs/packaging.md says.
        Assert.Equal(string.Join("\n", blocks), program);
    }

    [Fact]
    public void TheConsumerAsksForTheVersionOfDirectoryBuildProps()
    {
        var props = XDocument.Load(Path.Combine(SharedData.RepositoryRoot, "Directory.Build.props"));
        var consumer = XDocument.Load(Path.Combine(Consumer, "Consumer.csproj"));

        var version = props.Descendants("Version").Single().Value;
        var asked = consumer.Descendants("AuditVersion").Single().Value;

        Assert.Matches(@"^\d+\.\d+\.\d+", version);
        Assert.Equal(version, asked);
        // Both packages it references take that property, not a number of their own.
        Assert.All(consumer.Descendants("PackageReference"), r => Assert.Equal("$(AuditVersion)", r.Attribute("Version")?.Value));
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
