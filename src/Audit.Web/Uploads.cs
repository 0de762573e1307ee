using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Audit.Data;

namespace Audit.Web;

/// <summary>An uploaded data file, read into a table for the preview and the column mapping.</summary>
internal sealed record Upload(string Id, string Folder, string FileName, Table Table);

/// <summary>The uploads of one workbench: each in its own folder under the server's temporary folder.</summary>
internal sealed class Uploads(string folder)
{
    private readonly ConcurrentDictionary<string, Upload> uploads = new();

    public string NewFolder(out string id)
    {
        id = Jobs.NewId();
        return Directory.CreateDirectory(Path.Combine(folder, id)).FullName;
    }

    public void Add(Upload upload) => uploads[upload.Id] = upload;

    public Upload? this[string id] => uploads.TryGetValue(id, out var u) ? u : null;

    /// <summary>A file name safe to write in the upload's folder and in a plan: letters, digits, '.', '-', '_' only.</summary>
    public static string SafeName(string name, string fallback)
    {
        var plain = new string([.. Path.GetFileName(name).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]).TrimStart('.');
        return plain.Length == 0 ? fallback : plain[..Math.Min(plain.Length, 100)];
    }
}

/// <summary>What the mapping form chose: enough to write a plan that <c>audit run</c> runs unchanged.</summary>
internal sealed record PlanChoices(string Name, string DataFile, string Subjects)
{
    public string? Id { get; init; }

    public string? Label { get; init; }

    public string? Weight { get; init; }

    public List<(string Column, string? Reference, double[]? Bands)> Protected { get; } = [];

    /// <summary>spec, file, score_column or decision_column, and its value (a file beside the plan, or a column).</summary>
    public required (string Key, string Value) Model { get; init; }

    public string? Adverse { get; init; }

    /// <summary>top_fraction, threshold or budget and its number; null for decisions in the data.</summary>
    public (string Key, double Value)? Policy { get; init; }
}

/// <summary>Writes a plan (docs/audit-plan.md) from the mapping form; every text is a quoted YAML scalar.</summary>
internal static class PlanYamlWriter
{
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A double-quoted YAML scalar (JSON's string syntax is YAML's): quotes, backslashes and control characters escaped.</summary>
    public static string Quote(string text) => JsonSerializer.Serialize(text, Quoting);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Write(PlanChoices c)
    {
        var y = new StringBuilder();
        y.Append("# Written by the Audit workbench (audit serve). Put this file beside the data file and the model file it names,\n");
        y.Append("# then run: audit run plan.yaml\n");
        y.Append("name: ").Append(Quote(c.Name)).Append('\n');
        y.Append("data:\n  path: ").Append(Quote(c.DataFile)).Append("\n  subjects: ").Append(c.Subjects).Append('\n');
        if (c.Id is not null || c.Label is not null || c.Weight is not null)
        {
            y.Append("roles:\n");
            Line(y, "id", c.Id);
            Line(y, "label", c.Label);
            Line(y, "weight", c.Weight);
        }
        y.Append("model:\n  ").Append(c.Model.Key).Append(": ").Append(Quote(c.Model.Value)).Append('\n');
        if (c.Adverse is not null)
        {
            y.Append("  adverse: ").Append(c.Adverse).Append('\n');
        }
        if (c.Policy is { } p)
        {
            y.Append("policy:\n  ").Append(p.Key).Append(": ").Append(Number(p.Value)).Append('\n');
        }
        y.Append("protected_attributes:\n");
        foreach (var (column, reference, bands) in c.Protected)
        {
            y.Append("  - column: ").Append(Quote(column)).Append('\n');
            if (bands is { Length: > 0 })
            {
                y.Append("    bands: [").Append(string.Join(", ", bands.Select(Number))).Append("]\n");
            }
            if (reference is not null)
            {
                y.Append("    reference: ").Append(Quote(reference)).Append('\n');
            }
        }
        return y.ToString();
    }

    private static void Line(StringBuilder y, string key, string? value)
    {
        if (value is not null)
        {
            y.Append("  ").Append(key).Append(": ").Append(Quote(value)).Append('\n');
        }
    }
}
