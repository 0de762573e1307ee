namespace Audit.Models;

/// <summary>
/// Loads one kind of trained model file. Loaders for heavy runtimes live in their own projects (ARCHITECTURE.md:
/// "a native runtime most users never load") and are registered on a <see cref="ModelLoaders"/> instance (an <see cref="AuditContext"/>'s) by the program
/// that wants them (the CLI registers all of them).
/// </summary>
public interface IModelLoader
{
    /// <summary>The kind of file, for messages ("ML.NET model (.zip)").</summary>
    string Kind { get; }

    /// <summary>True when this loader reads the file (by extension, or by its first bytes).</summary>
    bool CanLoad(string path);

    /// <summary>Loads the model; bad files raise <see cref="AuditInputException"/> naming the file.</summary>
    IScoringModel Load(ModelFileSpec spec);
}
