namespace Bundler.Core.JavaScript;

/// <summary>Identifiers and private names, with <c>\u</c> escapes and non-ASCII letters.</summary>
internal sealed partial class JsLexer
{
    /// <summary>Reads an IdentifierName from <paramref name="start"/>; returns the word when it is unescaped.</summary>
    private JsWord ScanIdentifier(int start, ref JsTokenFlags flags, bool isPrivate)
    {
        var s = _s;
        var p = start;
        while (p < _len && JsChars.IsAsciiIdPart(s[p]))
        {
            p++;
        }

        var escaped = false;
        while (p < _len)
        {
            var b = s[p];
            if (JsChars.IsAsciiIdPart(b))
            {
                p++;
                continue;
            }

            int cp;
            int n;
            if (b == '\\')
            {
                cp = ReadIdentifierEscape(p, out n);
                escaped = true;
            }
            else if (b >= 0x80)
            {
                cp = JsChars.DecodeAt(s, p, out n);
                if (cp < 0)
                {
                    throw Error(_line, "invalid UTF-8 in identifier");
                }
            }
            else
            {
                break;
            }

            var ok = p == start ? JsChars.IsIdStart(cp) : JsChars.IsIdPart(cp);
            if (!ok)
            {
                if (b == '\\' || p == start)
                {
                    throw Error(_line, p == start ? $"unexpected character U+{cp:X4}" : "escape is not an identifier character");
                }

                break;
            }

            p += n;
        }

        if (p == start)
        {
            throw Error(_line, "expected an identifier");
        }

        _pos = p;
        if (escaped)
        {
            flags |= JsTokenFlags.Escaped;
            return JsWord.None;
        }

        return isPrivate ? JsWord.None : JsWords.Lookup(s.AsSpan(start, p - start));
    }

    /// <summary><c>\uXXXX</c> or <c>\u{X...}</c> at <paramref name="p"/>.</summary>
    private int ReadIdentifierEscape(int p, out int length)
    {
        var s = _s;
        if (p + 1 >= _len || s[p + 1] != 'u')
        {
            throw Error(_line, "expected \\u escape in identifier");
        }

        var q = p + 2;
        var value = 0;
        if (q < _len && s[q] == '{')
        {
            q++;
            var digits = 0;
            while (q < _len && JsChars.IsHexDigit(s[q]) && value <= 0x10FFFF)
            {
                value = (value * 16) + HexValue(s[q++]);
                digits++;
            }

            if (digits == 0 || q >= _len || s[q] != '}' || value > 0x10FFFF)
            {
                throw Error(_line, "bad \\u{...} escape in identifier");
            }

            q++;
        }
        else
        {
            for (var i = 0; i < 4; i++, q++)
            {
                if (q >= _len || !JsChars.IsHexDigit(s[q]))
                {
                    throw Error(_line, "bad \\u escape in identifier");
                }

                value = (value * 16) + HexValue(s[q]);
            }
        }

        length = q - p;
        return value;
    }

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
