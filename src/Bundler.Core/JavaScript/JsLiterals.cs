using System.Text;

namespace Bundler.Core.JavaScript;

/// <summary>String values of literals (the "cooked" value), for the require() scanner.</summary>
internal static class JsLiterals
{
    /// <summary>
    /// The value of a string literal or a template without substitutions, given its source bytes with the quotes:
    /// escapes resolved (<c>\n</c>, <c>\x41</c>, <c>\u0041</c>, <c>\u{41}</c>, legacy octal, line continuations),
    /// and, in templates, CR LF and CR read as LF. Null when an escape is malformed.
    /// </summary>
    public static string? Cook(ReadOnlySpan<byte> literal)
    {
        try
        {
            return CookUnchecked(literal);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static string CookUnchecked(ReadOnlySpan<byte> literal)
    {
        var isTemplate = literal[0] == '`';
        var s = literal[1..^1];
        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            var run = s[i..].IndexOfAny((byte)'\\', (byte)'\r');
            if (run != 0)
            {
                var end = run < 0 ? s.Length : i + run;
                sb.Append(Encoding.UTF8.GetString(s[i..end]));
                i = end;
                continue;
            }

            if (s[i] == '\r')
            {
                // Only reached in templates: a string literal cannot hold a raw CR.
                sb.Append(isTemplate ? '\n' : '\r');
                i += i + 1 < s.Length && s[i + 1] == '\n' && isTemplate ? 2 : 1;
                continue;
            }

            i = Escape(s, i + 1, sb);
        }

        return sb.ToString();
    }

    /// <summary>Appends the escape starting after the backslash at <paramref name="i"/>; returns where it ends.</summary>
    private static int Escape(ReadOnlySpan<byte> s, int i, StringBuilder sb)
    {
        var c = s[i];
        switch (c)
        {
            case (byte)'n': sb.Append('\n'); return i + 1;
            case (byte)'t': sb.Append('\t'); return i + 1;
            case (byte)'r': sb.Append('\r'); return i + 1;
            case (byte)'b': sb.Append('\b'); return i + 1;
            case (byte)'f': sb.Append('\f'); return i + 1;
            case (byte)'v': sb.Append('\v'); return i + 1;
            case (byte)'\n': return i + 1;
            case (byte)'\r': return i + 1 < s.Length && s[i + 1] == '\n' ? i + 2 : i + 1;
            case (byte)'x':
                sb.Append((char)((Hex(s[i + 1]) * 16) + Hex(s[i + 2])));
                return i + 3;
            case (byte)'u':
                var value = 0;
                int end;
                if (s[i + 1] == '{')
                {
                    end = s[i..].IndexOf((byte)'}') + i;
                    foreach (var h in s[(i + 2)..end])
                    {
                        value = (value * 16) + Hex(h);
                    }

                    end++;
                }
                else
                {
                    for (var k = 1; k <= 4; k++)
                    {
                        value = (value * 16) + Hex(s[i + k]);
                    }

                    end = i + 5;
                }

                if (value > 0xFFFF)
                {
                    sb.Append(char.ConvertFromUtf32(value));
                }
                else
                {
                    sb.Append((char)value);
                }

                return end;
        }

        if (c >= '0' && c <= '7')
        {
            // \0 and legacy octal escapes: up to three digits, value at most 0o377.
            var value = c - '0';
            var k = i + 1;
            var max = c <= '3' ? 3 : 2;
            while (k < s.Length && k - i < max && s[k] >= '0' && s[k] <= '7')
            {
                value = (value * 8) + (s[k++] - '0');
            }

            sb.Append((char)value);
            return k;
        }

        if (JsChars.IsLineSeparatorAt(s, i))
        {
            return i + 3;
        }

        // Identity escape; a non-ASCII character after the backslash is copied whole.
        var cp = JsChars.DecodeAt(s, i, out var n);
        sb.Append(cp < 0 ? "\uFFFD" : char.ConvertFromUtf32(cp));
        return i + n;
    }

    private static int Hex(byte b) =>
        JsChars.IsHexDigit(b) ? (b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10) : throw new FormatException("not a hex digit");
}
