using System.Text;
using Bundler.Core.Diagnostics;
using ICSharpCode.SharpZipLib.GZip;
using ICSharpCode.SharpZipLib.Tar;

namespace Bundler.Core.Archives;

/// <summary>
/// Two passes over a .tgz: first the strict scan (gzip framing, ratio, every tar header, every name) with nothing
/// written; then SharpZipLib's GZipInputStream and TarInputStream extract, held entry by entry to what the scan saw.
/// </summary>
internal static class TarGzExtractor
{
    public static void Extract(Stream archive, EntryWriter writer, string package, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        var start = archive.Position;
        var scanner = new TarScanner(package, limits);
        new GzipScanner(archive, package, limits).Scan(scanner, cancellationToken);
        scanner.Complete();
        var scanned = scanner.Entries;

        archive.Position = start;
        using var gzip = new GZipInputStream(archive) { IsStreamOwner = false };
        using var tar = new TarInputStream(gzip, Encoding.UTF8) { IsStreamOwner = false };
        var index = 0;
        while (tar.GetNextEntry() is { } entry)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (index >= scanned.Count)
            {
                throw Disagree(package, index, EntryPath.Display(entry.Name));
            }

            var expected = scanned[index++];
            if (!string.Equals(entry.Name, expected.Name, StringComparison.Ordinal) || entry.Size != expected.Size
                || entry.IsDirectory != expected.IsDirectory)
            {
                throw Disagree(package, index - 1, EntryPath.Display(expected.Name));
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

            var copied = writer.WriteFile(expected.Relative, tar, null, cancellationToken);
            if (copied != expected.Size)
            {
                throw new IpmException(Messages.CorruptArchive(package, $"entry '{EntryPath.Display(expected.Name)}' has {copied} bytes, its header says {expected.Size}"));
            }
        }

        if (index != scanned.Count)
        {
            throw Disagree(package, index, EntryPath.Display(scanned[index].Name));
        }
    }

    private static IpmException Disagree(string package, int index, string name) =>
        new(Messages.CorruptArchive(package, $"tar readers disagree about entry {index + 1} ('{name}')"));
}
