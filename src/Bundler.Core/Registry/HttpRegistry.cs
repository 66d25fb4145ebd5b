using System.Text.Json;
using Bundler.Core.Diagnostics;
using Bundler.Core.Registry.Http;

namespace Bundler.Core.Registry;

/// <summary>An npm-compatible registry over http(s), including static folders served by a plain web server.</summary>
public sealed class HttpRegistry : IPackageSource
{
    internal const string AbbreviatedJson = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";
    internal const string FullJson = "application/json";
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
        var url = new Uri(BaseUrl, PackageNames.UrlEncoded(name));
        Packument? packument;
        IpmException? notJson = null;
        try
        {
            packument = await TryGetAsync(name, url, AbbreviatedJson, cancellationToken).ConfigureAwait(false);
        }
        catch (IpmException ex) when (ex.Code == "IPM2004")
        {
            // A static web server answers a folder with an HTML listing; the packument is one level down.
            notJson = ex;
            packument = null;
        }

        if (packument is not null && packument.Versions.Values.Any(m => m.Dist.Tarball is null && m.Dist.Zip is null))
        {
            // Registries in the "JS Registry" style add dist only when asked, or only in the full document.
            packument = await TryGetAsync(name, new Uri(url.AbsoluteUri + "?dist=true"), FullJson, cancellationToken).ConfigureAwait(false) ?? packument;
        }

        // A static folder registry served over http keeps each packument at {name}/index.json.
        packument ??= await TryGetAsync(name, new Uri(BaseUrl, name + "/index.json"), FullJson, cancellationToken).ConfigureAwait(false);
        return packument ?? (notJson is null ? null : throw notJson);
    }

    private async Task<Packument?> TryGetAsync(string name, Uri url, string accept, CancellationToken cancellationToken)
    {
        try
        {
            var (body, type, finalUrl) = await _transport.GetAsync(url, accept, async (response, stream, ct) =>
            {
                using var ms = new MemoryStream();
                await stream.CopyToAsync(ms, ct).ConfigureAwait(false);
                return (ms.ToArray(), response.Content.Headers.ContentType?.MediaType, response.RequestMessage?.RequestUri ?? url);
            }, cancellationToken).ConfigureAwait(false);
            var packument = PackumentReader.Parse(name, body, finalUrl, type);
            if (packument.Versions.Count == 0 && IsFullDocumentWithoutVersions(body))
            {
                return null;
            }

            return packument;
        }
        catch (HttpStatusException ex) when (ex.StatusCode is 404 or 410)
        {
            return null;
        }
        catch (HttpStatusException ex)
        {
            throw new IpmException(Messages.RegistryStatus(Display, name, ex.StatusCode));
        }
        catch (TransportException ex)
        {
            throw new IpmException(Messages.RegistryUnreachable(Display, name, ex.Message));
        }
    }

    // A document with neither versions nor dist-tags (an error object, an unpublished stub) means "not here".
    private static bool IsFullDocumentWithoutVersions(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        return !doc.RootElement.TryGetProperty("dist-tags", out _);
    }
}
