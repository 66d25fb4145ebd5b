using System.Text;
using ICSharpCode.SharpZipLib.Zip;

namespace Bundler.Core.Tests.Archives;

/// <summary>Builds zips with SharpZipLib's writer, name transformation off, so hostile names are kept verbatim.</summary>
internal sealed class ZipBuilder
{
    private readonly List<(ZipEntry Entry, byte[] Data)> _entries = [];

    public ZipBuilder File(string name, byte[] data, Action<ZipEntry>? tweak = null)
    {
        var entry = new ZipEntry(name) { DateTime = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), IsUnicodeText = true };
        tweak?.Invoke(entry);
        _entries.Add((entry, data));
        return this;
    }

    public ZipBuilder File(string name, string text) => File(name, Encoding.UTF8.GetBytes(text));

    public ZipBuilder Folder(string name) => File(name, []);

    /// <summary>An entry whose Unix mode (in the central directory's external attributes) has the given type bits.</summary>
    public ZipBuilder UnixTyped(string name, int typeBits, byte[] data) => File(name, data, e =>
    {
        e.HostSystem = 3;
        e.ExternalFileAttributes = (typeBits | 0x1FF) << 16;
    });

    public byte[] Build(string? password = null)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipOutputStream(output) { IsStreamOwner = false, NameTransform = null, Password = password })
        {
            foreach (var (entry, data) in _entries)
            {
                zip.PutNextEntry(entry);
                zip.Write(data);
                zip.CloseEntry();
            }
        }

        return output.ToArray();
    }

    /// <summary>Replaces the first occurrence of <paramref name="from"/> (the local header's copy of a name).</summary>
    public static byte[] ReplaceFirst(byte[] zip, string from, byte[] to)
    {
        var needle = Encoding.UTF8.GetBytes(from);
        var at = zip.AsSpan().IndexOf(needle);
        Assert.True(at >= 0 && to.Length == needle.Length);
        var copy = zip.ToArray();
        to.CopyTo(copy, at);
        return copy;
    }

    /// <summary>Replaces every occurrence (local header and central directory alike).</summary>
    public static byte[] ReplaceAll(byte[] zip, string from, byte[] to)
    {
        var copy = zip.ToArray();
        var needle = Encoding.UTF8.GetBytes(from);
        for (var at = copy.AsSpan().IndexOf(needle); at >= 0; at = copy.AsSpan().IndexOf(needle))
        {
            to.CopyTo(copy, at);
        }

        return copy;
    }
}
