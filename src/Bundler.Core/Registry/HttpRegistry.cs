using Bundler.Core.Diagnostics;
using Bundler.Core.Registry.Http;

namespace Bundler.Core.Registry;

/// <summary>
/// An npm-compatible registry over http(s), including static folders served by a plain web server and the
/// variants some registries use: <c>dist</c> only with <c>?dist=true</c> or from <c>{name}/{version}</c>
/// ("JS Registry" style), and a packument whose <c>url</c> says the package is hosted on another registry.
/// </summary>
public sealed partial class HttpRegistry : IPackageSource
{
    /// <summary>How many times a packument may send the client to another registry (<c>url</c>) before IPM2009.</summary>
    public const int MaxHostedElsewhereHops = 4;

    internal const string AbbreviatedJson = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";
    internal const string FullJson = "application/json";
    private const int VersionRequestsAtOnce = 4;
    private readonly HttpTransport _transport;
    private readonly PackumentCache? _cache;
    private readonly IBundleLog _log;

    /// <summary>A registry at <paramref name="baseUrl"/>; with <paramref name="cache"/>, its responses are cached in the cache's mode.</summary>
    public HttpRegistry(Uri baseUrl, HttpTransport transport, PackumentCache? cache = null, IBundleLog? log = null)
    {
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _transport = transport;
        _cache = cache;
        _log = log ?? NullBundleLog.Instance;
    }

    public Uri BaseUrl { get; }

    public string Display => Redact.Url(BaseUrl);

    public async Task<Packument?> GetPackumentAsync(string name, CancellationToken cancellationToken)
    {
        var url = PackumentUrl(BaseUrl, name);
        var lookup = new Lookup();
        Packument? packument;
        IpmException? notJson = null;
        try
        {
            packument = await ReadWithDistAsync(name, url, lookup, cancellationToken).ConfigureAwait(false);
        }
        catch (IpmException ex) when (ex.Code == "IPM2004")
        {
            // A static web server answers a folder with an HTML listing; the packument is one level down.
            notJson = ex;
            packument = null;
        }

        // A static folder registry served over http keeps each packument at {name}/index.json.
        packument ??= await TryGetAsync(name, new Uri(BaseUrl, name + "/index.json"), FullJson, lookup, cancellationToken).ConfigureAwait(false);
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

            packument = await ReadWithDistAsync(name, next, lookup, cancellationToken).ConfigureAwait(false);
        }

        return Finish(name, packument, lookup);
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
    private async Task<Packument?> ReadWithDistAsync(string name, Uri url, Lookup lookup, CancellationToken cancellationToken)
    {
        var packument = await TryGetAsync(name, url, AbbreviatedJson, lookup, cancellationToken).ConfigureAwait(false);
        if (packument is null || !MissesDist(packument))
        {
            return packument;
        }

        var withDist = await TryGetAsync(name, new Uri(url.AbsoluteUri + "?dist=true"), FullJson, lookup, cancellationToken).ConfigureAwait(false);
        if (withDist is not null && withDist.Versions.Count > 0)
        {
            packument = withDist;
        }

        return MissesDist(packument) ? await FillFromVersionDocumentsAsync(name, url, packument, lookup, cancellationToken).ConfigureAwait(false) : packument;
    }

    private static bool MissesDist(Packument p) => p.Versions.Values.Any(m => m.Dist.Tarball is null && m.Dist.Zip is null);

    private async Task<Packument> FillFromVersionDocumentsAsync(string name, Uri url, Packument packument, Lookup lookup, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(VersionRequestsAtOnce);
        var missing = packument.Versions.Where(kv => kv.Value.Dist.Tarball is null && kv.Value.Dist.Zip is null).Select(kv => kv.Key).ToList();
        var fetched = await Task.WhenAll(missing.Select(async version =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return (version, Manifest: await TryGetVersionAsync(name, version, new Uri(url.AbsoluteUri + "/" + Uri.EscapeDataString(version)), lookup, cancellationToken).ConfigureAwait(false));
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

    private Task<PackageManifest?> TryGetVersionAsync(string name, string version, Uri url, Lookup lookup, CancellationToken cancellationToken) =>
        GetCachedAsync(name, url, FullJson, lookup, body =>
        {
            using var doc = PackumentReader.ParseJson(name, body.Bytes, body.Url, body.Type);
            return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                ? PackumentReader.ReadManifest(doc.RootElement, name, version, body.Url)
                : null;
        }, cancellationToken);

    private Task<Packument?> TryGetAsync(string name, Uri url, string accept, Lookup lookup, CancellationToken cancellationToken) =>
        GetCachedAsync(name, url, accept, lookup, body =>
        {
            var packument = PackumentReader.Parse(name, body.Bytes, body.Url, body.Type, out var stub);
            return stub ? null : packument;
        }, cancellationToken);

    // Messages name the registry a request went to: this one, or the host a packument's url sent the client to.
    private Uri RegistryOf(Uri url) =>
        url.AbsoluteUri.StartsWith(BaseUrl.AbsoluteUri, StringComparison.Ordinal) ? BaseUrl : new Uri(url.GetLeftPart(UriPartial.Authority) + "/");
}
