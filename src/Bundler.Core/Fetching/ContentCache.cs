using Bundler.Core.Diagnostics;

namespace Bundler.Core.Fetching;

/// <summary>What <see cref="ContentCache.Verify"/> found.</summary>
/// <param name="Entries">Cache entries examined.</param>
/// <param name="Removed">Entries that did not match their hash (or were not cache entries) and were removed.</param>
/// <param name="ValidBytes">Total size of the entries that verified.</param>
/// <param name="StaleTemporaryFiles">Leftover temporary files of interrupted downloads removed.</param>
public sealed record CacheVerifyResult(int Entries, int Removed, long ValidBytes, int StaleTemporaryFiles);

/// <summary>What <see cref="ContentCache.Clean"/> did.</summary>
/// <param name="Removed">Files deleted: entries, stale temporary files and anything else in the cache.</param>
/// <param name="KeptTemporaryFiles">Temporary files young enough to belong to a download still running.</param>
public sealed record CacheCleanResult(int Removed, int KeptTemporaryFiles);

/// <summary>
/// Content-addressed archive cache: <c>{root}/content-v1/{algorithm}/{hex[0..2]}/{hex[2..4]}/{hex}</c>, the name
/// being the hash of the content. Entries appear only by atomic rename of a verified temporary file in the same
/// folder, and are verified again on every read, so several processes can share one cache without locks.
/// </summary>
public sealed partial class ContentCache
{
    private const string ContentFolder = "content-v1";
    private const string UnverifiedFolder = "tmp";
    private const string TempSuffix = ".tmp";
    private const string PurgeSuffix = ".purge";

    // Temporary files younger than this may belong to a download still running in another process.
    private static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);

    /// <summary>A cache in <paramref name="root"/> (created on first write; see <see cref="DefaultRoot"/>).</summary>
    public ContentCache(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The cache folder, as an absolute path.</summary>
    public string Root { get; }

    /// <summary>
    /// The per-user default: <c>%LocalAppData%\ipm\cache</c> on Windows, else <c>$XDG_CACHE_HOME/ipm</c>, else
    /// <c>~/.cache/ipm</c>.
    /// </summary>
    public static string DefaultRoot
    {
        get
        {
            if (OperatingSystem.IsWindows())
            {
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "ipm", "cache");
            }

            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg))
            {
                return Path.Combine(xdg, "ipm");
            }

            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return string.IsNullOrEmpty(home) ? Path.Combine(Path.GetTempPath(), "ipm-cache") : Path.Combine(home, ".cache", "ipm");
        }
    }

    private string ContentRoot => Path.Combine(Root, ContentFolder);

    /// <summary>
    /// Opens an entry for reading after hashing it from the same handle, so the bytes read are the bytes verified
    /// even if another process replaces or purges the file meanwhile. Throws IPM4010 when it is missing or wrong.
    /// </summary>
    public Stream OpenVerified(string path, string integrity)
    {
        var expected = ExpectedIntegrity.FromSri(integrity) ?? throw new ArgumentException($"'{integrity}' is not a single SRI hash", nameof(integrity));
        FileStream stream;
        try
        {
            stream = OpenRead(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IpmException(Messages.CacheEntryChanged(path, "missing"), ex);
        }

        try
        {
            using var hash = expected.CreateHash();
            var buffer = new byte[81920];
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, n);
            }

            if (!expected.Matches(hash.GetHashAndReset()))
            {
                throw new IpmException(Messages.CacheEntryChanged(path, "hash differs"));
            }

            stream.Position = 0;
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Finds a verified entry for any digest of <paramref name="expected"/>; a corrupt one is purged (IPM4008).</summary>
    internal CacheHit? TryGet(ExpectedIntegrity expected, string package, IBundleLog log)
    {
        foreach (var digest in expected.Digests)
        {
            var path = PathFor(expected.Algorithm, ExpectedIntegrity.Hex(digest));
            if (HashFile(path, expected.Algorithm) is not { } found)
            {
                continue;
            }

            if (found.Digest.AsSpan().SequenceEqual(digest))
            {
                return new CacheHit(path, ExpectedIntegrity.Sri(expected.Algorithm, digest), found.Size);
            }

            log.Report(Messages.CacheEntryCorrupt(package, path));
            Purge(path, expected.Algorithm, digest);
        }

        return null;
    }

    internal string PathFor(string algorithm, string hex) =>
        Path.Combine(ContentRoot, algorithm, hex[..2], hex[2..4], hex);

    /// <summary>
    /// A fresh temporary file name in the folder its entry will live in (same file system, so the final rename is
    /// atomic), or in the cache's own temporary folder when the hash is not known before downloading.
    /// </summary>
    internal string NewTempPath(ExpectedIntegrity? expected)
    {
        var folder = expected is null
            ? Path.Combine(ContentRoot, UnverifiedFolder)
            : Path.GetDirectoryName(PathFor(expected.Algorithm, expected.Key))!;
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{Guid.NewGuid():N}{TempSuffix}");
    }

    /// <summary>
    /// Moves a verified temporary file into place. If another process (or thread) got there first, its copy is
    /// kept when it verifies and replaced when it does not; either way the entry is whole when this returns.
    /// </summary>
    internal string Commit(string tempPath, string algorithm, byte[] digest)
    {
        var final = PathFor(algorithm, ExpectedIntegrity.Hex(digest));
        for (var attempt = 1; ; attempt++)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            try
            {
                File.Move(tempPath, final, overwrite: false);
                return final;
            }
            catch (DirectoryNotFoundException) when (attempt < 3 && File.Exists(tempPath))
            {
                // `ipm cache clean` removed the empty folder between creating and using it; create it again.
            }
            catch (IOException) when (File.Exists(final))
            {
                if (HashFile(final, algorithm) is not { } existing || !existing.Digest.AsSpan().SequenceEqual(digest))
                {
                    File.Move(tempPath, final, overwrite: true);
                }

                return final;
            }
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.SequentialScan);

    /// <summary>The file's hash and size, or null when there is no such file.</summary>
    private static (byte[] Digest, long Size)? HashFile(string path, string algorithm)
    {
        try
        {
            using var stream = OpenRead(path);
            using var hash = ExpectedIntegrity.CreateHash(algorithm);
            var buffer = new byte[81920];
            long size = 0;
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                size += n;
            }

            return (hash.GetHashAndReset(), size);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Removes a corrupt entry. It is first renamed aside and hashed again: if another process stored a good copy
    /// between our read and the rename, that copy is put back rather than deleted.
    /// </summary>
    private static void Purge(string path, string algorithm, byte[] digest)
    {
        var aside = $"{path}.{Guid.NewGuid():N}{PurgeSuffix}";
        try
        {
            File.Move(path, aside);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return; // Someone else purged it already.
        }

        try
        {
            if (HashFile(aside, algorithm) is { } moved && moved.Digest.AsSpan().SequenceEqual(digest))
            {
                File.Move(aside, path, overwrite: false);
            }
        }
        catch (IOException)
        {
            // A good copy is back in place already; ours is dropped below.
        }
        finally
        {
            TryDelete(aside);
        }
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for ContentCache.Verify to sweep once it is stale.
        }
    }
}

/// <summary>A verified cache entry.</summary>
internal sealed record CacheHit(string Path, string Integrity, long Size);
