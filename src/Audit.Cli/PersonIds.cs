namespace Audit.Cli;

/// <summary>
/// The people a command is about: <c>--person ID</c>, or several as <c>--person a,b,c</c>, and/or <c>--persons FILE</c>
/// (one id a line; blank lines and lines starting with # are skipped; a line is taken whole, so an id holding a comma
/// goes in the file). Duplicates are kept once, in the order first given.
/// </summary>
internal static class PersonIds
{
    public static IReadOnlyList<string> Of(string? person, string? personsFile)
    {
        var ids = new List<string>();
        if (person is not null)
        {
            ids.AddRange(person.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            if (ids.Count == 0)
            {
                throw new AuditInputException("--person names no one", expected: "an id, or ids separated by commas", found: person);
            }
        }
        if (personsFile is not null)
        {
            if (!File.Exists(personsFile))
            {
                throw new AuditInputException("the file of ids does not exist", file: personsFile, hint: "give a text file with one id a line");
            }
            ids.AddRange(File.ReadLines(personsFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
        }
        return [.. ids.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The file of one person's page in a folder of pages: the id made safe as a file name, and the extension.</summary>
    public static string FileIn(string folder, string id, string extension) =>
        Path.Combine(folder, Audit.Reporting.Letters.HtmlLetter.SafeName(id) + extension);
}
