using System.Diagnostics;
using System.Text;
using Audit.Yaml;

namespace Audit.Tests.Yaml;

public sealed class YamlLimitsTests
{
    private static readonly string[] AnyKey = ["columns", "name"];

    /// <summary>Nine levels of nine aliases: 9^9 scalars once expanded, from a file under 1 KB.</summary>
    private static string BillionLaughs()
    {
        var text = new StringBuilder("columns:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
        {
            text.Append($"  a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))).Append("]\n");
        }
        return text.Append("name: *a9\n").ToString();
    }

    [Fact]
    public void BillionLaughsFailsWithinOneSecondWithAClearError()
    {
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<AuditInputException>(() => YamlDocument.Parse(BillionLaughs(), "plan.yaml", AnyKey));
        clock.Stop();
        Assert.Contains("expand to more than", error.Problem);
        Assert.Contains("billion laughs", error.Hint);
        Assert.Equal("plan.yaml", error.File);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public void ModestAnchorsAreStillAllowed()
    {
        var map = YamlDocument.Parse("columns:\n  bands: &b [18, 25, 65]\nname: *b\n", "plan.yaml", AnyKey);
        Assert.NotNull(map);
    }

    [Fact]
    public void TooManyAliasesAreRefused()
    {
        var text = "columns: &x 1\nname: [" + string.Join(", ", Enumerable.Repeat("*x", YamlLimits.MaxAliases + 1)) + "]\n";
        var error = Assert.Throws<AuditInputException>(() => YamlDocument.Parse(text, "plan.yaml", AnyKey));
        Assert.Contains("aliases", error.Problem);
    }

    [Theory]
    [InlineData("!!python/object/apply:os.system [\"echo hi\"]")]
    [InlineData("!ruby/object:Gem::Installer {}")]
    [InlineData("!<tag:example.com,2000:app/foo> bar")]
    public void TagsThatConstructObjectsAreRefused(string value)
    {
        var error = Assert.Throws<AuditInputException>(() => YamlDocument.Parse("name: " + value + "\n", "plan.yaml", AnyKey));
        Assert.Contains("unsupported YAML tag", error.Problem);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void CoreTagsAreAccepted()
    {
        Assert.NotNull(YamlDocument.Parse("name: !!str 2024\ncolumns: !!map {a: !!int 3}\n", "plan.yaml", AnyKey));
    }

    [Theory]
    [InlineData(YamlLimits.MaxDepth + 5)]
    [InlineData(200_000)] // YamlDotNet takes minutes to build this tree: the event scan must stop it first
    public void RunawayNestingIsRefused(int depth)
    {
        var text = "name: " + new string('[', depth) + new string(']', depth) + "\n";
        var error = Assert.Throws<AuditInputException>(() => YamlDocument.Parse(text, "plan.yaml", AnyKey));
        Assert.Contains("nests deeper", error.Problem);
    }
}
