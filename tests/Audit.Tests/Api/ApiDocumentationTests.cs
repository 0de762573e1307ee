using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Audit.Tests.Api;

/// <summary>
/// docs/api.md's example is a program: every <c>```csharp</c> block of the page, in order, is compiled with Roslyn
/// against the Audit assemblies this test runs with, and run; its output is checked. A change of the API that the page
/// does not follow fails here, so the page cannot drift.
/// </summary>
public sealed partial class ApiDocumentationTests
{
    [Fact]
    public void TheExampleOfTheApiPageCompilesAndRuns()
    {
        var source = string.Join("\n", CSharpBlock().Matches(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "api.md"))).Select(m => m.Groups[1].Value));
        Assert.Contains("audit.Run(plan)", source, StringComparison.Ordinal);
        var entry = Compile(source);
        using var folder = new TempDirectory();
        var report = folder.File("report");

        var output = RunCapturingConsole(entry, [report]);

        // Two groups of sex, the reference M at ratio 1, and F flagged more often (the example pays women less).
        Assert.True(output.Length > 0, "no output"); var lines = output.Split('\n');
        Assert.True(Regex.IsMatch(lines[0].TrimEnd((char)13), @"^F: flag rate 0\.\d{3}, ratio to the reference \d+\.\d\d$"), output);
        Assert.Equal("M", lines[1].Split(':')[0]);
        Assert.EndsWith("ratio to the reference 1.00", lines[1].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.True(double.Parse(lines[0].TrimEnd('\r').Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture) > 1);
        Assert.Contains($"report written to {report}", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(report, "report.json")));
        Assert.Contains("2000 rows from the IDataView", output, StringComparison.Ordinal);
        // The counts of the page: 30 of 120 women and 10 of 80 men flagged, a ratio of 0.25 / 0.125 = 2.
        Assert.Contains("from counts: F flagged 2.00 times as often as M", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    /// <summary>Compiles a program (top-level statements) against every assembly loaded here, and gives its entry point.</summary>
    private static MethodInfo Compile(string source)
    {
        // The Audit assemblies the example names are loaded before the references are listed.
        _ = typeof(AuditContext).Assembly;
        _ = typeof(Audit.Models.MLNet.DataViewTable).Assembly;
        _ = typeof(Microsoft.ML.MLContext).Assembly;
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.Location.Length > 0).Select(a => a.Location);
        var references = platform.Concat(loaded).Distinct(StringComparer.Ordinal).Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("ApiExample",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray()).EntryPoint!;
    }

    private static readonly Lock ConsoleGate = new();

    private static string RunCapturingConsole(MethodInfo entry, string[] args)
    {
        lock (ConsoleGate)
        {
            var original = Console.Out;
            using var captured = new StringWriter();
            Console.SetOut(captured);
            try
            {
                entry.Invoke(null, [args]);
            }
            finally
            {
                Console.SetOut(original);
            }
            return captured.ToString();
        }
    }
}
