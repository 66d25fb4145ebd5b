using Bundler.Core.Diagnostics;
using Bundler.Core.Fetching;
using ICSharpCode.SharpZipLib;

namespace Bundler.Core.Archives;

/// <summary>The two archive formats registries serve.</summary>
internal enum ArchiveFormat
{
    /// <summary>A gzipped tar, the npm tarball.</summary>
    TarGz,

    /// <summary>A zip (<c>dist.zip</c> of "JS Registry" style registries).</summary>
    Zip,
}

/// <summary>A package extracted into <see cref="Directory"/>.</summary>
internal sealed record ExtractedPackage(string Directory, int Files, long Bytes);

/// <summary>A package extracted into memory: its files by package-relative path with '/', ordinally sorted.</summary>
internal sealed record ExtractedFiles(IReadOnlyDictionary<string, byte[]> Files, long Bytes);

/// <summary>
/// Extracts a package archive, stripping its top folder, into a temporary folder beside the destination and
/// renames that into place. On any error the temporary folder is deleted and the destination is left as it was.
/// </summary>
internal static class PackageExtractor
{
    public static ExtractedPackage Extract(string archivePath, ArchiveFormat format, string destinationDirectory, string packageLabel,
        ExtractionLimits limits, CancellationToken cancellationToken = default)
    {
        FileStream archive;
        try
        {
            archive = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IpmException(Messages.CorruptArchive(packageLabel, $"cannot open '{archivePath}': {ex.Message}"), ex);
        }

        using (archive)
        {
            return Extract(archive, format, destinationDirectory, packageLabel, limits, cancellationToken);
        }
    }

    /// <summary>
    /// Extracts a fetched archive straight from the cache: the bytes read are hashed from the same handle first
    /// (IPM4010 if the entry changed since it was fetched), the format comes from the request, and the extracted
    /// package.json must name the requested package and version.
    /// </summary>
    public static ExtractedPackage ExtractFetched(ContentCache cache, FetchedTarball fetched, string destinationDirectory,
        ExtractionLimits limits, CancellationToken cancellationToken = default)
    {
        var request = fetched.Request;
        ExtractedPackage extracted;
        using (var archive = cache.OpenVerified(fetched.CachePath, fetched.Integrity))
        {
            var format = request.IsZip ? ArchiveFormat.Zip : ArchiveFormat.TarGz;
            extracted = Extract(archive, format, destinationDirectory, request.Label, limits, cancellationToken);
        }

        ManifestCheck.Verify(extracted.Directory, request.Name, request.Version, request.Label);
        return extracted;
    }

