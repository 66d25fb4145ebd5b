using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;
using Bundler.Core.Registry.Http;
using Bundler.Core.Tests.Http;
using Bundler.Testing;

namespace Bundler.Core.Tests.Registry;

/// <summary>The packument cache of <see cref="HttpRegistry"/> in its three modes, against an in-process registry.</summary>
public sealed class PackumentCacheTests : IDisposable
{
    private const string Registry = "http://registry.test/npm/";
    private readonly RecordingBundleLog _log = new();
    private readonly TempDirectory _cache = new();
    private readonly PackumentServer _server = new();

    public void Dispose() => _cache.Dispose();

    private static string Widget(params string[] versions) =>
        "{\"name\":\"widget\",\"dist-tags\":{\"latest\":\"" + versions[^1] + "\"},\"versions\":{"
        + string.Join(',', versions.Select(v => $"\"{v}\":{{\"name\":\"widget\",\"version\":\"{v}\",\"dist\":{{\"tarball\":\"/npm/widget/-/widget-{v}.tgz\",\"shasum\":\"00\"}}}}"))
        + "}}";

    private async Task<Packument?> ReadAsync(PackumentCacheMode mode, string name = "widget", ICredentialSource? credentials = null, string registry = Registry)
    {
        using var transport = new HttpTransport(_server, credentials ?? NoCredentials.Instance, HttpTestKit.Fast, _log);
        var cache = new PackumentCache(_cache.Path, mode);
        return await new HttpRegistry(new Uri(registry), transport, cache, _log).GetPackumentAsync(name, CancellationToken.None);
    }

    private string[] EntryFiles() => Directory.Exists(Path.Combine(_cache.Path, PackumentCache.FolderName))
        ? Directory.GetFiles(Path.Combine(_cache.Path, PackumentCache.FolderName), "*", SearchOption.AllDirectories)
        : [];

    [Fact]
    public async Task The_first_fetch_is_stored_without_credentials_and_relative_tarballs_still_resolve_from_the_copy()
    {
        _server.Body = Widget("1.0.0");
        _server.ETag = "\"rev-1\"";
        var credentials = new HostCredentials("registry.test", 80, "s3cr3t-token");

        var online = await ReadAsync(PackumentCacheMode.Revalidate, credentials: credentials, registry: "http://user:pa55word@registry.test/npm/");
        var cached = await ReadAsync(PackumentCacheMode.PreferOffline);

        var file = Assert.Single(EntryFiles());
        var stored = File.ReadAllText(file);
        Assert.Contains("rev-1", stored, StringComparison.Ordinal);
        Assert.Contains(Widget("1.0.0"), stored, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-token", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55word", stored, StringComparison.Ordinal);
        Assert.Equal("Bearer s3cr3t-token", Assert.Single(_server.Requests).Authorization);
        Assert.Equal(new Uri("http://registry.test/npm/widget/-/widget-1.0.0.tgz"), cached!.Versions["1.0.0"].Dist.Tarball);
        Assert.Equal(online!.Versions["1.0.0"].Dist.Tarball, cached.Versions["1.0.0"].Dist.Tarball);
        Assert.Contains("packument widget: from cache (prefer-offline)", _log.Lines);
    }

