namespace Audit;

/// <summary>
/// A path with every symbolic link along it resolved, as the kernel would follow it (POSIX realpath), including links
/// in the middle of the path ("linkdir/secret.csv" with linkdir → /outside) and a tail that does not exist yet (an
/// output folder to be created). Confinement and "is this an input's folder" checks compare real paths, since a
/// lexical comparison is bypassed by a link in any component.
/// </summary>
public static class RealPath
{
    /// <summary>Links followed before giving up (a loop of links), as the kernel's MAXSYMLINKS (40).</summary>
    private const int MaxLinks = 40;

    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = root;
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            var target = info.Exists || IsDanglingLink(info) ? info.LinkTarget : null;
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks)
            {
                throw new IOException($"Too many levels of symbolic links at {next}.");
            }
            // The link's text replaces this component: absolute from the root, relative from the link's folder.
            var resolved = Path.IsPathRooted(target) ? Path.GetFullPath(target) : Path.GetFullPath(Path.Combine(current, target));
            var resolvedRoot = Path.GetPathRoot(resolved)!;
            foreach (var piece in resolved[resolvedRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(piece);
            }
            current = resolvedRoot;
        }
        return current;
    }

    private static bool IsDanglingLink(FileSystemInfo info)
    {
        try
        {
            return info.Attributes.HasFlag(FileAttributes.ReparsePoint);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies under it (both full, real paths).</summary>
    public static bool IsInside(string path, string folder)
    {
        var prefix = Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal) || string.Equals(path, folder, StringComparison.Ordinal);
    }
}
