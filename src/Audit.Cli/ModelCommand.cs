using System.CommandLine;
using Audit.Models;

namespace Audit.Cli;

/// <summary><c>audit model inspect FILE</c>: what a model spec or model file contains and which capabilities it has.</summary>
internal static class ModelCommand
{
    public static Command Build(CliContext context)
    {
        var model = new Command("model", """
            Look at models before an audit.

            Example:
              audit model inspect models/caf-reconstructed.yaml
            """);
        var file = new Argument<string>("FILE") { Description = "A model spec (.yaml), an ML.NET model (.zip) or an ONNX model (.onnx)." };
        var inspect = new Command("inspect", """
            Show what a model contains: its inputs and their types, its capabilities (additive terms, trees,
            grades), and for a spec every variable with its weight, direction, actionability and source.

            Example:
              audit model inspect models/caf-reconstructed.yaml
              audit model inspect fraud-model.zip
            """);
        inspect.Arguments.Add(file);
        inspect.SetAction(parse => Inspect(context, parse.GetValue(file)!));
        model.Subcommands.Add(inspect);
        return model;
    }

    private static int Inspect(CliContext context, string path)
    {
        IScoringModel loaded = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            ? LinearModelSpec.Load(Path.GetFullPath(path), path)
            : context.AuditContext.Models.Load(new ModelFileSpec(Path.GetFullPath(path), path, AdverseTail.High, null, new Dictionary<string, string>(), null, 0, ForInspection: true), path);
        var result = ModelInspection.Inspect(loaded);
        var o = context.Out;
        o.WriteLine($"{result.Name}");
        o.WriteLine($"kind: {result.Kind}" + (result.Adverse is { } adverse ? $"; a {adverse} score is adverse" : ""));
        o.WriteLine("inputs: " + string.Join(", ", result.Inputs.Select(f => $"{f.Name} ({f.Type.ToString().ToLowerInvariant()})")));
        o.WriteLine("capabilities: " + (result.Capabilities.Count == 0 ? "none (a black box: sampled explanations only)" : string.Join("; ", result.Capabilities)));
        if (result.Variables.Count > 0)
        {
            o.WriteLine();
            var nameWidth = Math.Max(8, result.Variables.Max(v => v.Name.Length));
            o.WriteLine($"{"variable".PadRight(nameWidth)}  {"weight",-28}  {"direction",-30}  {"actionability",-18}  source");
            foreach (var v in result.Variables)
            {
                o.WriteLine($"{v.Name.PadRight(nameWidth)}  {v.Weight,-28}  {v.Direction,-30}  {v.Actionability,-18}  {v.Source}");
            }
        }
        foreach (var note in result.Notes)
        {
            o.WriteLine("note: " + note);
        }
        return ExitCodes.Success;
    }
}
