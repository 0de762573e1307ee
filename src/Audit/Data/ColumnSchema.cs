using System.Collections.Immutable;

namespace Audit.Data;

/// <summary>A column's name, type and roles.</summary>
public sealed record ColumnSchema(string Name, ColumnType Type, ImmutableSortedSet<ColumnRole> Roles)
{
    public ColumnSchema(string name, ColumnType type)
        : this(name, type, ImmutableSortedSet<ColumnRole>.Empty)
    {
    }

    public bool Has(ColumnRole role) => Roles.Contains(role);
}
