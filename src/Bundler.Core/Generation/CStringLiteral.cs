using System.Text;

namespace Bundler.Core.Generation;

/// <summary>
/// Encodes bytes as C string-literal pieces that any C99 compiler turns back into exactly those bytes.
/// String literals rather than <c>{0x2f,...}</c> lists because compilers parse them an order of magnitude
/// faster and with a tenth of the memory (see DESIGN.md, "Facts about embedding bytes in C").
/// </summary>
internal static class CStringLiteral
{
    /// <summary>Longest line the encoder writes, indentation and quotes included.</summary>
    public const int DefaultMaxColumns = 100;

    /// <summary>
    /// The literal as one or more <c>"..."</c> pieces, one per line, each line starting with
    /// <paramref name="indent"/>; no trailing newline. A piece ends after every encoded newline when
    /// <paramref name="breakAtNewlines"/> (so the C reads like the source), before a line would pass
    /// <paramref name="maxColumns"/>, and wherever an octal escape is followed by an octal digit (that split
    /// stays on the line). Empty input gives <c>""</c>. With <c>int.MaxValue</c> columns and no breaks at
    /// newlines the whole literal is one line.
    /// </summary>
    public static string Encode(ReadOnlySpan<byte> bytes, string indent = "", int maxColumns = DefaultMaxColumns, bool breakAtNewlines = true)
    {
        // Room for at least one escape (4 chars) between the quotes keeps every line able to make progress.
        var width = Math.Max(maxColumns - indent.Length - 2, 4);
        var sb = new StringBuilder((bytes.Length * 3 / 2) + 16);
        sb.Append(indent).Append('"');
        var lineChars = 0;
        Span<char> token = stackalloc char[4];
        for (var i = 0; i < bytes.Length; i++)
        {
            var n = Token(bytes[i], token);

            // After a short octal escape an octal digit must start a new piece, or it would extend the escape.
            var split = NeedsSplit(bytes, i) ? 3 : 0;
            if (lineChars + split + n > width)
            {
                sb.Append("\"\n").Append(indent).Append('"');
                lineChars = 0;
            }
            else if (split > 0)
            {
                sb.Append("\" \"");
                lineChars += split;
            }

            sb.Append(token[..n]);
            lineChars += n;
            if (breakAtNewlines && bytes[i] == (byte)'\n' && i + 1 < bytes.Length)
            {
                sb.Append("\"\n").Append(indent).Append('"');
                lineChars = 0;
            }
        }

        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>The UTF-8 bytes of <paramref name="text"/> as pieces on a single line (for short strings).</summary>
    public static string EncodeInline(string text) => Encode(Utf8.GetBytes(text), "", int.MaxValue, breakAtNewlines: false);

    /// <summary>UTF-8 that throws on lone surrogates instead of silently writing U+FFFD.</summary>
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>True when byte <paramref name="i"/> must start a new piece because the previous byte was
    /// written as an octal escape of fewer than three digits and this byte is an octal digit.</summary>
    private static bool NeedsSplit(ReadOnlySpan<byte> bytes, int i) =>
        i > 0 && bytes[i] is >= (byte)'0' and <= (byte)'7' && IsShortOctal(bytes[i - 1]);

    private static bool IsShortOctal(byte b) => b < 0x40 && IsOctalEscaped(b);

    private static bool IsOctalEscaped(byte b) => b is < 0x20 or >= 0x7F && b is not ((byte)'\n' or (byte)'\t' or (byte)'\r');

    private static int Token(byte b, Span<char> token)
    {
        switch (b)
        {
            case (byte)'\\': return Two('\\', token);
            case (byte)'"': return Two('"', token);

            // Always escaped: "??=" and friends are trigraphs under -std=c99.
            case (byte)'?': return Two('?', token);
            case (byte)'\n': return Two('n', token);
            case (byte)'\t': return Two('t', token);
            case (byte)'\r': return Two('r', token);
        }

        if (!IsOctalEscaped(b))
        {
            token[0] = (char)b;
            return 1;
        }

        // Bytes >= 0x80 are escaped too: raw UTF-8 in the source would be subject to -fexec-charset.
        token[0] = '\\';
        var digits = b < 8 ? 1 : b < 64 ? 2 : 3;
        for (var d = digits; d > 0; d--)
        {
            token[d] = (char)('0' + (b & 7));
            b >>= 3;
        }

        return digits + 1;
    }

    private static int Two(char c, Span<char> token)
    {
        token[0] = '\\';
        token[1] = c;
        return 2;
    }
}