    /// <summary>Extracts from a seekable stream (it is read twice: once to check, once to extract).</summary>
    public static ExtractedPackage Extract(Stream archive, ArchiveFormat format, string destinationDirectory, string packageLabel,
        ExtractionLimits limits, CancellationToken cancellationToken = default)
    {
        if (!archive.CanSeek)
        {
            throw new ArgumentException("the archive stream must be seekable", nameof(archive));
        }

        var destination = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destinationDirectory));
        var parent = Path.GetDirectoryName(destination) ?? throw new ArgumentException("cannot extract into a file system root", nameof(destinationDirectory));
        var name = Path.GetFileName(destination);
        string? temp = null;
        try
        {
            Directory.CreateDirectory(parent);
            temp = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.extracting");
            Directory.CreateDirectory(temp);
            var writer = new EntryWriter(temp, packageLabel, limits);
            if (format == ArchiveFormat.Zip)
            {
                ZipExtractor.Extract(archive, writer, packageLabel, limits, cancellationToken);
            }
            else
            {
                TarGzExtractor.Extract(archive, writer, packageLabel, limits, cancellationToken);
            }

            MoveIntoPlace(temp, destination, parent, name);
            temp = null;
            return new ExtractedPackage(destination, writer.Files, writer.Bytes);
        }
        catch (Exception ex) when (Translate(ex, packageLabel, destination) is { } translated)
        {
            throw translated;
        }
        finally
        {
            if (temp is not null)
            {
                TryDeleteDirectory(temp);
            }
        }
    }

    /// <summary>
    /// <see cref="ExtractFetched"/> into memory: the same checks and limits, the same codes, and no file written.
    /// </summary>
    public static ExtractedFiles ExtractFetchedToMemory(ContentCache cache, FetchedTarball fetched, ExtractionLimits limits,
        CancellationToken cancellationToken = default, long memoryLimit = long.MaxValue)
    {
        var request = fetched.Request;
        ExtractedFiles extracted;
        using (var archive = cache.OpenVerified(fetched.CachePath, fetched.Integrity))
        {
            extracted = ExtractToMemory(archive, request.IsZip ? ArchiveFormat.Zip : ArchiveFormat.TarGz, request.Label, limits, cancellationToken, memoryLimit);
        }

        ManifestCheck.Verify(extracted.Files, request.Name, request.Version, request.Label);
        return extracted;
    }

    /// <summary>
    /// Extracts a seekable archive into memory with every check <see cref="Extract(Stream, ArchiveFormat, string, string, ExtractionLimits, CancellationToken)"/>
    /// makes; past <paramref name="memoryLimit"/> unpacked bytes it throws <see cref="MemoryLimitExceededException"/>.
    /// </summary>
    public static ExtractedFiles ExtractToMemory(Stream archive, ArchiveFormat format, string packageLabel, ExtractionLimits limits,
        CancellationToken cancellationToken = default, long memoryLimit = long.MaxValue)
    {
        if (!archive.CanSeek)
        {
            throw new ArgumentException("the archive stream must be seekable", nameof(archive));
        }

        try
        {
            var writer = EntryWriter.InMemory(packageLabel, limits, memoryLimit);
            if (format == ArchiveFormat.Zip)
            {
                ZipExtractor.Extract(archive, writer, packageLabel, limits, cancellationToken);
            }
            else
            {
                TarGzExtractor.Extract(archive, writer, packageLabel, limits, cancellationToken);
            }

            return new ExtractedFiles(writer.MemoryFiles, writer.Bytes);
        }
        catch (Exception ex) when (Translate(ex, packageLabel, "(memory)") is { } translated)
        {
            throw translated;
        }
    }

    // What a library or the file system throws, as the archive diagnostic it stands for; null for anything else.
    private static IpmException? Translate(Exception ex, string packageLabel, string destination) => ex switch
    {
        SharpZipBaseException or EndOfStreamException or InvalidDataException or FormatException =>
            new IpmException(Messages.CorruptArchive(packageLabel, ex.Message), ex),
        System.Text.DecoderFallbackException =>
            new IpmException(Messages.UnsafeEntryPath(packageLabel, "(undecodable name)", "it is not valid UTF-8"), ex),
        IOException or UnauthorizedAccessException =>
            new IpmException(Messages.ExtractionFailed(packageLabel, destination, ex.Message), ex),

        // SharpZipLib meets some malformed archives with these rather than its own exceptions.
        ArgumentException or IndexOutOfRangeException or OverflowException or NotSupportedException =>
            new IpmException(Messages.CorruptArchive(packageLabel, $"{ex.GetType().Name}: {ex.Message}"), ex),
        _ => null,
    };

    /// <summary>
    /// Renames the finished folder into place. An existing destination (an earlier or concurrent extraction) is
    /// moved aside first and restored if the rename fails, so the destination is never left half-replaced.
    /// </summary>
    private static void MoveIntoPlace(string temp, string destination, string parent, string name)
    {
        if (!Directory.Exists(destination))
        {
            try
            {
                Directory.Move(temp, destination);
                return;
            }
            catch (IOException) when (Directory.Exists(destination))
            {
                // Another extraction finished first; replace its result below.
            }
        }

        var old = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.old");
        Directory.Move(destination, old);
        try
        {
            Directory.Move(temp, destination);
        }
        catch
        {
            Directory.Move(old, destination);
            throw;
        }

        TryDeleteDirectory(old);
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the name is unique and starts with '.', so it is never mistaken for output.
        }
    }
}
