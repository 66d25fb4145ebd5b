using System.Security.Cryptography;
using Bundler.Core.Diagnostics;
using Bundler.Core.Fetching;
using Bundler.Testing;
using Bundler.Testing.Servers;
using static Bundler.Core.Tests.Fetching.FetchTestKit;

namespace Bundler.Core.Tests.Fetching;

public sealed class ContentCacheTests : IDisposable
{
    private readonly TempDirectory _temp = new("ipm-cache");
    private readonly RecordingBundleLog _log = new();

    private string Root => _temp.Combine("cache");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Verify_removes_what_does_not_match_its_name_and_sweeps_only_stale_temporary_files()
    {
        var cache = new ContentCache(Root);
        var good = Store(cache, "good"u8.ToArray());
        var bad = Store(cache, "soon corrupted"u8.ToArray());
        File.WriteAllText(bad, "corrupted");
        var junk = Path.Combine(Path.GetDirectoryName(good)!, "not-an-entry");
        File.WriteAllText(junk, "?");
        var stale = cache.NewTempPath(null);
        File.WriteAllText(stale, "interrupted long ago");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-2));
        var fresh = cache.NewTempPath(null);
        File.WriteAllText(fresh, "a download running right now");

        var result = cache.Verify();

        Assert.Equal(new CacheVerifyResult(Entries: 3, Removed: 2, ValidBytes: 4, StaleTemporaryFiles: 1), result);
        Assert.True(File.Exists(good));
        Assert.False(File.Exists(bad));
        Assert.False(File.Exists(junk));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
        Assert.Equal(new CacheVerifyResult(1, 0, 4, 0), cache.Verify());
    }

    [Fact]
    public void Clean_removes_every_entry_and_the_empty_folders()
    {
        var cache = new ContentCache(Root);
        Store(cache, "a"u8.ToArray());
        Store(cache, "b"u8.ToArray());

        Assert.Equal(new CacheCleanResult(2, 0), cache.Clean());
        Assert.Equal(new CacheVerifyResult(0, 0, 0, 0), cache.Verify());
        Assert.Equal(new CacheCleanResult(0, 0), cache.Clean());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Root));
    }

    [Fact]
    public void Clean_keeps_the_temporary_file_of_a_running_download_which_still_commits_afterwards()
    {
        var cache = new ContentCache(Root);
        Store(cache, "old"u8.ToArray());
        var stale = cache.NewTempPath(null);
        File.WriteAllText(stale, "interrupted long ago");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-2));
        var data = "downloading"u8.ToArray();
        var running = cache.NewTempPath(ExpectedIntegrity.FromSri(Sha512(data)));
        File.WriteAllBytes(running, data);

        Assert.Equal(new CacheCleanResult(Removed: 2, KeptTemporaryFiles: 1), cache.Clean());
        var committed = cache.Commit(running, "sha512", SHA512.HashData(data));

        Assert.Equal(data, File.ReadAllBytes(committed));
        Assert.Equal(new CacheVerifyResult(1, 0, data.Length, 0), cache.Verify());
    }

    [Fact]
    public void OpenVerified_reads_verified_bytes_and_refuses_a_changed_or_missing_entry()
    {
        var cache = new ContentCache(Root);
        var data = "content"u8.ToArray();
        var path = Store(cache, data);

        using (var stream = cache.OpenVerified(path, Sha512(data)))
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.Equal(data, copy.ToArray());
        }

        File.WriteAllText(path, "tampered");
        Assert.Equal("IPM4010", Assert.Throws<IpmException>(() => cache.OpenVerified(path, Sha512(data))).Code);
        File.Delete(path);
        Assert.Equal("IPM4010", Assert.Throws<IpmException>(() => cache.OpenVerified(path, Sha512(data))).Code);
    }

    [Fact]
    public void A_commit_keeps_a_good_copy_stored_first_and_replaces_a_corrupt_one()
    {
        var first = new ContentCache(Root);
        var second = new ContentCache(Root);
        var data = "same content"u8.ToArray();
        var path = Store(first, data);
        var stamp = File.GetLastWriteTimeUtc(path).AddHours(-1);
        File.SetLastWriteTimeUtc(path, stamp);

        Assert.Equal(path, Store(second, data));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));

        File.WriteAllText(path, "rotten");
        Assert.Equal(path, Store(second, data));
        Assert.Equal(data, File.ReadAllBytes(path));
        Assert.Empty(TempFiles(Root));
    }

    [Fact]
    public void A_lookup_purges_a_corrupt_entry_and_finds_any_listed_digest()
    {
        var cache = new ContentCache(Root);
        var data = "content"u8.ToArray();
        var corrupt = Store(cache, "other"u8.ToArray());
        File.WriteAllText(corrupt, "rot");
        var good = Store(cache, data);
        var expected = ExpectedIntegrity.Parse($"{Sha512("other"u8.ToArray())} {Sha512(data)}", null, "p@1.0.0")!;

        var hit = cache.TryGet(expected, "p@1.0.0", _log);

        Assert.Equal(good, hit!.Path);
        Assert.False(File.Exists(corrupt));
        Assert.Equal("IPM4008", Assert.Single(_log.Diagnostics).Code);
    }

    [Fact]
    public void The_default_root_follows_XDG_CACHE_HOME_when_it_is_absolute()
    {
        var saved = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        try
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", _temp.Path);
            var withXdg = ContentCache.DefaultRoot;
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "relative/dir");
            var relative = ContentCache.DefaultRoot;

            Assert.Equal(Path.Combine(_temp.Path, "ipm"), withXdg);
            Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ipm"), relative);
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", saved);
        }
    }

    [Fact]
    public async Task Concurrent_fetches_from_several_threads_and_cache_instances_leave_no_corrupt_entry()
    {
        await using var server = new FaultServer();
        var packages = Enumerable.Range(0, 10).Select(i =>
        {
            var data = TarballFetcherTests.HostileData(100 + i, 20_000);
            // Faults are taken by whichever client asks first; every client must still end with verified bytes.
            return Serve(server, $"p{i}", data,
                FaultResponse.Reset(data, 5_000), FaultResponse.Short(data, 15_000), FaultResponse.Drip(data, 4_000, TimeSpan.FromMilliseconds(10)));
        }).ToList();

        var clients = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            var log = new RecordingBundleLog();
            using var transport = Transport(log);
            var order = packages.OrderBy(p => (p.Name.GetHashCode(StringComparison.Ordinal) * (c + 1)) % 97).ToList();
            var fetched = await Fetcher(transport, Root, log, new FetchOptions { Jobs = 4 }).FetchAllAsync(order, default);
            Assert.Equal(order.Select(p => p.Name), fetched.Select(f => f.Request.Name));
            return fetched;
        })).ToArray();
        var results = await Task.WhenAll(clients).WaitAsync(TimeSpan.FromMinutes(2));

        foreach (var fetched in results.SelectMany(r => r))
        {
            Assert.Equal(fetched.Request.Integrity, Sha512(await File.ReadAllBytesAsync(fetched.CachePath)));
        }

        Assert.Equal(new CacheVerifyResult(10, 0, 10 * 20_000, 0), new ContentCache(Root).Verify());
        Assert.Empty(TempFiles(Root));
    }

    /// <summary>Stores bytes the way the fetcher does: temporary file in the entry's folder, then commit.</summary>
    private static string Store(ContentCache cache, byte[] data)
    {
        var expected = ExpectedIntegrity.Parse(Sha512(data), null, "p@1.0.0")!;
        var temp = cache.NewTempPath(expected);
        File.WriteAllBytes(temp, data);
        try
        {
            return cache.Commit(temp, "sha512", SHA512.HashData(data));
        }
        finally
        {
            ContentCache.TryDelete(temp);
        }
    }
}
