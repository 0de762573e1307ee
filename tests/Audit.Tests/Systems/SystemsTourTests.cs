using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Audit.Plan;

namespace Audit.Tests.Systems;

/// <summary>
/// docs/systems.md is a tested tour (issue 19): every shipped plan has its section and its command, every command on
/// the page runs as written from the root of a copy of the repository's tracked files (what a fresh clone holds, so a
/// plan that needs an untracked or downloaded file fails here), and the report it writes holds the same numbers as
/// the committed showcase. The oracle of "runs from a fresh clone" is git's own list of tracked files, not the plan.
/// </summary>
public sealed partial class SystemsTourTests : IClassFixture<SystemsTourTests.TrackedCopy>
{
    private static string Root => SharedData.RepositoryRoot;

    private static string PagePath => Path.Combine(Root, "docs", "systems.md");

    private readonly TrackedCopy copy;

    public SystemsTourTests(TrackedCopy copy) => this.copy = copy;

    /// <summary>Data files a plan may need that are not shipped: the page tells the user where to download them, and CI finds them in ../shared/datasets.</summary>
    private static readonly string[] DownloadedData = ["compas-scores-two-years.csv", "german-credit.csv", "adult.csv"];

    /// <summary>The <c>audit ...</c> lines of the page's shell blocks.</summary>
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var command in CommandsOf(File.ReadAllLines(PagePath)))
        {
            data.Add(command);
        }
        return data;
    }

    internal static IEnumerable<string> CommandsOf(IEnumerable<string> lines)
    {
        var inShell = false;
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                inShell = !inShell && trimmed is "```sh" or "```bash" or "```shell";
                continue;
            }
            if (inShell && trimmed.StartsWith("audit ", StringComparison.Ordinal))
            {
                yield return trimmed;
            }
        }
    }

    public static TheoryData<string> ShippedPlans()
    {
        var data = new TheoryData<string>();
        foreach (var plan in Directory.GetFiles(Path.Combine(Root, "datasets", "plans"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(plan));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedPlans))]
    public void EveryShippedPlanHasItsCommandOnThePage(string plan)
    {
        var runs = CommandsOf(File.ReadAllLines(PagePath)).Where(c => c.StartsWith($"audit run datasets/plans/{plan} ", StringComparison.Ordinal));
        Assert.True(runs.Any(), $"docs/systems.md has no `audit run datasets/plans/{plan} --root .` command in a ```sh block: every shipped plan needs its tour");
    }

    [Theory]
    [MemberData(nameof(ShippedPlans))]
    public void EveryShippedPlanReadsOnlyTrackedFilesOfTheRepository(string plan)
    {
        var tracked = TrackedFiles();
        var loaded = AuditPlanLoader.Load(Path.Combine(Root, "datasets", "plans", plan), dataOverride: null, grantedRoot: Root);
        foreach (var file in loaded.InputFiles())
        {
            var relative = Path.GetRelativePath(Root, file).Replace('\\', '/');
            if (DownloadedData.Contains(Path.GetFileName(file)) && !tracked.Contains(relative))
            {
                // Not shipped on purpose: the page must say where to get it.
                Assert.Contains(Path.GetFileName(file), File.ReadAllText(PagePath));
                continue;
            }
            Assert.False(relative.StartsWith("..", StringComparison.Ordinal), $"{plan} reads {file}, outside the repository");
            Assert.True(tracked.Contains(relative), $"{plan} reads {relative}, which git does not track: a fresh clone would not have it");
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryCommandOnThePageRunsAsWrittenFromACopyOfTheTrackedFiles(string command)
    {
        var arguments = Arguments(command);
        foreach (var name in DownloadedData.Where(d => arguments.Contains(d)))
        {
            // The download step the page asks of the user, done from ../shared/datasets.
            var source = SharedData.PathOf(Path.Combine("datasets", name));
            var target = Path.Combine(copy.Path, name);
            if (!File.Exists(target))
            {
                File.Copy(source, target);
            }
        }
        var (code, output, error) = copy.Audit(arguments);
        Assert.True(code == 0, $"`{command}` exited with {code} from a copy of the tracked files:\n{error}\n{output}");

        if (arguments is ["run", var planArgument, ..] && planArgument.StartsWith("datasets/plans/", StringComparison.Ordinal))
        {
            var name = AuditPlanLoader.Load(Path.Combine(copy.Path, planArgument), dataOverride: null, grantedRoot: copy.Path).Name;
            var fresh = JsonNode.Parse(File.ReadAllText(Path.Combine(copy.Path, "out", name, "report.json")))!;
            var committedPath = Path.Combine(Root, "reports", name, "report.json");
            Assert.True(File.Exists(committedPath), $"reports/{name} is not committed: run `audit showcase`");
            var committed = JsonNode.Parse(File.ReadAllText(committedPath))!;
            // The provenance records the command and paths, which differ; every number of the audit must not.
            foreach (var section in committed.AsObject().Select(p => p.Key).Where(k => k is not "provenance"))
            {
                Assert.True(JsonNode.DeepEquals(committed[section], fresh[section]),
                    $"`{command}`: section '{section}' of report.json differs from reports/{name}/report.json");
            }
        }
    }

    /// <summary>Splits a command of the page into arguments (no quoting is used on the page; a test keeps it so).</summary>
    internal static string[] Arguments(string command)
    {
        Assert.DoesNotContain('"', command);
        Assert.DoesNotContain('\'', command);
        return command.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
    }

    private static HashSet<string> TrackedFiles()
    {
        if (!TrackedCopy.IsGitClone)
        {
            Assert.Skip("this folder is not a git clone, so there is no list of tracked files to check the plans against");
        }
        return [.. TrackedCopy.Git(Root, "ls-files", "-z").Split('\0', StringSplitOptions.RemoveEmptyEntries)];
    }

    [Fact]
    public void TheCommandParserReadsOnlyShellBlocks()
    {
        string[] page = ["audit run not-a-command.yaml", "```sh", "audit run a.yaml --root .", "```", "```yaml", "audit: x", "```", "```bash", "  audit synth check b.yaml", "```"];
        Assert.Equal(["audit run a.yaml --root .", "audit synth check b.yaml"], CommandsOf(page));
    }

    /// <summary>A copy of the repository's tracked files, as a fresh clone would hold them, shared by the tests of the class.</summary>
    public sealed class TrackedCopy : IDisposable
    {
        private readonly TempDirectory folder = new();

        public TrackedCopy()
        {
            if (!IsGitClone)
            {
                return;
            }
            foreach (var relative in Git(Root, "ls-files", "-z").Split('\0', StringSplitOptions.RemoveEmptyEntries))
            {
                var source = System.IO.Path.Combine(Root, relative);
                if (!File.Exists(source))
                {
                    continue; // deleted in the working tree and not committed yet
                }
                var target = System.IO.Path.Combine(folder.Path, relative);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                File.Copy(source, target);
            }
        }

        public string Path => folder.Path;

        /// <summary>Whether the repository is a git work tree (a clone, or a worktree whose .git is a file).</summary>
        public static bool IsGitClone => System.IO.Path.Exists(System.IO.Path.Combine(Root, ".git"));

        /// <summary>Runs the built <c>audit</c> CLI in its own process, from the copy's root, as a user runs it.</summary>
        public (int Code, string Output, string Error) Audit(string[] arguments)
        {
            if (!File.Exists(System.IO.Path.Combine(Path, "Audit.sln")))
            {
                Assert.Skip("this folder is not a git clone, so there is no list of tracked files to copy");
            }
            var cli = System.IO.Path.Combine(AppContext.BaseDirectory, "Audit.Cli.dll");
            // --quiet keeps progress bars out of the captured output of a run; other verbs print little.
            var start = new ProcessStartInfo("dotnet", arguments is ["run", ..] ? [cli, .. arguments, "--quiet"] : [cli, .. arguments])
            {
                WorkingDirectory = Path,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error.Result);
        }

        internal static string Git(string workingDirectory, params string[] arguments)
        {
            var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started");
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)} failed in {workingDirectory}: {process.StandardError.ReadToEnd()}");
            return output;
        }

        public void Dispose() => folder.Dispose();
    }
}
