namespace Bundler.Core.Tests.Generation;

/// <summary>
/// An independent reading of C string literals, written from C99 6.4.4.4 and 6.4.5 (escapes end at the
/// closing quote; octal escapes take at most three digits, hex escapes every hex digit; adjacent literals
/// concatenate after escapes are processed). The tests use it to decode what the encoder wrote; gcc is the
/// second, real oracle in the integration tests.
/// </summary>
internal static class CLiteralReader
{
    public static byte[] Decode(string source)
    {
        var bytes = new List<byte>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c is ' ' or '\n' or '\t')
            {
                i++;
                continue;
            }

            if (c != '"')
            {
                throw new FormatException($"expected '\"' at {i}, found '{c}'");
            }

            i++;
            while (source[i] != '"')
            {
                var ch = source[i];
                if (ch != '\\')
                {
                    if (ch is < ' ' or > '~')
                    {
                        throw new FormatException($"raw character U+{(int)ch:X4} inside a literal at {i}");
                    }

                    bytes.Add((byte)ch);
                    i++;
                    continue;
                }

                i++;
                var e = source[i];
                if (e is >= '0' and <= '7')
                {
                    var value = 0;
                    var digits = 0;
                    while (digits < 3 && source[i] is >= '0' and <= '7')
                    {
                        value = (value * 8) + (source[i] - '0');
                        i++;
                        digits++;
                    }

                    bytes.Add(checked((byte)value));
                    continue;
                }

                if (e == 'x')
                {
                    i++;
                    var value = 0;
                    while (Uri.IsHexDigit(source[i]))
                    {
                        value = checked((value * 16) + Convert.ToInt32(source[i].ToString(), 16));
                        i++;
                    }

                    bytes.Add(checked((byte)value));
                    continue;
                }

                bytes.Add(e switch
                {
                    'n' => 10,
                    't' => 9,
                    'r' => 13,
                    'a' => 7,
                    'b' => 8,
                    'f' => 12,
                    'v' => 11,
                    '\\' or '"' or '?' or '\'' => (byte)e,
                    _ => throw new FormatException($"unknown escape '\\{e}' at {i}"),
                });
                i++;
            }

            i++;
        }

        return bytes.ToArray();
    }
}
