using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bundler.Core.Registry;

/// <summary>How an http(s) registry uses its <see cref="PackumentCache"/> (npm's three modes).</summary>
public enum PackumentCacheMode
{
    /// <summary>A cached packument is revalidated (If-None-Match / If-Modified-Since; 304 means the cached copy).</summary>
    Revalidate,

    /// <summary>A cached packument is used without asking the registry; only missing ones are fetched.</summary>
    PreferOffline,

    /// <summary>Only the cache; a missing packument is IPM4011.</summary>
    Offline,
}

/// <summary>What <see cref="PackumentCache.Verify"/> or <see cref="PackumentCache.Clean"/> found or did.</summary>
/// <param name="Entries">Entries examined (verify) or files deleted (clean).</param>
/// <param name="Removed">Entries that could not be read back whole and were removed (verify).</param>
/// <param name="KeptTemporaryFiles">Temporary files young enough to belong to a write still running.</param>
public sealed record PackumentCacheResult(int Entries, int Removed, int KeptTemporaryFiles);

/// <summary>One cached response: the body as the registry sent it and what is needed to revalidate and re-read it.</summary>
internal sealed record CachedPackument(string Url, string FinalUrl, string? ContentType, string? ETag, string? LastModified, byte[] Body);

/// <summary>
/// Registry metadata responses of http(s) registries: <c>{root}/packuments-v1/{key[0..2]}/{key}</c>, the key being
/// the SHA-256 of the redacted request URL, the package name and the Accept form asked for. A file is one JSON header
/// line (URLs without credentials, validators, body length and SHA-256) and the body. Files appear only by rename of
/// a temporary file in the same folder, so processes share the cache without locks; an entry that does not read back
/// whole is ignored and replaced. Request headers (Authorization) are never stored.
/// </summary>
public sealed class PackumentCache
{
    /// <summary>The folder below the cache root that holds packuments.</summary>
    public const string FolderName = "packuments-v1";

    private const string TempSuffix = ".tmp";
    private static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);
    private int _hits;

    /// <summary>A packument cache in <paramref name="cacheRoot"/> (the archive cache's root).</summary>
    public PackumentCache(string cacheRoot, PackumentCacheMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(cacheRoot);
        Folder = Path.Combine(Path.GetFullPath(cacheRoot), FolderName);
        Mode = mode;
    }

    /// <summary>The folder entries live in.</summary>
    public string Folder { get; }

    public PackumentCacheMode Mode { get; }

    /// <summary>Packuments this instance served from the cache (revalidated or not).</summary>
    public int Hits => Volatile.Read(ref _hits);

    internal void CountHit() => Interlocked.Increment(ref _hits);

    /// <summary>The entry key: no user info or credential-like query parameters take part (<see cref="Redact.Url"/>).</summary>
    internal static string Key(Uri url, string name, string accept) =>
        Hex(SHA256.HashData(Encoding.UTF8.GetBytes(Redact.Url(url) + "\n" + name + "\n" + accept)));

    private string PathOf(string key) => Path.Combine(Folder, key[..2], key);

    /// <summary>The entry, or null when it is missing, unreadable, or not whole (then it is deleted).</summary>
    internal CachedPackument? Read(string key)
    {
        var path = PathOf(key);
        if (!File.Exists(path) || ReadAll(path) is not { } bytes)
        {
            return null;
        }

        var entry = Decode(bytes);
        if (entry is null)
        {
            TryDelete(path);
        }

        return entry;
    }

    /// <summary>Stores an entry atomically; false when the cache folder cannot be written (the run goes on without).</summary>
    internal bool Write(string key, CachedPackument entry)
    {
        var path = PathOf(key);
        var temp = path + "." + Guid.NewGuid().ToString("N") + TempSuffix;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(temp, Encode(entry));
            File.Move(temp, path, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            return false;
        }
    }

    internal void Remove(string key) => TryDelete(PathOf(key));

    /// <summary>Reads every entry back, removes those that are not whole, and sweeps stale temporary files.</summary>
    public static PackumentCacheResult Verify(string cacheRoot)
    {
        int entries = 0, removed = 0, kept = 0;
        foreach (var file in Files(cacheRoot))
        {
            if (file.EndsWith(TempSuffix, StringComparison.Ordinal))
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > StaleAfter)
                {
                    TryDelete(file);
                }
                else
                {
                    kept++;
                }

                continue;
            }

            entries++;
            if (ReadAll(file) is not { } bytes || Decode(bytes) is null)
            {
                TryDelete(file);
                removed++;
            }
        }

        return new PackumentCacheResult(entries, removed, kept);
    }

    /// <summary>Deletes every entry and stale temporary file, then the folders left empty.</summary>
    public static PackumentCacheResult Clean(string cacheRoot)
    {
        int removed = 0, kept = 0;
        foreach (var file in Files(cacheRoot))
        {
            if (file.EndsWith(TempSuffix, StringComparison.Ordinal) && DateTime.UtcNow - File.GetLastWriteTimeUtc(file) <= StaleAfter)
            {
                kept++;
                continue;
            }

            TryDelete(file);
            removed++;
        }

        var folder = Path.Combine(cacheRoot, FolderName);
        if (Directory.Exists(folder))
        {
            foreach (var dir in Directory.EnumerateDirectories(folder).Append(folder).ToList())
            {
                try
                {
                    Directory.Delete(dir, recursive: false);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Not empty (a write running in another process), or gone already.
                }
            }
        }

        return new PackumentCacheResult(removed, 0, kept);
    }

    private static List<string> Files(string cacheRoot)
    {
        var folder = Path.Combine(cacheRoot, FolderName);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    private static byte[] Encode(CachedPackument entry)
    {
        var header = new JsonObject
        {
            ["url"] = entry.Url,
            ["finalUrl"] = entry.FinalUrl,
            ["contentType"] = entry.ContentType,
            ["etag"] = entry.ETag,
            ["lastModified"] = entry.LastModified,
            ["length"] = entry.Body.Length,
            ["sha256"] = Hex(SHA256.HashData(entry.Body)),
        };
        var head = Encoding.UTF8.GetBytes(header.ToJsonString() + "\n");
        return [.. head, .. entry.Body];
    }

    private static CachedPackument? Decode(byte[] bytes)
    {
        var newline = Array.IndexOf(bytes, (byte)'\n');
        if (newline < 0)
        {
            return null;
        }

        try
        {
            var header = JsonNode.Parse(bytes.AsSpan(0, newline)) as JsonObject;
            var body = bytes[(newline + 1)..];
            var url = (string?)header?["url"];
            var finalUrl = (string?)header?["finalUrl"];
            var length = (int?)header?["length"];
            var sha = (string?)header?["sha256"];
            if (url is null || finalUrl is null || length != body.Length
                || !string.Equals(sha, Hex(SHA256.HashData(body)), StringComparison.Ordinal))
            {
                return null;
            }

            return new CachedPackument(url, finalUrl, (string?)header!["contentType"], (string?)header["etag"], (string?)header["lastModified"], body);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();

    private static byte[]? ReadAll(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another process has it open or removed it already; a later run retries.
        }
    }
}
