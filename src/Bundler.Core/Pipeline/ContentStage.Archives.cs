using Bundler.Core.Archives;
using Bundler.Core.Diagnostics;
using Bundler.Core.Fetching;
using Bundler.Core.Resolution;

namespace Bundler.Core.Pipeline;

/// <summary>Extraction of one archive into memory, or into a staging folder when the memory left is not enough.</summary>
internal static partial class ContentStage
{
    /// <summary>
    /// Extracts into memory when the archive's unpacked bytes fit in <paramref name="memoryLeft"/>; null when they
    /// do not (nothing of it is kept then, and the caller extracts it to disk, reading it from the start).
    /// </summary>
    private static ExtractedFiles? ExtractToMemory(BundleRequest request, ResolvedPackage p, ArchiveInput archive, long memoryLeft, CancellationToken cancellationToken)
    {
        if (memoryLeft <= 0)
        {
            return null;
        }

        try
        {
            if (archive.Bytes is null)
            {
                // Re-verified while read: a cache entry changed since it was fetched is caught here (IPM4010).
                var fetched = archive.Archive.Fetched!;
                return PackageExtractor.ExtractFetchedToMemory(archive.Archive.Cache!, fetched, request.ExtractionLimits, cancellationToken, memoryLeft);
            }

            ExtractedFiles files;
            using (var stream = new MemoryStream(archive.Bytes, writable: false))
            {
                files = PackageExtractor.ExtractToMemory(stream, archive.Format, archive.Label, request.ExtractionLimits, cancellationToken, memoryLeft);
            }

            ManifestCheck.Verify(files.Files, p.PackageName, p.Version, archive.Label);
            return files;
        }
        catch (MemoryLimitExceededException)
        {
            return null;
        }
    }

    private static void ExtractToFolder(BundleRequest request, ResolvedPackage p, ArchiveInput archive, string folder, CancellationToken cancellationToken)
    {
        if (archive.Bytes is null)
        {
            // Opened and hashed again: the bytes extracted are the bytes verified, on this path too.
            PackageExtractor.ExtractFetched(archive.Archive.Cache!, archive.Archive.Fetched!, folder, request.ExtractionLimits, cancellationToken);
            return;
        }

        using (var stream = new MemoryStream(archive.Bytes, writable: false))
        {
            PackageExtractor.Extract(stream, archive.Format, folder, archive.Label, request.ExtractionLimits, cancellationToken);
        }

        ManifestCheck.Verify(folder, p.PackageName, p.Version, archive.Label);
    }

    /// <summary>
    /// A cache entry is hashed again whenever it is opened. A folder-registry archive is read into memory once and
    /// hashed there: the file may change after FetchStage verified it, and only a buffer checked after the read
    /// guarantees that the bytes extracted are the bytes verified.
    /// </summary>
    private static ArchiveInput OpenArchive(BundleRequest request, ResolvedTree tree, ResolvedPackage p, FetchedArchive archive)
    {
        var label = $"{p.PackageName}@{p.Version}";
        var format = p.IsZip ? ArchiveFormat.Zip : ArchiveFormat.TarGz;
        if (archive.Fetched is not null)
        {
            return new ArchiveInput(archive, null, archive.Fetched.Request.Label, format);
        }

        var bytes = ReadArchive(archive.Path, label);
        if (ExpectedIntegrity.Parse(p.Integrity, p.Shasum, label) is { } expected)
        {
            using var hash = expected.CreateHash();
            hash.AppendData(bytes);
            var actual = hash.GetHashAndReset();
            if (!expected.Matches(actual))
            {
                // Rare (the file changed since the fetch stage verified it), so the chain is worked out only here.
                var requirement = TreeQueries.FirstRequirements(tree, request.RootName).TryGetValue(p.Path, out var r) ? Messages.Requirement(r.Range, r.Chain) : string.Empty;
                throw new IpmException(Messages.IntegrityMismatch(label, requirement, archive.Path, expected.Describe(), ExpectedIntegrity.Sri(expected.Algorithm, actual)));
            }
        }

        return new ArchiveInput(archive, bytes, label, format);
    }

    private static byte[] ReadArchive(string path, string label)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            // The limit a download meets; it also keeps the buffer an array can hold.
            var max = new FetchOptions().MaxArchiveBytes;
            if (stream.Length > max)
            {
                throw new IpmException(Messages.TarballTooLarge(label, path, max));
            }

            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IpmException(Messages.CorruptArchive(label, $"cannot read '{path}': {ex.Message}"), ex);
        }
    }

    /// <summary>An archive to extract: a cache entry (<see cref="Bytes"/> null) or a folder-registry archive's verified bytes.</summary>
    private sealed record ArchiveInput(FetchedArchive Archive, byte[]? Bytes, string Label, ArchiveFormat Format);
}
