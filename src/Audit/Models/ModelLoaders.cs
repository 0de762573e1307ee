namespace Audit.Models;

/// <summary>
/// The loaders of trained model files one program uses (see <see cref="IModelLoader"/>), as ML.NET's <c>MLContext</c>
/// holds its catalogs: an instance, owned by an <see cref="AuditContext"/> (or the CLI's), never a process-wide list,
/// so that two audits in one process can read model files differently and a test sees only what it registered.
/// </summary>
public sealed class ModelLoaders
{
    private readonly List<IModelLoader> registered = [];
    private readonly Lock gate = new();

    /// <summary>Registers a loader once (registering the same type again does nothing).</summary>
    /// <returns>This catalogue, so that registrations chain.</returns>
    public ModelLoaders Register(IModelLoader loader)
    {
        ArgumentNullException.ThrowIfNull(loader);
        lock (gate)
        {
            if (!registered.Any(l => l.GetType() == loader.GetType()))
            {
                registered.Add(loader);
            }
        }
        return this;
    }

    /// <summary>The registered loaders, in the order they were registered (the first that reads a file loads it).</summary>
    public IReadOnlyList<IModelLoader> All
    {
        get
        {
            lock (gate)
            {
                return registered.ToArray();
            }
        }
    }

    /// <summary>Loads a model file with the first loader that reads it.</summary>
    /// <param name="planFile">The plan that names the file, for errors.</param>
    public IScoringModel Load(ModelFileSpec spec, string planFile)
    {
        if (!File.Exists(spec.Path))
        {
            throw new AuditInputException("the model file is not found", file: planFile, line: spec.Line, keyPath: "model.file", found: spec.Display,
                hint: "paths in a plan are relative to the plan's folder");
        }
        var all = All;
        var loader = all.FirstOrDefault(l => l.CanLoad(spec.Path))
            ?? throw new AuditInputException("no loader reads this kind of model file", file: planFile, line: spec.Line, keyPath: "model.file",
                expected: all.Count == 0 ? "a registered model loader" : string.Join(" or ", all.Select(l => l.Kind)), found: spec.Display,
                hint: all.Count == 0
                    ? "register the loaders with AuditContext.Models.Register (the audit command registers ML.NET and ONNX)"
                    : "export the model as an ML.NET .zip or an ONNX file, or give its scores in the data (model.score_column)");
        return loader.Load(spec);
    }
}
