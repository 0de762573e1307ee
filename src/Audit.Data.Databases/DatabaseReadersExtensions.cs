namespace Audit.Data.Databases;

/// <summary>Registers the database readers of this assembly on a catalogue.</summary>
public static class DatabaseReadersExtensions
{
    /// <summary>Registers <see cref="DuckDbReader"/> and <see cref="PostgresReader"/>.</summary>
    /// <returns>The catalogue, so that registrations chain.</returns>
    public static DatabaseReaders RegisterAll(this DatabaseReaders readers)
    {
        ArgumentNullException.ThrowIfNull(readers);
        return readers.Register(new DuckDbReader()).Register(new PostgresReader());
    }
}
