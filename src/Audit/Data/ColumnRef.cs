namespace Audit.Data;

/// <summary>
/// A column named by the audit plan (or by a stage's options), with where it was named: the plan line and key path
/// that a "the data has no column" error cites. Plan/ fills it; a stage only reads the name and passes the rest to its errors.
/// </summary>
public sealed record ColumnRef(string Name, long Line, string KeyPath);