    [Fact]
    public async Task The_default_mode_sends_the_validators_and_uses_the_cached_copy_on_304_and_a_new_body_on_200()
    {
        _server.Body = Widget("1.0.0");
        _server.ETag = "\"rev-1\"";
        _server.LastModified = "Tue, 03 Nov 2026 10:00:00 GMT";
        await ReadAsync(PackumentCacheMode.Revalidate);
        _server.Body = "{\"this\":\"is never sent: the server answers 304\"}";
        _server.NotModifiedFor = "\"rev-1\"";

        var revalidated = await ReadAsync(PackumentCacheMode.Revalidate);
        _server.NotModifiedFor = null;
        _server.Body = Widget("1.0.0", "1.1.0");
        _server.ETag = "\"rev-2\"";
        var changed = await ReadAsync(PackumentCacheMode.Revalidate);
        var afterChange = await ReadAsync(PackumentCacheMode.PreferOffline);

        Assert.Null(_server.Requests[0].IfNoneMatch);
        Assert.Equal("\"rev-1\"", _server.Requests[1].IfNoneMatch);
        Assert.Equal("Tue, 03 Nov 2026 10:00:00 GMT", _server.Requests[1].IfModifiedSince);
        Assert.Equal(["1.0.0"], revalidated!.Versions.Keys);
        Assert.Contains("packument widget: from cache (304)", _log.Lines);
        Assert.Equal("\"rev-1\"", _server.Requests[2].IfNoneMatch);
        Assert.Equal(["1.0.0", "1.1.0"], changed!.Versions.Keys);
        Assert.Equal(["1.0.0", "1.1.0"], afterChange!.Versions.Keys);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task The_default_mode_keeps_the_cached_copy_when_the_registry_cannot_revalidate_it()
    {
        _server.Body = Widget("1.0.0");
        await ReadAsync(PackumentCacheMode.Revalidate);
        _server.Status = HttpStatusCode.ServiceUnavailable;

        var stale = await ReadAsync(PackumentCacheMode.Revalidate);
        var uncached = await Assert.ThrowsAsync<IpmException>(() => ReadAsync(PackumentCacheMode.Revalidate, "gadget"));

        Assert.Equal(["1.0.0"], stale!.Versions.Keys);
        Assert.Contains("packument widget: from cache (revalidation failed)", _log.Lines);
        Assert.Equal("IPM2003", uncached.Code);
    }

    [Fact]
    public async Task Prefer_offline_asks_nothing_for_a_cached_packument_and_fetches_and_stores_a_missing_one()
    {
        _server.Body = Widget("1.0.0");
        var first = await ReadAsync(PackumentCacheMode.PreferOffline);
        _server.Body = Widget("1.0.0", "2.0.0");

        var second = await ReadAsync(PackumentCacheMode.PreferOffline);

        Assert.Single(_server.Requests);
        Assert.Equal(["1.0.0"], first!.Versions.Keys);
        Assert.Equal(["1.0.0"], second!.Versions.Keys);
        Assert.Single(EntryFiles());
    }

    [Fact]
    public async Task Offline_without_a_cached_packument_is_IPM4011_naming_the_package_and_asks_nothing()
    {
        _server.Body = Widget("1.0.0");
        await ReadAsync(PackumentCacheMode.Revalidate);

        var cached = await ReadAsync(PackumentCacheMode.Offline);
        var e = await Assert.ThrowsAsync<IpmException>(() => ReadAsync(PackumentCacheMode.Offline, "gadget"));

        Assert.Equal(["1.0.0"], cached!.Versions.Keys);
        Assert.Equal("IPM4011", e.Code);
        Assert.Contains("'gadget'", e.Message, StringComparison.Ordinal);
        Assert.Contains("http://registry.test/npm/", e.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("not a cache entry at all")]
    [InlineData("{\"url\":\"x\",\"finalUrl\":\"x\",\"length\":3,\"sha256\":\"00\"}\nabc")]
    [InlineData(null)]
    public async Task A_corrupt_entry_is_ignored_and_replaced(string? garbage)
    {
        _server.Body = Widget("1.0.0");
        await ReadAsync(PackumentCacheMode.Revalidate);
        var file = Assert.Single(EntryFiles());
        var whole = File.ReadAllBytes(file);
        if (garbage is null)
        {
            File.WriteAllBytes(file, whole[..^5]); // a body cut short
        }
        else
        {
            File.WriteAllText(file, garbage);
        }

        var offline = await Assert.ThrowsAsync<IpmException>(() => ReadAsync(PackumentCacheMode.Offline));
        var refetched = await ReadAsync(PackumentCacheMode.PreferOffline);
        var verify = PackumentCache.Verify(_cache.Path);

        Assert.Equal("IPM4011", offline.Code);
        Assert.Equal(["1.0.0"], refetched!.Versions.Keys);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Null(_server.Requests[1].IfNoneMatch);
        Assert.Equal(whole, File.ReadAllBytes(Assert.Single(EntryFiles())));
        Assert.Equal(new PackumentCacheResult(1, 0, 0), verify);
    }

    [Fact]
    public async Task Clean_removes_every_entry_and_verify_counts_them()
    {
        _server.Body = Widget("1.0.0");
        await ReadAsync(PackumentCacheMode.Revalidate);
        await ReadAsync(PackumentCacheMode.Revalidate, "@scope/widget");

        var before = PackumentCache.Verify(_cache.Path);
        var clean = PackumentCache.Clean(_cache.Path);

        Assert.Equal(new PackumentCacheResult(2, 0, 0), before);
        Assert.Equal(2, clean.Entries);
        Assert.Empty(EntryFiles());
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_of_one_entry_only_ever_see_a_whole_entry()
    {
        var cache = new PackumentCache(_cache.Path, PackumentCacheMode.Revalidate);
        var key = PackumentCache.Key(new Uri(Registry + "widget"), "widget", "application/json");
        var bodies = Enumerable.Range(0, 4).Select(i => Encoding.UTF8.GetBytes(Widget($"1.0.{i}") + new string(' ', 20_000 * i))).ToArray();
        var seen = new System.Collections.Concurrent.ConcurrentBag<byte[]>();
        CachedPackument Entry(int i) => new(Registry + "widget", Registry + "widget", "application/json", $"\"{i}\"", null, bodies[i]);
        Assert.True(cache.Write(key, Entry(0)));

        var writers = bodies.Select((_, i) => Task.Run(() =>
        {
            for (var n = 0; n < 40; n++)
            {
                // A rename over a file another thread reads may be refused on some systems: that write is just lost.
                cache.Write(key, Entry(i));
            }
        }));
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var n = 0; n < 80; n++)
            {
                if (cache.Read(key) is { } entry)
                {
                    seen.Add(entry.Body);
                }
            }
        }));
        await Task.WhenAll([.. writers, .. readers]);
        seen.Add(cache.Read(key)!.Body);

