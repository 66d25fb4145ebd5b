using System.Buffers;

namespace Bundler.Core.JavaScript;

/// <summary>Numbers, strings, templates and regular expressions: scanned, never decoded.</summary>
internal sealed partial class JsLexer
{
    private static readonly SearchValues<byte> SingleQuoteStops = SearchValues.Create(new byte[] { (byte)'\'', (byte)'\\', (byte)'\n', (byte)'\r', 0xE2 });
    private static readonly SearchValues<byte> DoubleQuoteStops = SearchValues.Create(new byte[] { (byte)'"', (byte)'\\', (byte)'\n', (byte)'\r', 0xE2 });
    private static readonly SearchValues<byte> TemplateStops = SearchValues.Create(new byte[] { (byte)'`', (byte)'\\', (byte)'$', (byte)'\n', (byte)'\r', 0xE2 });

    private void ScanNumber()
    {
        var s = _s;
        var p = _pos;
        var canBeBigInt = true;
        if (s[p] == '0' && p + 1 < _len && (s[p + 1] | 0x20) is 'x' or 'o' or 'b')
        {
            var radix = (s[p + 1] | 0x20) switch { 'x' => 16, 'o' => 8, _ => 2 };
            p = Digits(p + 2, radix, separators: true);
            if (p == _pos + 2)
            {
                throw Error(_line, "expected digits after the radix prefix");
            }
        }
        else if (s[p] == '0' && p + 1 < _len && JsChars.IsDigit(s[p + 1]))
        {
            // Legacy octal (017) has no fraction or exponent; 018 and 09 are decimal and may have both.
            p = Digits(p + 1, 10, separators: false);
            var octal = true;
            for (var i = _pos; i < p; i++)
            {
                octal &= s[i] <= '7';
            }

            canBeBigInt = false;
            if (!octal)
            {
                p = FractionAndExponent(p);
            }
        }
        else
        {
            var afterInt = s[p] == '.' ? p : Digits(p, 10, separators: true);
            p = FractionAndExponent(afterInt);
            canBeBigInt = p == afterInt;
        }

        if (canBeBigInt && p < _len && s[p] == 'n')
        {
            p++;
        }

        if (p < _len && (JsChars.IsAsciiIdPart(s[p]) || s[p] == '\\' || (s[p] >= 0x80 && JsChars.IsIdStart(JsChars.DecodeAt(s, p, out _)))))
        {
            throw Error(_line, "identifier starts immediately after a number");
        }

        _pos = p;
    }

    private int FractionAndExponent(int p)
    {
        var s = _s;
        if (p < _len && s[p] == '.')
        {
            p = Digits(p + 1, 10, separators: true);
        }

        if (p < _len && (s[p] | 0x20) == 'e')
        {
            var q = p + 1;
            if (q < _len && (s[q] == '+' || s[q] == '-'))
            {
                q++;
            }

            var end = Digits(q, 10, separators: true);
            if (end == q)
            {
                throw Error(_line, "expected digits in the exponent");
            }

            p = end;
        }

        return p;
    }

    private int Digits(int p, int radix, bool separators)
    {
        var s = _s;
        while (p < _len)
        {
            var b = s[p];
            var ok = radix switch
            {
                16 => JsChars.IsHexDigit(b),
                10 => JsChars.IsDigit(b),
                8 => b >= '0' && b <= '7',
                _ => b == '0' || b == '1',
            };
            if (!ok && !(separators && b == '_' && p + 1 < _len && s[p - 1] != '_'))
            {
                break;
            }

            p++;
        }

        return p;
    }

    private void ScanString(byte quote)
    {
        var s = _s;
        var stops = quote == '"' ? DoubleQuoteStops : SingleQuoteStops;
        var line = _line;
        var p = _pos + 1;
        while (true)
        {
            var i = p < _len ? s.AsSpan(p, _len - p).IndexOfAny(stops) : -1;
            if (i < 0)
            {
                throw Error(line, "unterminated string");
            }

            p += i;
            var b = s[p];
            if (b == quote)
            {
                _pos = p + 1;
                return;
            }

            if (b == '\\')
            {
                p = SkipEscaped(p + 1, line);
            }
            else if (b == 0xE2)
            {
                // U+2028 and U+2029 are allowed in strings since ES2019; they still count as lines.
                p += Newline(p);
            }
            else
            {
                throw Error(line, "unterminated string");
            }
        }
    }

    /// <summary>Steps over the character after a backslash, counting a line continuation.</summary>
    private int SkipEscaped(int p, int line)
    {
        if (p >= _len)
        {
            throw Error(line, "unterminated literal");
        }

        var n = Newline(p);
        if (n > 0)
        {
            return p + n;
        }

        return p + 1;
    }

    /// <summary>The length of a line terminator at <paramref name="p"/> (counted), or 0.</summary>
    private int Newline(int p)
    {
        var b = _s[p];
        if (b == '\n')
        {
            _line++;
            return 1;
        }

        if (b == '\r')
        {
            _line++;
            return p + 1 < _len && _s[p + 1] == '\n' ? 2 : 1;
        }

        if (JsChars.IsLineSeparatorAt(_s, p))
        {
            _line++;
            return 3;
        }

        return b == 0xE2 ? 1 : 0;
    }

    /// <summary>Template characters after <c>`</c> or <c>}</c>; true when the template ends, false at <c>${</c>.</summary>
    private bool ScanTemplateChars()
    {
        var s = _s;
        var line = _line;
        var p = _pos;
        while (true)
        {
            var i = p < _len ? s.AsSpan(p, _len - p).IndexOfAny(TemplateStops) : -1;
            if (i < 0)
            {
                throw Error(line, "unterminated template literal");
            }

            p += i;
            switch (s[p])
            {
                case (byte)'`':
                    _pos = p + 1;
                    return true;
                case (byte)'$':
                    if (p + 1 < _len && s[p + 1] == '{')
                    {
                        _pos = p + 2;
                        return false;
                    }

                    p++;
                    break;
                case (byte)'\\':
                    p = SkipEscaped(p + 1, line);
                    break;
                default:
                    p += Newline(p);
                    break;
            }
        }
    }

    private void ScanRegExp(int line)
    {
        var s = _s;
        var p = _pos + 1;
        var inClass = false;
        while (true)
        {
            if (p >= _len)
            {
                throw Error(line, "unterminated regular expression");
            }

            var b = s[p];
            if (b == '\\')
            {
                p++;
                if (p >= _len || s[p] == '\n' || s[p] == '\r' || JsChars.IsLineSeparatorAt(s, p))
                {
                    throw Error(line, "unterminated regular expression");
                }
            }
            else if (b == '\n' || b == '\r' || JsChars.IsLineSeparatorAt(s, p))
            {
                throw Error(line, "unterminated regular expression");
            }
            else if (b == '[')
            {
                inClass = true;
            }
            else if (b == ']')
            {
                inClass = false;
            }
            else if (b == '/' && !inClass)
            {
                p++;
                break;
            }

            p++;
        }

        while (p < _len && (JsChars.IsAsciiIdPart(s[p]) || (s[p] >= 0x80 && JsChars.IsIdPart(JsChars.DecodeAt(s, p, out _)))))
        {
            p += s[p] < 0x80 ? 1 : DecodedLength(p);
        }

        _pos = p;
    }

    private int DecodedLength(int p)
    {
        JsChars.DecodeAt(_s, p, out var n);
        return n;
    }
}
