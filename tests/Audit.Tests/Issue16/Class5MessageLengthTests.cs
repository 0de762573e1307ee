using System.Text;
using Audit.Tests.Cli;

namespace Audit.Tests.Issue16;

/// <summary>
/// Issue 16, class 5: the "columns in the data" hint listed names without bound (270 KB seen, from a header of long
/// names), where the docs promise 200 characters of quoted text. The list is now held to
/// <see cref="AuditInputException.MaxQuotedLength"/>, and every sentence of an error to <see cref="AuditInputException.MaxSentenceLength"/>.
/// </summary>
public sealed class Issue16Class5MessageLengthTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void AListOfNamesIsHeldToTwoHundredCharactersAndSaysHowManyItLeavesOut()
    {
        var random = new Random(16_53);
        for (var n = 0; n < 300; n++)
        {
            var names = Enumerable.Range(0, random.Next(0, 60)).Select(i => $"c{i}" + new string('n', random.Next(0, random.Next(2) == 0 ? 12 : 5_000))).ToList();
            var text = AuditInputException.QuoteList(names);
            Assert.InRange(text.Length, 0, AuditInputException.MaxQuotedLength);
            // The names shown, in order, each whole or cut to 40 characters; then how many are left out.
            var items = text.Length == 0 ? [] : text.Split(", ").ToList();
            var left = 0;
            if (items.Count > 0 && System.Text.RegularExpressions.Regex.Match(items[^1], @"^(and )?(\d+) (more|names)$") is { Success: true } tail)
            {
                left = int.Parse(tail.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                items.RemoveAt(items.Count - 1);
            }
            Assert.Equal(names.Count, items.Count + left);
            for (var k = 0; k < items.Count; k++)
            {
                Assert.Equal(names[k].Length <= 40 ? names[k] : names[k][..39] + "…", items[k]);
            }
            if (string.Join(", ", names).Length <= AuditInputException.MaxQuotedLength && names.All(s => s.Length <= 40))
            {
                Assert.Equal(0, left); // a short list is given whole
            }
        }
    }

    [Fact]
    public void AMissingColumnAmongLongNamesGivesAShortHint()
    {
        var header = "id,sex," + string.Join(',', Enumerable.Range(0, 40).Select(i => i + new string('n', 9_000)));
        var row = "1,F," + string.Join(',', Enumerable.Repeat("1", 40));
        dir.Write("people.csv", header + "\n" + row + "\n");
        var plan = dir.Write("plan.yaml", """
            data: { path: people.csv }
            model: { score_column: score, adverse: high }
            policy: { top_fraction: 0.5 }
            protected_attributes: [{ column: sex }]
            """);
        var outcome = CliRunner.Run("run", plan, "--out", dir.File("out"), "--quiet");
        Assert.Equal(2, outcome.ExitCode);
        var hint = outcome.Error.Split('\n').Single(l => l.StartsWith("hint: ", StringComparison.Ordinal));
        Assert.StartsWith("hint: columns in the data: id, sex, 0nnn", hint);
        Assert.InRange(hint.Length, 0, "hint: columns in the data: ".Length + AuditInputException.MaxQuotedLength);
        Assert.InRange(outcome.Error.Length, 0, 3 * AuditInputException.MaxSentenceLength);
    }

    [Fact]
    public void EverySentenceOfAnErrorIsBounded()
    {
        var huge = new string('z', 50_000);
        var error = new AuditInputException(huge, column: huge, keyPath: huge, expected: huge, found: huge, hint: huge);
        Assert.InRange(error.Message.Length, 0, 3 * AuditInputException.MaxSentenceLength);
        Assert.InRange(error.Hint!.Length, 0, AuditInputException.MaxSentenceLength);
    }
}