        Assert.All(seen, body => Assert.Contains(bodies, b => b.AsSpan().SequenceEqual(body)));
        Assert.Single(EntryFiles());
    }

    /// <summary>Answers every GET with <see cref="Body"/>, or 304 when If-None-Match names <see cref="NotModifiedFor"/>.</summary>
    private sealed class PackumentServer : HttpMessageHandler
    {
        private readonly List<Seen> _requests = [];

        public string Body { get; set; } = "{}";

        public string? ETag { get; set; }

        public string? LastModified { get; set; }

        public string? NotModifiedFor { get; set; }

        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

        public IReadOnlyList<Seen> Requests
        {
            get { lock (_requests) { return _requests.ToArray(); } }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var ifNoneMatch = request.Headers.TryGetValues("If-None-Match", out var inm) ? string.Join(",", inm) : null;
            var ifModifiedSince = request.Headers.TryGetValues("If-Modified-Since", out var ims) ? string.Join(",", ims) : null;
            lock (_requests)
            {
                _requests.Add(new Seen(request.RequestUri!, request.Headers.Authorization?.ToString(), ifNoneMatch, ifModifiedSince));
            }

            HttpResponseMessage response;
            if (NotModifiedFor is not null && string.Equals(ifNoneMatch, NotModifiedFor, StringComparison.Ordinal))
            {
                response = new HttpResponseMessage(HttpStatusCode.NotModified);
            }
            else
            {
                response = new HttpResponseMessage(Status) { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
                if (LastModified is not null)
                {
                    response.Content.Headers.TryAddWithoutValidation("Last-Modified", LastModified);
                }
            }

            if (ETag is not null)
            {
                response.Headers.ETag = EntityTagHeaderValue.Parse(ETag);
            }

            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }

    private sealed record Seen(Uri Url, string? Authorization, string? IfNoneMatch, string? IfModifiedSince);
}
