namespace Audit.Cli;

/// <summary>Exit codes of CONTRACTS.md.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An internal error (a bug): please report it.</summary>
    public const int InternalError = 1;

    /// <summary>Bad input or bad usage: a file, plan, spec, model or command line that the user can fix.</summary>
    public const int BadInput = 2;
}
