namespace Bundler.Core.Fetching;

/// <summary>
/// One package archive to fetch. <see cref="Integrity"/> is the registry's SRI string and <see cref="Shasum"/> its
/// sha1 hex (for a zip, the registry's <c>zip_shasum</c>). <see cref="AlternateUrls"/> (an IPFS gateway, say) are
/// tried before <see cref="Url"/> and must verify just the same.
/// </summary>
internal sealed record TarballRequest(string Name, string Version, Uri Url, string? Integrity, string? Shasum)
{
    /// <summary>The archive is a zip (<c>dist.zip</c>) rather than a gzipped tar.</summary>
    public bool IsZip { get; init; }

    public IReadOnlyList<Uri> AlternateUrls { get; init; } = [];

    /// <summary>The range and chain that asked for the package (<see cref="Diagnostics.Messages.Requirement"/>), for messages; empty when unknown.</summary>
    public string Requirement { get; init; } = string.Empty;

    /// <summary><c>name@version</c>, how messages name the package.</summary>
    public string Label => $"{Name}@{Version}";

    /// <summary>
    /// The URL of content <paramref name="cid"/> on an IPFS HTTP gateway, or null when the CID is not a plain
    /// base32/base58 string (it is put into a URL path, so nothing else may pass).
    /// </summary>
    public static Uri? IpfsGatewayUrl(Uri gateway, string? cid)
    {
        if (string.IsNullOrEmpty(cid) || cid.Length > 128 || !cid.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        var root = gateway.AbsoluteUri.EndsWith('/') ? gateway.AbsoluteUri : gateway.AbsoluteUri + "/";
        return new Uri(root + "ipfs/" + cid);
    }
}

/// <summary>A verified archive in the cache. <see cref="Integrity"/> is the SRI hash it was verified against.</summary>
internal sealed record FetchedTarball(TarballRequest Request, string CachePath, string Integrity, long Size, bool FromCache);

/// <summary>How the fetcher may use the network.</summary>
public sealed record FetchOptions
{
    /// <summary>Downloads running at once.</summary>
    public int Jobs { get; init; } = 8;

    /// <summary>Never touch the network; every package must already be in the cache.</summary>
    public bool Offline { get; init; }

    /// <summary>
    /// Use the cache first and the network only for what is missing. Cached archives are content-addressed and
    /// verified on every read, so the fetcher always prefers them; the flag matters to metadata caches.
    /// </summary>
    public bool PreferOffline { get; init; }

    /// <summary>Accept packages with neither integrity nor shasum (a warning each) instead of failing.</summary>
    public bool AllowUnverified { get; init; }

    /// <summary>Largest archive downloaded; a registry streaming more is cut off.</summary>
    public long MaxArchiveBytes { get; init; } = 512L * 1024 * 1024;
}
