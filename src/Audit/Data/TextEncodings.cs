using System.Text;

namespace Audit.Data;

/// <summary>The text encodings a CSV file may be read in, by the names the plan and the command line accept.</summary>
public static class TextEncodings
{
    /// <summary>Accepted names: utf-8, latin1 (ISO-8859-1), windows-1252 (the usual encoding of French Excel exports).</summary>
    public static readonly IReadOnlyList<string> Names = ["utf-8", "latin1", "windows-1252"];

    /// <summary>The encoding for a name, or null for UTF-8 (read strictly by the CSV reader).</summary>
    public static Encoding? FromName(string name) => name.ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => null,
        "latin1" or "iso-8859-1" => Encoding.Latin1,
        "windows-1252" or "cp1252" => CodePagesEncodingProvider.Instance.GetEncoding(1252)!,
        _ => throw new AuditInputException("unknown text encoding", expected: string.Join(", ", Names), found: name),
    };

    /// <summary>Strict UTF-8: invalid bytes throw instead of becoming U+FFFD.</summary>
    internal static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The 1-based line and the value of the first byte that is not valid UTF-8, or null when the file is valid. The file
    /// is read in blocks, not whole: a data file may be larger than the memory (issue 16, class 4).
    /// </summary>
    internal static (long Line, byte Value)? FirstInvalidUtf8(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var buffer = new byte[1 << 16];
        var carry = 0;
        long line = 1;
        while (true)
        {
            var read = stream.Read(buffer, carry, buffer.Length - carry);
            var end = read == 0;
            var span = buffer.AsSpan(0, carry + read);
            var offset = 0;
            while (offset < span.Length)
            {
                var status = Rune.DecodeFromUtf8(span[offset..], out var rune, out var consumed);
                if (status == System.Buffers.OperationStatus.NeedMoreData && !end)
                {
                    break; // a character cut by the block's end: read on
                }
                if (status != System.Buffers.OperationStatus.Done)
                {
                    return (line, span[offset]);
                }
                if (rune.Value == '\n')
                {
                    line++;
                }
                offset += consumed;
            }
            if (end)
            {
                return null;
            }
            carry = span.Length - offset;
            span[offset..].CopyTo(buffer);
        }
    }

    /// <summary>The 1-based line and the value of the first byte that is not valid UTF-8, or null when the text is valid.</summary>
    internal static (long Line, byte Value)? FirstInvalidUtf8(ReadOnlySpan<byte> span)
    {
        long line = 1;
        var offset = 0;
        while (offset < span.Length)
        {
            var status = Rune.DecodeFromUtf8(span[offset..], out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return (line, span[offset]);
            }
            if (rune.Value == '\n')
            {
                line++;
            }
            offset += consumed;
        }
        return null;
    }
}
