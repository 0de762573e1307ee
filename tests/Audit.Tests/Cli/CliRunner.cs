using Audit.Cli;

namespace Audit.Tests.Cli;

/// <summary>Runs the <c>audit</c> command in-process and captures what it prints.</summary>
public static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Out, string Error);

    public static Outcome Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = AuditCli.Run(args, stdout, stderr);
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>
/// Plans of the test suite that name the repository's files by absolute path or reach the repository from
/// datasets/plans/ (<c>root: /</c>, <c>root: ../..</c>): loaded as an auditor who trusts them would, granting
/// <c>--root /</c>. A plan cannot widen its own reach (issue 16, class 3); the tests of that refusal load plans plainly.
/// </summary>
public static class TrustedPlans
{
    public static Audit.Plan.AuditPlan Load(string path, string? dataOverride = null) =>
        Audit.Plan.AuditPlanLoader.Load(path, dataOverride, null, "/");

    /// <summary>The CLI with <c>--root /</c> added to the verbs that load a plan.</summary>
    public static CliRunner.Outcome Run(params string[] args) =>
        CliRunner.Run(args.Length > 0 && args[0] is "run" or "explain" or "recourse" or "bench" ? [.. args, "--root", "/"] : args);
}
