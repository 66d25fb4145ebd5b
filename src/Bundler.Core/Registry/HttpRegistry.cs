using Bundler.Core.Diagnostics;
using Bundler.Core.Registry.Http;

namespace Bundler.Core.Registry;

/// <summary>
/// An npm-compatible registry over http(s), including static folders served by a plain web server and the
/// variants some registries use: <c>dist</c> only with <c>?dist=true</c> or from <c>{name}/{version}</c>
/// ("JS Registry" style), and a packument whose <c>url</c> says the package is hosted on another registry.
/// </summary>
public sealed class HttpRegistry : IPackageSource
{
    /// <summary>How many times a packument may send the client to another registry (<c>url</c>) before IPM2009.</summary>
    public const int MaxHostedElsewhereHops = 4;

    internal const string AbbreviatedJson = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";
    internal const string FullJson = "application/json";
    private const int VersionRequestsAtOnce = 4;
    private readonly HttpTransport _transport;

    public HttpRegistry(Uri baseUrl, HttpTransport transport)
    {
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _transport = transport;
    }

    public Uri BaseUrl { get; }

    public string Display => Redact.Url(BaseUrl);

    public async Task<Packument?> GetPackumentAsync(string name, CancellationToken cancellationToken)
    {
        var url = PackumentUrl(BaseUrl, name);
        Packument? packument;
        IpmException? notJson = null;
        try
        {
            packument = await ReadWithDistAsync(name, url, cancellationToken).ConfigureAwait(false);
        }
        catch (IpmException ex) when (ex.Code == "IPM2004")
        {
            // A static web server answers a folder with an HTML listing; the packument is one level down.
            notJson = ex;
            packument = null;
        }

        // A static folder registry served over http keeps each packument at {name}/index.json.
        packument ??= await TryGetAsync(name, new Uri(BaseUrl, name + "/index.json"), FullJson, cancellationToken).ConfigureAwait(false);
        if (packument is null && notJson is not null)
        {
            throw notJson;
        }

        var visited = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        for (var hop = 1; packument?.HostedAt is { } elsewhere; hop++)
        {
            var next = HostedPackumentUrl(elsewhere, name);
            if (hop > MaxHostedElsewhereHops || !visited.Add(next.AbsoluteUri))
            {
                throw new IpmException(Messages.RegistryRedirectLoop(name, Redact.Url(next)));
            }

            packument = await ReadWithDistAsync(name, next, cancellationToken).ConfigureAwait(false);
        }

        return packument;
    }

    /// <summary><c>{registry}/{name}</c>, scoped names as <c>@scope%2fname</c>.</summary>
    internal static Uri PackumentUrl(Uri registry, string name) => new(registry, PackageNames.UrlEncoded(name));

    /// <summary>
    /// A packument's <c>url</c> names either the packument itself (its path ends with the package name) or the
    /// registry that has it (then the name is appended, as for any registry).
    /// </summary>
    internal static Uri HostedPackumentUrl(Uri hostedAt, string name)
    {
        var path = Uri.UnescapeDataString(hostedAt.AbsolutePath).TrimEnd('/');
        if (path.EndsWith("/" + name, StringComparison.Ordinal))
        {
            return hostedAt;
        }

        var root = hostedAt.GetLeftPart(UriPartial.Path);
        return PackumentUrl(new Uri(root.EndsWith('/') ? root : root + "/"), name);
    }

    // Registries in the "JS Registry" style leave dist out until asked with ?dist=true, or serve it per version.
    private async Task<Packument?> ReadWithDistAsync(string name, Uri url, CancellationToken cancellationToken)
    {
        var packument = await TryGetAsync(name, url, AbbreviatedJson, cancellationToken).ConfigureAwait(false);
        if (packument is null || !MissesDist(packument))
        {
            return packument;
        }

        var withDist = await TryGetAsync(name, new Uri(url.AbsoluteUri + "?dist=true"), FullJson, cancellationToken).ConfigureAwait(false);
        if (withDist is not null && withDist.Versions.Count > 0)
        {
            packument = withDist;
        }

        return MissesDist(packument) ? await FillFromVersionDocumentsAsync(name, url, packument, cancellationToken).ConfigureAwait(false) : packument;
    }

    private static bool MissesDist(Packument p) => p.Versions.Values.Any(m => m.Dist.Tarball is null && m.Dist.Zip is null);

    private async Task<Packument> FillFromVersionDocumentsAsync(string name, Uri url, Packument packument, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(VersionRequestsAtOnce);
        var missing = packument.Versions.Where(kv => kv.Value.Dist.Tarball is null && kv.Value.Dist.Zip is null).Select(kv => kv.Key).ToList();
        var fetched = await Task.WhenAll(missing.Select(async version =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return (version, Manifest: await TryGetVersionAsync(name, version, new Uri(url.AbsoluteUri + "/" + Uri.EscapeDataString(version)), cancellationToken).ConfigureAwait(false));
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);

        var versions = new SortedDictionary<string, PackageManifest>(packument.Versions.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (version, manifest) in fetched)
        {
            if (manifest is not null && (manifest.Dist.Tarball is not null || manifest.Dist.Zip is not null))
            {
                versions[version] = manifest;
            }
        }

        return packument with { Versions = versions };
    }

    private async Task<PackageManifest?> TryGetVersionAsync(string name, string version, Uri url, CancellationToken cancellationToken)
    {
        var got = await GetBodyAsync(name, url, FullJson, cancellationToken).ConfigureAwait(false);
        if (got is not { } response)
        {
            return null;
        }

        using var doc = PackumentReader.ParseJson(name, response.Body, response.Url, response.Type);
        return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
            ? PackumentReader.ReadManifest(doc.RootElement, name, version, response.Url)
            : null;
    }

    private async Task<Packument?> TryGetAsync(string name, Uri url, string accept, CancellationToken cancellationToken)
    {
        var got = await GetBodyAsync(name, url, accept, cancellationToken).ConfigureAwait(false);
        if (got is not { } response)
        {
            return null;
        }

        var packument = PackumentReader.Parse(name, response.Body, response.Url, response.Type, out var stub);
        return stub ? null : packument;
    }

    /// <summary>The body, its content type and final URL; null for 404 and 410. Other failures become coded errors.</summary>
    private async Task<(byte[] Body, string? Type, Uri Url)?> GetBodyAsync(string name, Uri url, string accept, CancellationToken cancellationToken)
    {
        try
        {
            return await _transport.GetAsync(url, accept, async (response, stream, ct) =>
            {
                using var ms = new MemoryStream();
                await stream.CopyToAsync(ms, ct).ConfigureAwait(false);
                return (ms.ToArray(), response.Content.Headers.ContentType?.MediaType, response.RequestMessage?.RequestUri ?? url);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpStatusException ex) when (ex.StatusCode is 404 or 410)
        {
            return null;
        }
        catch (HttpStatusException ex) when (ex.StatusCode == 406 && !string.Equals(accept, FullJson, StringComparison.Ordinal))
        {
            // A server that cannot produce the abbreviated form may refuse it instead of sending full JSON.
            return await GetBodyAsync(name, url, FullJson, cancellationToken).ConfigureAwait(false);
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

    // Messages name the registry a request went to: this one, or the host a packument's url sent the client to.
    private Uri RegistryOf(Uri url) =>
        url.AbsoluteUri.StartsWith(BaseUrl.AbsoluteUri, StringComparison.Ordinal) ? BaseUrl : new Uri(url.GetLeftPart(UriPartial.Authority) + "/");
}
