using Bundler.Core.Diagnostics;
using Bundler.Core.Registry.Http;

namespace Bundler.Core.Registry;

// Every metadata request goes through the packument cache (when there is one), in npm's three modes: revalidate
// (default), prefer-offline and offline. Only responses that parse are stored, so a bad answer is never replayed.
public sealed partial class HttpRegistry
{
    private static readonly KeyValuePair<string, string>[] NoHeaders = [];

    /// <summary>What the requests of one packument did: a cache miss when offline, a download, or why the cache served it.</summary>
    private sealed class Lookup
    {
        public volatile bool Missed;
        public volatile bool Downloaded;
        public string? How;
    }

    private readonly record struct Body(byte[] Bytes, string? Type, Uri Url);

    private readonly record struct Fetched(Body Body, string? ETag, string? LastModified, bool NotModified);

    private Packument? Finish(string name, Packument? packument, Lookup lookup)
    {
        if (packument is null && lookup.Missed)
        {
            throw new IpmException(Messages.OfflineNeedsMetadata(name, Display));
        }

        if (packument is not null && _cache is not null)
        {
            if (!lookup.Downloaded && lookup.How is { } how)
            {
                _cache.CountHit();
                _log.Detail($"packument {name}: from cache ({how})");
            }
            else
            {
                _log.Detail($"packument {name}: downloaded");
            }
        }

        return packument;
    }

    private async Task<T?> GetCachedAsync<T>(string name, Uri url, string accept, Lookup lookup, Func<Body, T?> parse, CancellationToken cancellationToken)
        where T : class
    {
        if (_cache is null)
        {
            var plain = await FetchAsync(name, url, accept, NoHeaders, cancellationToken).ConfigureAwait(false);
            return plain is { } p ? parse(p.Body) : null;
        }

        var key = PackumentCache.Key(url, name, accept);
        var entry = _cache.Read(key);
        var cached = entry is null ? null : TryParse(entry, url, parse);
        if (entry is not null && cached is null)
        {
            _log.Detail($"packument {name}: cache entry for {Redact.Url(url)} unusable; removed it");
            _cache.Remove(key);
            entry = null;
        }

        if (cached is not null && _cache.Mode != PackumentCacheMode.Revalidate)
        {
            lookup.How ??= _cache.Mode == PackumentCacheMode.Offline ? "offline" : "prefer-offline";
            return cached;
        }

        if (_cache.Mode == PackumentCacheMode.Offline)
        {
            lookup.Missed = true;
            return null;
        }

        Fetched? fetched;
        try
        {
            fetched = await FetchAsync(name, url, accept, entry is null ? NoHeaders : Validators(entry), cancellationToken).ConfigureAwait(false);
        }
        catch (IpmException ex) when (cached is not null && ex.Code is "IPM2002" or "IPM2003")
        {
            // As npm does: a registry that cannot answer the revalidation (down, 5xx) leaves the cached copy in use.
            _log.Detail($"packument {name}: revalidation failed ({ex.Message}); using the cached copy");
            lookup.How ??= "revalidation failed";
            return cached;
        }

        if (fetched is not { } got)
        {
            _cache.Remove(key);
            return null;
        }

        if (got.NotModified && cached is not null)
        {
            lookup.How ??= "304";
            return cached;
        }

        lookup.Downloaded = true;
        var value = parse(got.Body);
        if (value is not null)
        {
            var stored = new CachedPackument(Redact.Url(url), Redact.Url(got.Body.Url), got.Body.Type, got.ETag, got.LastModified, got.Body.Bytes);
            if (!_cache.Write(key, stored))
            {
                _log.Detail($"packument {name}: could not write the cache folder {_cache.Folder}; going on without");
            }
        }

        return value;
    }

    private static T? TryParse<T>(CachedPackument entry, Uri url, Func<Body, T?> parse)
        where T : class
    {
        try
        {
            // Relative tarball URLs resolve against where the body came from. The stored URL has no credentials;
            // when it is the request's own URL the request (which may carry user info) is used as it is.
            var final = string.Equals(entry.FinalUrl, Redact.Url(url), StringComparison.Ordinal) ? url : new Uri(entry.FinalUrl);
            return parse(new Body(entry.Body, entry.ContentType, final));
        }
        catch (Exception ex) when (ex is IpmException or UriFormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static KeyValuePair<string, string>[] Validators(CachedPackument entry) =>
    [
        .. entry.ETag is { } etag ? [new KeyValuePair<string, string>("If-None-Match", etag)] : Array.Empty<KeyValuePair<string, string>>(),
        .. entry.LastModified is { } since ? [new KeyValuePair<string, string>("If-Modified-Since", since)] : Array.Empty<KeyValuePair<string, string>>(),
    ];

    /// <summary>The body, its content type, final URL and validators; null for 404 and 410; NotModified for a 304
    /// answer to a conditional request. Other failures become coded errors.</summary>
    private async Task<Fetched?> FetchAsync(string name, Uri url, string accept, KeyValuePair<string, string>[] headers, CancellationToken cancellationToken)
    {
        try
        {
            return await _transport.GetAsync(url, accept, headers, async (response, stream, ct) =>
            {
                using var ms = new MemoryStream();
                await stream.CopyToAsync(ms, ct).ConfigureAwait(false);
                var body = new Body(ms.ToArray(), response.Content.Headers.ContentType?.MediaType, response.RequestMessage?.RequestUri ?? url);
                return new Fetched(body, Header(response.Headers, "ETag"), Header(response.Content.Headers, "Last-Modified"), NotModified: false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpStatusException ex) when (ex.StatusCode == 304 && headers.Length > 0)
        {
            return new Fetched(default, null, null, NotModified: true);
        }
        catch (HttpStatusException ex) when (ex.StatusCode is 404 or 410)
        {
            return null;
        }
        catch (HttpStatusException ex) when (ex.StatusCode == 406 && !string.Equals(accept, FullJson, StringComparison.Ordinal))
        {
            // A server that cannot produce the abbreviated form may refuse it instead of sending full JSON.
            return await FetchAsync(name, url, FullJson, headers, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpStatusException ex) when (ex.StatusCode is 401 or 403)
        {
            var registry = RegistryOf(url);
            throw new IpmException(Messages.RegistryAuthFailed(Redact.Url(registry), name, ex.StatusCode, NpmConfig.NerfDart(registry)));
        }
        catch (HttpStatusException ex)
        {
            throw new IpmException(Messages.RegistryStatus(Redact.Url(RegistryOf(url)), name, ex.StatusCode));
        }
        catch (TransportException ex)
        {
            throw new IpmException(Messages.RegistryUnreachable(Redact.Url(RegistryOf(url)), name, ex.Message));
        }
    }

    private static string? Header(System.Net.Http.Headers.HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
