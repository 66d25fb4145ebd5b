using System.Text;

namespace Bundler.Core.JavaScript;

/// <summary>String values of literals (the "cooked" value), for the require() scanner.</summary>
internal static class JsLiterals
{
    /// <summary>
    /// The value of a string literal or a template without substitutions, given its source bytes with the quotes:
    /// escapes resolved (<c>\n</c>, <c>\x41</c>, <c>\u0041</c>, <c>\u{41}</c>, legacy octal, line continuations),
    /// and, in templates, CR LF and CR read as LF. Null when an escape is malformed (the lexer does not check them).
    /// </summary>
    public static string? Cook(ReadOnlySpan<byte> literal)
    {
        if (literal.Length < 2)
        {
            return null;
        }

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

            i = i + 1 < s.Length ? Escape(s, i + 1, sb) : -1;
            if (i < 0)
            {
                return null;
            }
        }

        return sb.ToString();
    }

    /// <summary>Appends the escape starting after the backslash at <paramref name="i"/>; returns where it ends, or -1.</summary>
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
                return Hex(s, i + 1, 2, out var x) ? Append(sb, x, i + 3) : -1;
            case (byte)'u' when i + 1 < s.Length && s[i + 1] == '{':
                var close = s[i..].IndexOf((byte)'}');
                return close > 2 && Hex(s, i + 2, close - 2, out var cp) && cp <= 0x10FFFF ? Append(sb, cp, i + close + 1) : -1;
            case (byte)'u':
                return Hex(s, i + 1, 4, out var u) ? Append(sb, u, i + 5) : -1;
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

            return Append(sb, value, k);
        }

        if (JsChars.IsLineSeparatorAt(s, i))
        {
            return i + 3;
        }

        // Identity escape; a non-ASCII character after the backslash is copied whole.
        var identity = JsChars.DecodeAt(s, i, out var n);
        return identity < 0 ? -1 : Append(sb, identity, i + n);
    }

    private static int Append(StringBuilder sb, int codePoint, int next)
    {
        if (codePoint > 0xFFFF)
        {
            sb.Append(char.ConvertFromUtf32(codePoint));
        }
        else
        {
            // Lone surrogates written as \uD800 stay as they are, like in the language.
            sb.Append((char)codePoint);
        }

        return next;
    }

    private static bool Hex(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        if (count < 1 || start + count > s.Length)
        {
            return false;
        }

        foreach (var b in s.Slice(start, count))
        {
            if (!JsChars.IsHexDigit(b) || value > 0x10FFFF)
            {
                return false;
            }

            value = (value * 16) + (b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10);
        }

        return true;
    }
}
