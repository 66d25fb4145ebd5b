namespace Bundler.Core.Fetching;

// `ipm cache verify` and `ipm cache clean`. Both are safe while builds use the same cache: a build that loses an
// entry fetches it again, and temporary files of running downloads are left alone.
public sealed partial class ContentCache
{
    /// <summary>Hashes every entry, removes those that do not match their name, and sweeps stale temporary files.</summary>
    public CacheVerifyResult Verify()
    {
        if (!Directory.Exists(ContentRoot))
        {
            return new CacheVerifyResult(0, 0, 0, 0);
        }

        int entries = 0, removed = 0, stale = 0;
        long bytes = 0;
        var now = DateTime.UtcNow;
        foreach (var file in Directory.EnumerateFiles(ContentRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList())
        {
            var name = Path.GetFileName(file);
            if (IsTemporary(name))
            {
                if (now - File.GetLastWriteTimeUtc(file) > StaleAfter)
                {
                    TryDelete(file);
                    stale++;
                }

                continue;
            }

            entries++;
            var algorithm = EntryAlgorithm(file);
            var expected = algorithm is null ? null : Convert.FromHexString(name);
            if (expected is not null && HashFile(file, algorithm!) is { } found && found.Digest.AsSpan().SequenceEqual(expected))
            {
                bytes += found.Size;
            }
            else if (expected is not null)
            {
                Purge(file, algorithm!, expected);
                removed++;
            }
            else
            {
                TryDelete(file);
                removed++;
            }
        }

        return new CacheVerifyResult(entries, removed, bytes, stale);
    }

    /// <summary>
    /// Deletes every cached archive and every stale temporary file, then the folders left empty. Temporary files
    /// younger than a day may belong to a download running in another process and are kept.
    /// </summary>
    public CacheCleanResult Clean()
    {
        if (!Directory.Exists(ContentRoot))
        {
            return new CacheCleanResult(0, 0);
        }

        int removed = 0, kept = 0;
        var now = DateTime.UtcNow;
        foreach (var file in Directory.EnumerateFiles(ContentRoot, "*", SearchOption.AllDirectories).ToList())
        {
            if (IsTemporary(file) && now - File.GetLastWriteTimeUtc(file) <= StaleAfter)
            {
                kept++;
                continue;
            }

            TryDelete(file);
            removed++;
        }

        // Deepest first, so a folder emptied by removing its children goes too. A download that re-creates a
        // folder meanwhile is fine: the fetcher creates the folders it needs again before each write.
        foreach (var dir in Directory.EnumerateDirectories(ContentRoot, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).Append(ContentRoot).ToList())
        {
            try
            {
                Directory.Delete(dir, recursive: false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not empty (a running download), or gone already.
            }
        }

        return new CacheCleanResult(removed, kept);
    }

    private static bool IsTemporary(string file) =>
        file.EndsWith(TempSuffix, StringComparison.Ordinal) || file.EndsWith(PurgeSuffix, StringComparison.Ordinal);

    /// <summary>The algorithm of a path shaped like an entry (<c>{alg}/{xx}/{yy}/{hex}</c>), else null.</summary>
    private string? EntryAlgorithm(string file)
    {
        var relative = Path.GetRelativePath(ContentRoot, file).Replace('\\', '/').Split('/');
        if (relative.Length != 4)
        {
            return null;
        }

        var (algorithm, first, second, hex) = (relative[0], relative[1], relative[2], relative[3]);
        var size = ExpectedIntegrity.SizeOf(algorithm);
        var wellFormed = size > 0 && hex.Length == size * 2 && hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            && string.Equals(first, hex[..2], StringComparison.Ordinal) && string.Equals(second, hex[2..4], StringComparison.Ordinal);
        return wellFormed ? algorithm : null;
    }
}
