using System.Text;
using Audit.Cli;
using Audit.Tests.Cli;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 5: terminal escape sequences from the data (a group name holding <c>ESC [ 2 J</c>, a value holding a
/// C1 control) were printed raw by <c>run</c> and <c>data inspect</c>. Every verb now prints through
/// <see cref="TerminalWriter"/>: no control character but the line break and the tab, and no bidirectional control,
/// reaches the terminal; every other character is printed as it is, in order.
/// </summary>
public sealed class Issue16Class5TerminalOutputTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>The test's own definition of what must not reach a terminal.</summary>
    private static bool Unsafe(char c) =>
        (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);

    [Fact]
    public void NoUnsafeCharacterReachesTheTerminalAndEverySafeOneDoesInOrder()
    {
        var random = new Random(16_50);
        char[] alphabet = [.. Enumerable.Range(0, 0xa0).Select(i => (char)i), 'é', '€', '\u202a', '\u202e', '\u2066', '\u2069', '\u200f', '\u00a0'];
        for (var n = 0; n < 500; n++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var sink = new StringWriter();
            var writer = new TerminalWriter(sink);
            // Every way a verb prints: strings, characters, lines, formatted values.
            switch (n % 4)
            {
                case 0: writer.Write(text); break;
                case 1: foreach (var c in text) { writer.Write(c); } break;
                case 2: writer.WriteLine(text); break;
                default: writer.WriteLine($"value: {text}."); break;
            }
            var printed = sink.ToString();
            Assert.DoesNotContain(printed, Unsafe);
            // The safe characters of the text come out in order (a subsequence of what is printed).
            var at = 0;
            foreach (var c in text.Where(c => !Unsafe(c)))
            {
                at = printed.IndexOf(c, at);
                Assert.True(at >= 0, $"'{c}' of {text} is missing from {printed}");
                at++;
            }
        }
    }

    private string People()
    {
        var csv = new StringBuilder("id,sex,income\n");
        for (var i = 1; i <= 60; i++)
        {
            csv.Append(i).Append(',').Append(i % 2 == 0 ? "\u001b[2J\u001b]0;title\u0007F\u009b" : "M").Append(',').Append(i % 2 == 0 ? 300 + i : 3000 + i).Append('\n');
        }
        return dir.Write("people.csv", csv.ToString());
    }

    [Fact]
    public void RunAndDataInspectPrintTheDataWithoutItsEscapeSequences()
    {
        var data = People();
        dir.Write("model.yaml", """
            name: m
            kind: logistic
            adverse: high
            intercept: 0
            features: [{ name: income, type: numeric, weight: -0.001 }]
            """);
        var plan = dir.Write("plan.yaml", """
            data: { path: people.csv }
            roles: { id: id }
            model: { spec: model.yaml }
            policy: { top_fraction: 0.3 }
            protected_attributes: [{ column: sex }]
            min_cell_size: 5
            inference: { bootstrap: 0 }
            """);
        var run = CliRunner.Run("run", plan, "--out", dir.File("out"), "--quiet");
        Assert.Equal(0, run.ExitCode);
        // The flagged group is named in the findings, its escape sequences shown, not obeyed.
        Assert.Contains("\\x1B[2J\\x1B]0;title\\x07F\\x9B", run.Out);
        var inspect = CliRunner.Run("data", "inspect", data);
        Assert.Equal(0, inspect.ExitCode);
        Assert.Contains("\\x1B[2J", inspect.Out);
        foreach (var printed in new[] { run.Out, run.Error, inspect.Out, inspect.Error })
        {
            Assert.DoesNotContain(printed, Unsafe);
        }
        // The report keeps the value exactly.
        Assert.Contains("\\u001B[2J", File.ReadAllText(Path.Combine(dir.File("out"), "report.json")));
    }
}
