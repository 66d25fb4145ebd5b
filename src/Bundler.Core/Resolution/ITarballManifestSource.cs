using Bundler.Core.Registry;

namespace Bundler.Core.Resolution;

/// <summary>
/// Reads the package.json inside an archive that a dependency names by URL (<c>"x": "https://host/x-1.0.0.tgz"</c>).
/// npm downloads such archives while resolving to learn their name, version and dependencies; the resolver cannot
/// (fetching is a later stage), so the pipeline passes an implementation built on the fetcher and its cache.
/// </summary>
public interface ITarballManifestSource
{
    /// <summary>The archive's manifest and its integrity (<c>sha512-...</c> of the archive bytes, as the lock records it).</summary>
    Task<(PackageManifest Manifest, string Integrity)> ReadAsync(Uri url, CancellationToken cancellationToken);
}
