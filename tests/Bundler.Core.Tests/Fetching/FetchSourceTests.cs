using Bundler.Core.Diagnostics;
using Bundler.Core.Fetching;
using Bundler.Testing;
using Bundler.Testing.Servers;
using static Bundler.Core.Tests.Fetching.FetchTestKit;
using static Bundler.Core.Tests.Fetching.TarballFetcherTests;

namespace Bundler.Core.Tests.Fetching;

/// <summary>Where bytes come from: the cache only, the cache first, or an alternate URL before the registry.</summary>
public sealed class FetchSourceTests : IAsyncLifetime
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
    public async Task Offline_fails_once_listing_every_package_missing_from_the_cache()
    {
        var a = Serve(_server, "a", HostileData(10));
        var b = Serve(_server, "b", HostileData(11));
        var c = Serve(_server, "c", HostileData(12));
        using var transport = Transport(_log);
        await Fetcher(transport, Cache, _log).FetchAllAsync([a], default);

        var ex = await Assert.ThrowsAsync<IpmException>(() => Fetcher(transport, Cache, _log, new FetchOptions { Offline = true }).FetchAllAsync([a, b, c], default));
        var cached = await Fetcher(transport, Cache, _log, new FetchOptions { Offline = true }).FetchAllAsync([a], default);

        Assert.Equal("IPM4005", ex.Code);
        Assert.Contains("b@1.0.0, c@1.0.0", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a@1.0.0", ex.Message, StringComparison.Ordinal);
        Assert.True(cached[0].FromCache);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Prefer_offline_uses_the_cache_and_downloads_only_what_is_missing()
    {
        var a = Serve(_server, "a", HostileData(13));
        var b = Serve(_server, "b", HostileData(14));
        using var transport = Transport(_log);
        await Fetcher(transport, Cache, _log).FetchAllAsync([a], default);

        var fetched = await Fetcher(transport, Cache, _log, new FetchOptions { PreferOffline = true }).FetchAllAsync([a, b], default);

        Assert.Equal([true, false], fetched.Select(f => f.FromCache));
        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory]
    [InlineData("wrong bytes")]
    [InlineData("down")]
    public async Task An_alternate_url_that_fails_falls_back_to_the_registry(string fault)
    {
        var data = HostileData(15);
        var request = Serve(_server, "a", data) with { AlternateUrls = [TarballRequest.IpfsGatewayUrl(_server.Url("/gw"), "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi")!] };
        _server.On("/gw/ipfs/bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", fault == "down" ? FaultResponse.Error(502) : FaultResponse.Ok(HostileData(16)));
        using var transport = Transport(_log);

        var fetched = await Fetcher(transport, Cache, _log).FetchAllAsync([request], default);

        Assert.Equal(data, await File.ReadAllBytesAsync(fetched[0].CachePath));
        Assert.Equal(1, _server.CountRequests(request.Url.AbsolutePath));
        Assert.Contains(_log.Lines, l => l.Contains("trying the next source", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_verified_alternate_url_is_used_first()
    {
        var data = HostileData(17);
        var request = Serve(_server, "a", data) with { AlternateUrls = [_server.Url("/gw/ipfs/cid")] };
        _server.On("/gw/ipfs/cid", FaultResponse.Ok(data));
        using var transport = Transport(_log);

        await Fetcher(transport, Cache, _log).FetchAllAsync([request], default);

        Assert.Equal(0, _server.CountRequests(request.Url.AbsolutePath));
    }

    [Theory]
    [InlineData("bafy/../../x")]
    [InlineData("bafy?x=1")]
    [InlineData("")]
    public void Ipfs_cids_that_are_not_plain_are_not_put_into_urls(string cid) =>
        Assert.Null(TarballRequest.IpfsGatewayUrl(new Uri("https://gateway.test/"), cid));
}
