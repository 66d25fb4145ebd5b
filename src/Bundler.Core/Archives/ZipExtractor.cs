using System.Collections;
using System.Text;
using Bundler.Core.Diagnostics;
using ICSharpCode.SharpZipLib.Zip;

namespace Bundler.Core.Archives;

/// <summary>
/// Two passes over a .zip: the central directory (ZipFile) is checked first with nothing written, since only it
/// records symbolic links and devices; then ZipInputStream extracts from the local headers, each of which must
/// match the central directory entry in the same place.
/// </summary>
internal static class ZipExtractor
{
    private const int UnixHost = 3;

    public static void Extract(Stream archive, EntryWriter writer, string package, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        var start = archive.Position;
        // Every name is decoded as strict UTF-8, whatever the entry's language flag says: no code page guessing.
        var codec = StringCodec.FromEncoding(new UTF8Encoding(false, throwOnInvalidBytes: true)).WithForcedLegacyEncoding();
        var central = ScanCentralDirectory(archive, codec, package, limits);

        archive.Position = start;
        var counting = new CountingStream(archive);
        using var zip = new ZipInputStream(counting, codec) { IsStreamOwner = false };
        var index = 0;
        while (zip.GetNextEntry() is { } entry)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (index >= central.Count || !string.Equals(entry.Name, central[index].Name, StringComparison.Ordinal))
            {
                throw Corrupt(package, $"local header {index + 1} ('{EntryPath.Display(entry.Name)}') does not match the central directory");
            }

            var expected = central[index++];
            if (entry.IsCrypted)
            {
                throw Corrupt(package, $"entry '{EntryPath.Display(entry.Name)}' is encrypted");
            }

            if (expected.Relative is null)
            {
                continue;
            }

            if (expected.IsDirectory)
            {
                writer.CreateDirectory(expected.Relative);
                continue;
            }

            var copied = writer.WriteFile(expected.Relative, zip, total => CheckRatio(total, counting.Position - start, package, limits), cancellationToken);
            if (copied != expected.Size)
            {
                throw Corrupt(package, $"entry '{EntryPath.Display(expected.Name)}' has {copied} bytes, the central directory says {expected.Size}");
            }
        }

        if (index != central.Count)
        {
            throw Corrupt(package, $"the central directory lists '{EntryPath.Display(central[index].Name)}', which has no local header");
        }
    }

    private static List<ScannedEntry> ScanCentralDirectory(Stream archive, StringCodec codec, string package, ExtractionLimits limits)
    {
        using var file = new ZipFile(archive, leaveOpen: true, codec);
        if (file.Count > limits.MaxEntries)
        {
            throw new IpmException(Messages.TooManyEntries(package, limits.MaxEntries));
        }

        var set = new EntrySet(package);
        var entries = new List<ScannedEntry>();
        long declared = 0;
        foreach (var entry in ((IEnumerable)file).Cast<ZipEntry>())
        {
            var shown = EntryPath.Display(entry.Name);
            if (entry.IsCrypted)
            {
                throw Corrupt(package, $"entry '{shown}' is encrypted");
            }

            if (entry.CompressionMethod is not (CompressionMethod.Stored or CompressionMethod.Deflated))
            {
                throw Corrupt(package, $"entry '{shown}' uses compression method {(int)entry.CompressionMethod}");
            }

            if (UnixKind(entry) is { } kind)
            {
                throw new IpmException(Messages.UnsupportedEntryType(package, shown, kind));
            }

            var isDirectory = entry.Name.EndsWith('/');
            if (isDirectory && entry.Size != 0)
            {
                throw Corrupt(package, $"folder entry '{shown}' carries {entry.Size} bytes of data");
            }

            if (entry.Size < 0 || entry.Size > limits.MaxUnpackedBytes - declared)
            {
                throw new IpmException(Messages.ArchiveTooLarge(package, limits.MaxUnpackedBytes));
            }

            declared += entry.Size;
            if (entry.Size > limits.RatioGraceBytes)
            {
                CheckRatio(entry.Size, entry.CompressedSize, package, limits);
            }

            var relative = EntryPath.Validate(entry.Name, package, limits);
            if (relative is not null)
            {
                set.Add(relative, isDirectory, entry.Name);
            }

            entries.Add(new ScannedEntry(entry.Name, isDirectory, entry.Size, relative));
        }

        return entries;
    }

    /// <summary>The file type recorded in a Unix-made entry's mode bits, when it is neither file nor folder.</summary>
    private static string? UnixKind(ZipEntry entry)
    {
        if (entry.HostSystem != UnixHost)
        {
            return null;
        }

        return ((entry.ExternalFileAttributes >> 16) & 0xF000) switch
        {
            0 or 0x8000 or 0x4000 => null,
            0xA000 => "a symbolic link",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0x1000 => "a FIFO",
            0xC000 => "a socket",
            var other => $"an entry of unknown Unix type 0x{other:x4}",
        };
    }

    private static void CheckRatio(long unpacked, long compressed, string package, ExtractionLimits limits)
    {
        if (unpacked > limits.RatioGraceBytes && unpacked > limits.MaxCompressionRatio * Math.Max(1, compressed))
        {
            throw new IpmException(Messages.CompressionRatioTooHigh(package, unpacked, compressed, limits.MaxCompressionRatio));
        }
    }

    private static IpmException Corrupt(string package, string why) => new(Messages.CorruptArchive(package, why));
}
