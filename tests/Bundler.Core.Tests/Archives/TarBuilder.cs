using System.IO.Compression;
using System.Text;

namespace Bundler.Core.Tests.Archives;

/// <summary>
/// Writes tar archives header by header, including forms no well-behaved writer produces (links, devices, lying
/// sizes, bad checksums, chained extended headers). Independent of the code under test: fields are laid out
/// here from the POSIX ustar layout.
/// </summary>
internal sealed class TarBuilder
{
    private readonly MemoryStream _tar = new();

    /// <summary>A header with the given raw name bytes (at most 100), type, size and optional tweaks, then its data.</summary>
    public TarBuilder Entry(byte[] name, byte type, byte[] data, long? declaredSize = null, byte[]? prefix = null,
        string linkName = "", bool gnuMagic = false, Action<byte[]>? tweak = null)
    {
        var header = new byte[512];
        name.CopyTo(header, 0);
        Ascii("0000644\0").CopyTo(header, 100);
        Ascii("0000000\0").CopyTo(header, 108);
        Ascii("0000000\0").CopyTo(header, 116);
        Ascii(Convert.ToString(declaredSize ?? data.Length, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
        Ascii("14000000000\0").CopyTo(header, 136);
        header[156] = type;
        Encoding.UTF8.GetBytes(linkName).CopyTo(header, 157);
        Ascii(gnuMagic ? "ustar  \0" : "ustar\000").CopyTo(header, 257);
        prefix?.CopyTo(header, 345);
        tweak?.Invoke(header);
        WriteChecksum(header);
        _tar.Write(header);
        _tar.Write(data);
        Pad(data.Length);
        return this;
    }

    public TarBuilder File(string name, byte[] data) => Entry(Encoding.UTF8.GetBytes(name), (byte)'0', data);

    public TarBuilder File(string name, string text) => File(name, Encoding.UTF8.GetBytes(text));

    public TarBuilder Folder(string name) => Entry(Encoding.UTF8.GetBytes(name), (byte)'5', []);

    public TarBuilder Typed(string name, char type, string linkName = "") => Entry(Encoding.UTF8.GetBytes(name), (byte)type, [], linkName: linkName);

    /// <summary>A PAX extended ('x') or global ('g') header with the given records.</summary>
    public TarBuilder Pax(char type, params (string Key, string Value)[] records) =>
        PaxRaw(type, records.SelectMany(r => PaxRecord(r.Key, Encoding.UTF8.GetBytes(r.Value))).ToArray());

    public TarBuilder PaxRaw(char type, byte[] content) => Entry(Ascii("PaxHeaders/entry"), (byte)type, content);

    /// <summary>A GNU long-name ('L') record holding <paramref name="name"/> and a terminating NUL.</summary>
    public TarBuilder LongName(byte[] name) => Entry(Ascii("././@LongLink"), (byte)'L', [.. name, 0], gnuMagic: true);

    public TarBuilder Raw(byte[] bytes)
    {
        _tar.Write(bytes);
        return this;
    }

    /// <summary>The end-of-archive marker: two zero blocks.</summary>
    public TarBuilder End() => Raw(new byte[1024]);

    public byte[] Tar() => _tar.ToArray();

    public byte[] TarGz() => Gzip(Tar());

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public static byte[] PaxRecord(string key, byte[] value)
    {
        var body = Encoding.UTF8.GetBytes($" {key}=").Concat(value).Append((byte)'\n').ToArray();
        var length = body.Length + 1;
        while (length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + body.Length != length)
        {
            length++;
        }

        return [.. Ascii(length.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. body];
    }

    public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static void WriteChecksum(byte[] header)
    {
        Array.Fill(header, (byte)' ', 148, 8);
        var sum = header.Sum(b => (long)b);
        Ascii(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
    }

    private void Pad(int length)
    {
        var rest = length % 512;
        if (rest != 0)
        {
            _tar.Write(new byte[512 - rest]);
        }
    }
}
