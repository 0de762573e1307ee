namespace Audit.Models;

/// <summary>The registered model-file loaders (see <see cref="IModelLoader"/>).</summary>
public static class ModelLoaders
{
    private static readonly List<IModelLoader> Registered = [];
    private static readonly Lock Gate = new();

    /// <summary>Registers a loader once (registering the same type again does nothing).</summary>
    public static void Register(IModelLoader loader)
    {
        lock (Gate)
        {
            if (!Registered.Any(l => l.GetType() == loader.GetType()))
            {
                Registered.Add(loader);
            }
        }
    }

    public static IReadOnlyList<IModelLoader> All
    {
        get
        {
            lock (Gate)
            {
                return Registered.ToArray();
            }
        }
    }

    /// <summary>Loads a model file with the first loader that reads it.</summary>
    public static IScoringModel Load(ModelFileSpec spec, string planFile)
    {
        if (!File.Exists(spec.Path))
        {
            throw new AuditInputException("the model file is not found", file: planFile, line: spec.Line, keyPath: "model.file", found: spec.Display,
                hint: "paths in a plan are relative to the plan's folder");
        }
        var loader = All.FirstOrDefault(l => l.CanLoad(spec.Path))
            ?? throw new AuditInputException("no loader reads this kind of model file", file: planFile, line: spec.Line, keyPath: "model.file",
                expected: All.Count == 0 ? "a registered model loader" : string.Join(" or ", All.Select(l => l.Kind)), found: spec.Display,
                hint: "export the model as an ML.NET .zip or an ONNX file, or give its scores in the data (model.score_column)");
        return loader.Load(spec);
    }
}
