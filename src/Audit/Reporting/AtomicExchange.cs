using System.Runtime.InteropServices;

namespace Audit.Reporting;

/// <summary>
/// Swaps two paths in one step with Linux's <c>renameat2(..., RENAME_EXCHANGE)</c>, so that a report folder is
/// replaced atomically. .NET has no API for it (Directory.Move refuses an existing destination), hence the P/Invoke.
/// </summary>
internal static class AtomicExchange
{
    private const int AtFdCwd = -100;
    private const uint RenameExchange = 1 << 1;

    // DllImport rather than LibraryImport: the source-generated form needs unsafe code enabled for the whole library.
    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int oldDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);

    /// <summary>True when the two paths were swapped; false when the platform or file system cannot (the caller falls back).</summary>
    public static bool TrySwap(string a, string b)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            return RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false; // a C library without renameat2 (glibc before 2.28, some musl builds)
        }
    }
}
