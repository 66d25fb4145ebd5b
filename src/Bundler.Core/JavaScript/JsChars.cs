using System.Globalization;
using System.Text;

namespace Bundler.Core.JavaScript;

/// <summary>Character classes of the ECMAScript lexical grammar, ASCII by table and the rest by Unicode category.</summary>
internal static class JsChars
{
    private const byte IdStartBit = 1;
    private const byte IdPartBit = 2;
    private const byte DigitBit = 4;
    private const byte SpaceBit = 8;

    // Built once; indexing a 128-entry table is the hot path of identifier and whitespace scanning.
    private static readonly byte[] Ascii = BuildAscii();

    public static bool IsAsciiIdStart(byte b) => b < 128 && (Ascii[b] & IdStartBit) != 0;

    public static bool IsAsciiIdPart(byte b) => b < 128 && (Ascii[b] & IdPartBit) != 0;

    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>Tab, vertical tab, form feed, space (not line terminators).</summary>
    public static bool IsAsciiSpace(byte b) => b < 128 && (Ascii[b] & SpaceBit) != 0;

    public static bool IsHexDigit(byte b) => IsDigit(b) || (uint)((b | 0x20) - 'a') <= 5;

    /// <summary>ID_Start, plus <c>$</c> and <c>_</c>.</summary>
    public static bool IsIdStart(int cp)
    {
        if (cp < 128)
        {
            return (Ascii[cp] & IdStartBit) != 0;
        }

        switch (CharUnicodeInfo.GetUnicodeCategory(cp))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.LetterNumber:
                // U+2E2F VERTICAL TILDE is a letter but also Pattern_Syntax, which ID_Start excludes.
                return cp != 0x2E2F;
            default:
                return cp is 0x1885 or 0x1886 or 0x2118 or 0x212E or 0x309B or 0x309C;
        }
    }

    /// <summary>ID_Continue, plus <c>$</c>, ZWNJ and ZWJ.</summary>
    public static bool IsIdPart(int cp)
    {
        if (cp < 128)
        {
            return (Ascii[cp] & IdPartBit) != 0;
        }

        if (IsIdStart(cp))
        {
            return true;
        }

        switch (CharUnicodeInfo.GetUnicodeCategory(cp))
        {
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.ConnectorPunctuation:
                return true;
            default:
                return cp is 0x200C or 0x200D or 0x00B7 or 0x0387 or 0x19DA or 0x30FB or 0xFF65
                    || (cp >= 0x1369 && cp <= 0x1371);
        }
    }

    /// <summary>WhiteSpace beyond ASCII: NBSP, ZWNBSP (BOM) and the space separators.</summary>
    public static bool IsUnicodeSpace(int cp) =>
        cp == 0xA0 || cp == 0xFEFF || (cp > 127 && CharUnicodeInfo.GetUnicodeCategory(cp) == UnicodeCategory.SpaceSeparator);

    public static bool IsLineSeparator(int cp) => cp is 0x2028 or 0x2029;

    /// <summary>Decodes the scalar at <paramref name="pos"/>; invalid UTF-8 yields -1 and length 1.</summary>
    public static int DecodeAt(ReadOnlySpan<byte> s, int pos, out int length)
    {
        var status = Rune.DecodeFromUtf8(s[pos..], out var rune, out length);
        if (status != System.Buffers.OperationStatus.Done)
        {
            length = Math.Max(length, 1);
            return -1;
        }

        return rune.Value;
    }

    /// <summary>Whether the three bytes at <paramref name="pos"/> encode U+2028 or U+2029.</summary>
    public static bool IsLineSeparatorAt(ReadOnlySpan<byte> s, int pos) =>
        pos + 2 < s.Length && s[pos] == 0xE2 && s[pos + 1] == 0x80 && (s[pos + 2] == 0xA8 || s[pos + 2] == 0xA9);

    private static byte[] BuildAscii()
    {
        var t = new byte[128];
        for (var c = 'a'; c <= 'z'; c++)
        {
            t[c] = IdStartBit | IdPartBit;
            t[char.ToUpperInvariant(c)] = IdStartBit | IdPartBit;
        }

        for (var c = '0'; c <= '9'; c++)
        {
            t[c] = IdPartBit | DigitBit;
        }

        t['$'] = IdStartBit | IdPartBit;
        t['_'] = IdStartBit | IdPartBit;
        t['\t'] = SpaceBit;
        t['\v'] = SpaceBit;
        t['\f'] = SpaceBit;
        t[' '] = SpaceBit;
        return t;
    }
}
