using System.Text.Json;
using Bundler.Core.Archives;
using Bundler.Core.Diagnostics;
using Bundler.Core.Fetching;
using Bundler.Testing;
using Bundler.Testing.Servers;
using static Bundler.Core.Tests.Fetching.FetchTestKit;

namespace Bundler.Core.Tests.Fetching;

public sealed class TarballFetcherTests : IAsyncLifetime
{
    private readonly FaultServer _server = new();
    private readonly TempDirectory _temp = new("ipm-fetch");
    private readonly RecordingBundleLog _log = new();

    private string Cache => _temp.Combine("cache");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_tarball_made_by_npm_is_fetched_verified_by_npms_integrity_and_extracted()
    {
        var source = _temp.Combine("src");
        _temp.Write("src/package.json", "{\"name\":\"echotest\",\"version\":\"0.0.1\"}");
        _temp.Write("src/index.js", "module.exports = 42;\n");
        var packed = Directory.CreateDirectory(_temp.Combine("packed")).FullName;
        var npm = ProcessRunner.Run("npm", ["pack", "--json", "--pack-destination", packed], source, timeout: TimeSpan.FromMinutes(2)).EnsureSuccess("npm pack");
        var info = JsonDocument.Parse(npm.StdOut).RootElement[0];
        var bytes = await File.ReadAllBytesAsync(Path.Combine(packed, info.GetProperty("filename").GetString()!));
        _server.On("/echotest/-/echotest-0.0.1.tgz", FaultResponse.Ok(bytes));
        var url = _server.Url("/echotest/-/echotest-0.0.1.tgz");
        using var transport = Transport(_log);
        var cache = new ContentCache(Cache);
        var fetcher = new TarballFetcher(transport, cache, new FetchOptions(), _log);

        var bySri = await fetcher.FetchAllAsync([new TarballRequest("echotest", "0.0.1", url, info.GetProperty("integrity").GetString(), null)], default);
        var byShasum = await fetcher.FetchAllAsync([new TarballRequest("echotest", "0.0.1", url, null, info.GetProperty("shasum").GetString())], default);

        Assert.Equal(info.GetProperty("integrity").GetString(), bySri[0].Integrity);
        Assert.False(bySri[0].FromCache);
        Assert.Equal(bytes.Length, bySri[0].Size);
        Assert.StartsWith("sha1-", byShasum[0].Integrity, StringComparison.Ordinal);
        PackageExtractor.ExtractFetched(cache, bySri[0], _temp.Combine("out"), ExtractionLimits.Default);

        Assert.Equal("module.exports = 42;\n", await File.ReadAllTextAsync(_temp.Combine("out", "index.js")));
    }

    [Fact]
    public async Task A_zip_with_only_a_zip_shasum_is_fetched_and_extracted_as_a_zip()
    {
        var zip = new Archives.ZipBuilder().File("package/package.json", "{\"name\":\"zipped\",\"version\":\"3.1.0-SNAPSHOT\"}").File("package/lib/a.js", "a").Build();
        _server.On("/zipped/3.1.0-SNAPSHOT/dist.zip", FaultResponse.Ok(zip, "application/zip"));
        var request = new TarballRequest("zipped", "3.1.0-SNAPSHOT", _server.Url("/zipped/3.1.0-SNAPSHOT/dist.zip"), null, Sha1Hex(zip)) { IsZip = true };
        using var transport = Transport(_log);
        var cache = new ContentCache(Cache);

        var fetched = await new TarballFetcher(transport, cache, new FetchOptions(), _log).FetchAllAsync([request], default);
        var extracted = PackageExtractor.ExtractFetched(cache, fetched[0], _temp.Combine("out"), ExtractionLimits.Default);

        Assert.Equal(2, extracted.Files);
        Assert.Equal("a", await File.ReadAllTextAsync(_temp.Combine("out", "lib", "a.js")));
    }

