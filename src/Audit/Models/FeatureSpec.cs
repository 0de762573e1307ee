using Audit.Data;

namespace Audit.Models;

/// <summary>An input a model reads: a column name and the type the model expects.</summary>
public sealed record FeatureSpec(string Name, ColumnType Type, string? Description = null);
