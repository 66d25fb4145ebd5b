using System.Text;
using Bundler.Core.Diagnostics;

namespace Bundler.Core.Archives;

/// <summary>Strict readers for the fields of a ustar/GNU/PAX header, and for PAX extended header records.</summary>
internal static class TarFields
{
    public const int BlockSize = 512;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The entry name exactly as SharpZipLib builds it: prefix + '/' + name when the magic is POSIX "ustar\0".</summary>
    public static byte[] Name(ReadOnlySpan<byte> header)
    {
        var name = UntilNul(header[..100]);
        var posix = header.Slice(257, 6).SequenceEqual("ustar\0"u8);
        var prefix = posix ? UntilNul(header.Slice(345, 155)) : [];
        return prefix.IsEmpty ? name.ToArray() : [.. prefix, (byte)'/', .. name];
    }

    public static ReadOnlySpan<byte> UntilNul(ReadOnlySpan<byte> field)
    {
        var nul = field.IndexOf((byte)0);
        return nul < 0 ? field : field[..nul];
    }

    /// <summary>An octal number: optional leading spaces, digits, then only spaces or NULs; null when malformed.</summary>
    public static long? Octal(ReadOnlySpan<byte> field)
    {
        var i = 0;
        while (i < field.Length && field[i] == ' ')
        {
            i++;
        }

        long value = 0;
        var digits = 0;
        for (; i < field.Length && field[i] is >= (byte)'0' and <= (byte)'7'; i++, digits++)
        {
            value = (value << 3) + (field[i] - '0');
        }

        for (; i < field.Length; i++)
        {
            if (field[i] is not ((byte)' ' or 0))
            {
                return null;
            }
        }

        return digits == 0 && field[0] != 0 ? null : value;
    }

    /// <summary>The header checksum: all bytes summed unsigned, the checksum field itself counted as spaces.</summary>
    public static long Checksum(ReadOnlySpan<byte> header)
    {
        long sum = 0;
        for (var i = 0; i < header.Length; i++)
        {
            sum += i is >= 148 and < 156 ? ' ' : header[i];
        }

        return sum;
    }

    /// <summary>Decodes a name; IPM5002 when the bytes are not UTF-8.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string package)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            var shown = EntryPath.Display(Encoding.UTF8.GetString(bytes));
            throw new IpmException(Messages.UnsafeEntryPath(package, shown, "it is not valid UTF-8"));
        }
    }

    /// <summary>
    /// Parses PAX records (<c>"%d %s=%s\n"</c>, the length counting the whole record). Any malformed record,
    /// repeated key or undecodable key is IPM5010: readers disagree about such headers, so none is accepted.
    /// </summary>
    public static Dictionary<string, string> PaxRecords(ReadOnlySpan<byte> data, string package, string entry)
    {
        var records = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!data.IsEmpty)
        {
            var space = data.IndexOf((byte)' ');
            if (space is < 1 or > 7 || !int.TryParse(data[..space], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length)
                || length < space + 4 || length > data.Length || data[length - 1] != (byte)'\n')
            {
                throw Bad(package, entry, "malformed PAX record");
            }

            var pair = data[(space + 1)..(length - 1)];
            var eq = pair.IndexOf((byte)'=');
            if (eq < 1)
            {
                throw Bad(package, entry, "malformed PAX record");
            }

            string key;
            try
            {
                key = StrictUtf8.GetString(pair[..eq]);
            }
            catch (DecoderFallbackException)
            {
                throw Bad(package, entry, "PAX key is not valid UTF-8");
            }

            // Values are decoded by the consumer: a path must be strict UTF-8, other values are never used.
            if (!records.TryAdd(key, Encoding.Latin1.GetString(pair[(eq + 1)..])))
            {
                throw Bad(package, entry, $"PAX key '{EntryPath.Display(key)}' appears twice");
            }

            data = data[length..];
        }

        return records;
    }

    /// <summary>A PAX value's original bytes (they were kept one byte per char).</summary>
    public static byte[] RawValue(string value) => Encoding.Latin1.GetBytes(value);

    public static IpmException Bad(string package, string entry, string why) =>
        new(Messages.BadTarHeader(package, entry, why));

    /// <summary>What an entry type that is never extracted is called in messages.</summary>
    public static string KindName(byte type) => type switch
    {
        (byte)'1' => "a hard link",
        (byte)'2' => "a symbolic link",
        (byte)'3' => "a character device",
        (byte)'4' => "a block device",
        (byte)'6' => "a FIFO",
        (byte)'7' => "a contiguous file (type '7')",
        (byte)'K' => "a GNU long link name record",
        (byte)'S' => "a GNU sparse file",
        (byte)'V' => "a volume label",
        >= 0x21 and <= 0x7e => $"an entry of unknown type '{(char)type}'",
        _ => $"an entry of unknown type 0x{type:x2}",
    };
}