    [Fact]
    public async Task Results_come_in_request_order_with_at_most_jobs_downloads_at_once()
    {
        var requests = Enumerable.Range(0, 12).Select(i =>
        {
            var data = HostileData(i);
            var r = Serve(_server, $"p{i}", data);
            _server.On(r.Url.AbsolutePath, FaultResponse.Drip(data, 512, TimeSpan.FromMilliseconds(20)));
            return r;
        }).ToList();
        using var transport = Transport(_log);

        var fetched = await Fetcher(transport, Cache, _log, new FetchOptions { Jobs = 3 }).FetchAllAsync(requests, default);

        Assert.Equal(requests.Select(r => r.Name), fetched.Select(f => f.Request.Name));
        Assert.All(fetched, f => Assert.Equal(f.Request.Integrity, f.Integrity));
        Assert.InRange(_server.MaxConcurrentRequests, 1, 3);
        Assert.Contains("fetch: 12 packages, 12 downloaded (", _log.Lines.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_fetch_is_served_from_the_cache_without_the_network()
    {
        var request = Serve(_server, "a", HostileData(1));
        using var transport = Transport(_log);
        await Fetcher(transport, Cache, _log).FetchAllAsync([request], default);

        var again = await Fetcher(transport, Cache, _log).FetchAllAsync([request], default);

        Assert.True(again[0].FromCache);
        Assert.Equal(1, _server.CountRequests(request.Url.AbsolutePath));
        Assert.Equal("fetch: 1 packages, 0 downloaded (0 bytes), 1 from cache", _log.Lines.Last());
    }

    [Fact]
    public async Task A_corrupted_cache_entry_is_purged_with_a_warning_and_fetched_again()
    {
        var data = HostileData(2);
        var request = Serve(_server, "a", data);
        using var transport = Transport(_log);
        var first = await Fetcher(transport, Cache, _log).FetchAllAsync([request], default);
        await File.WriteAllBytesAsync(first[0].CachePath, [.. data[..^1], (byte)(data[^1] ^ 1)]);

        var again = await Fetcher(transport, Cache, _log).FetchAllAsync([request], default);

        Assert.False(again[0].FromCache);
        Assert.Equal(data, await File.ReadAllBytesAsync(again[0].CachePath));
        Assert.Equal(2, _server.CountRequests(request.Url.AbsolutePath));
        Assert.Equal("IPM4008", Assert.Single(_log.Diagnostics).Code);
    }

    [Fact]
    public async Task A_corrupted_entry_whose_registry_also_serves_wrong_bytes_fails_and_leaves_nothing_behind()
    {
        var data = HostileData(3);
        var request = Serve(_server, "a", data);
        using var transport = Transport(_log);
        var first = await Fetcher(transport, Cache, _log).FetchAllAsync([request], default);
        await File.WriteAllTextAsync(first[0].CachePath, "bit rot");
        _server.On(request.Url.AbsolutePath, FaultResponse.Ok(HostileData(4)));

        var ex = await Assert.ThrowsAsync<IpmException>(() => Fetcher(transport, Cache, _log).FetchAllAsync([request], default));

        Assert.Equal("IPM4001", ex.Code);
        Assert.Empty(Entries(Cache));
        Assert.Empty(TempFiles(Cache));
    }

    [Fact]
    public async Task An_integrity_mismatch_names_the_package_the_url_without_credentials_and_both_hashes()
    {
        var served = HostileData(5);
        _server.On("/a/-/a-1.0.0.tgz", FaultResponse.Ok(served));
        var url = new Uri($"http://user:pa55@127.0.0.1:{_server.Port}/a/-/a-1.0.0.tgz?token=t0k3n");
        _server.On("/a/-/a-1.0.0.tgz?token=t0k3n", FaultResponse.Ok(served));
        var expected = Sha512(HostileData(6));
        using var transport = Transport(_log);

        var ex = await Assert.ThrowsAsync<IpmException>(() =>
            Fetcher(transport, Cache, _log).FetchAllAsync([new TarballRequest("a", "1.0.0", url, expected, null)], default));

        Assert.Equal("IPM4001", ex.Code);
        Assert.Contains("a@1.0.0", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{_server.Port}/a/-/a-1.0.0.tgz?token=***", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains(Sha512(served), ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Entries(Cache));
    }

    [Fact]
    public async Task A_wrong_shasum_is_a_mismatch_too()
    {
        var request = Serve(_server, "a", HostileData(7)) with { Integrity = null, Shasum = Sha1Hex(HostileData(8)) };
        using var transport = Transport(_log);

        var ex = await Assert.ThrowsAsync<IpmException>(() => Fetcher(transport, Cache, _log).FetchAllAsync([request], default));

        Assert.Equal("IPM4001", ex.Code);
        Assert.Contains("sha1-", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_integrity_or_shasum_a_package_is_refused_unless_unverified_ones_are_allowed()
    {
        var data = HostileData(9);
        var request = Serve(_server, "a", data) with { Integrity = null };
        using var transport = Transport(_log);

        var refused = await Assert.ThrowsAsync<IpmException>(() => Fetcher(transport, Cache, _log).FetchAllAsync([request], default));
        var allowed = await Fetcher(transport, Cache, _log, new FetchOptions { AllowUnverified = true }).FetchAllAsync([request], default);

        Assert.Equal("IPM4002", refused.Code);
        Assert.Equal(1, _server.CountRequests(request.Url.AbsolutePath));
        Assert.Equal(Sha512(data), allowed[0].Integrity);
        Assert.Equal("IPM4003", Assert.Single(_log.Diagnostics).Code);
        Assert.Empty(TempFiles(Cache));
    }

    [Fact]
    public async Task A_download_over_the_size_limit_is_cut_off()
    {
        var request = Serve(_server, "a", HostileData(18, 5000));
        using var transport = Transport(_log);

        var ex = await Assert.ThrowsAsync<IpmException>(() => Fetcher(transport, Cache, _log, new FetchOptions { MaxArchiveBytes = 1000 }).FetchAllAsync([request], default));

        Assert.Equal("IPM4007", ex.Code);
        Assert.Empty(TempFiles(Cache));
    }

    [Fact]
    public async Task A_failing_package_fails_the_fetch_with_its_own_error()
    {
        var ok = Serve(_server, "ok", HostileData(19));
        var missing = new TarballRequest("gone", "1.0.0", _server.Url("/gone/-/gone-1.0.0.tgz"), Sha512(HostileData(20)), null);
        using var transport = Transport(_log);

        var ex = await Assert.ThrowsAsync<IpmException>(() => Fetcher(transport, Cache, _log).FetchAllAsync([ok, missing], default));

        Assert.Equal("IPM4006", ex.Code);
        Assert.Contains("gone@1.0.0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 404", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registry_faults_are_survived_and_the_cache_holds_only_verified_bytes()
    {
        var data = HostileData(21, 40_000);
        var request = Serve(_server, "a", data, FaultResponse.Reset(data, 10_000), FaultResponse.Short(data, 30_000));
        using var transport = Transport(_log);

        var fetched = await Fetcher(transport, Cache, _log).FetchAllAsync([request], default);

        Assert.Equal(data, await File.ReadAllBytesAsync(fetched[0].CachePath));
        Assert.Equal(3, _server.CountRequests(request.Url.AbsolutePath));
        Assert.Empty(TempFiles(Cache));
    }

    [Fact]
    public async Task Cancelling_mid_download_throws_and_leaves_no_temporary_file()
    {
        var data = HostileData(22, 4096);
        var request = Serve(_server, "a", data);
        _server.On(request.Url.AbsolutePath, FaultResponse.Drip(data, 64, TimeSpan.FromMilliseconds(200)));
        using var transport = Transport(_log);
        using var cts = new CancellationTokenSource();

        var fetch = Fetcher(transport, Cache, _log).FetchAllAsync([request], cts.Token);
        for (var i = 0; i < 200 && TempFiles(Cache).Length == 0; i++)
        {
            await Task.Delay(25);
        }

        Assert.NotEmpty(TempFiles(Cache));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
        Assert.Empty(TempFiles(Cache));
        Assert.Empty(Entries(Cache));
    }

    internal static byte[] HostileData(int seed, int length = 3000)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
