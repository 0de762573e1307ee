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
