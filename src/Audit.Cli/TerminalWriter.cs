using System.Globalization;
using System.Text;

namespace Audit.Cli;

/// <summary>
/// The writer every verb prints through (standard output and standard error): text from the data (group names, column
/// names, values, a plan's description) can hold terminal escape sequences (<c>ESC [ 2 J</c> clears the screen,
/// <c>ESC ] 0 ;</c> retitles the window, OSC 52 writes the clipboard) and bidirectional overrides that reorder what
/// the reader sees. Every control character but the line break and the tab, and every bidirectional override or isolate
/// (U+202A to U+202E, U+2066 to U+2069), is printed as a visible escape such as <c>\x1B</c> or <c>\u202E</c>
/// (issue 16, class 5), wherever a verb prints it; the files Audit writes keep the values exactly.
/// </summary>
internal sealed class TerminalWriter(TextWriter inner) : TextWriter
{
    public TextWriter Inner { get; } = inner;

    public override Encoding Encoding => Inner.Encoding;

    public override IFormatProvider FormatProvider => Inner.FormatProvider;

    /// <summary>True for a character that must not reach a terminal as it is.</summary>
    public static bool IsUnsafe(char c) =>
        (c < ' ' && c is not '\n' and not '\t') || c is >= '\u007f' and <= '\u009f' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';

    /// <summary>The text with every unsafe character replaced by its visible escape.</summary>
    public static string Neutralise(string text)
    {
        var first = IndexOfUnsafe(text);
        if (first < 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            Append(sb, text[i]);
        }
        return sb.ToString();
    }

    private static int IndexOfUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static void Append(StringBuilder sb, char c)
    {
        if (!IsUnsafe(c))
        {
            sb.Append(c);
        }
        else if (c <= '\u00ff')
        {
            sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
    }

    public override void Write(char value)
    {
        if (IsUnsafe(value))
        {
            Inner.Write(Neutralise(value.ToString()));
        }
        else
        {
            Inner.Write(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is not null)
        {
            Inner.Write(Neutralise(value));
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Write(buffer.ToString());

    // The line break is the inner writer's own (CR LF on Windows), never neutralised.
    public override void WriteLine() => Inner.WriteLine();

    public override void WriteLine(string? value)
    {
        Write(value);
        Inner.WriteLine();
    }

    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        Write(buffer);
        Inner.WriteLine();
    }

    public override void Flush() => Inner.Flush();
}
