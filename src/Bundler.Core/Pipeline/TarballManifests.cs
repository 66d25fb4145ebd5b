using System.Security.Cryptography;
using Bundler.Core.Archives;
using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;
using Bundler.Core.Registry.Http;
using Bundler.Core.Resolution;

namespace Bundler.Core.Pipeline;

/// <summary>
/// Reads tarball URL dependencies for the resolver, as npm does while resolving: downloads the archive once, hashes it
/// (the lock records that sha512, so the fetch stage later verifies the same bytes), and reads its package.json
/// through the safe extractor. Each URL is read once per run.
/// </summary>
internal sealed class TarballManifests : ITarballManifestSource
{
    private readonly HttpTransport _transport;
    private readonly ExtractionLimits _limits;
    private readonly long _maxBytes;
    private readonly Dictionary<string, Task<(PackageManifest, string)>> _read = new(StringComparer.Ordinal);

    public TarballManifests(HttpTransport transport, ExtractionLimits limits, long maxBytes = 512L * 1024 * 1024)
    {
        _transport = transport;
        _limits = limits;
        _maxBytes = maxBytes;
    }

    public Task<(PackageManifest Manifest, string Integrity)> ReadAsync(Uri url, CancellationToken cancellationToken)
    {
        lock (_read)
        {
            if (!_read.TryGetValue(url.AbsoluteUri, out var task))
            {
                _read[url.AbsoluteUri] = task = ReadOnceAsync(url, cancellationToken);
            }

            return task;
        }
    }

    private async Task<(PackageManifest, string)> ReadOnceAsync(Uri url, CancellationToken cancellationToken)
    {
        var shown = UrlRedaction.Redact(url);
        byte[] bytes;
        try
        {
            bytes = await _transport.GetAsync(url, null, async (_, stream, ct) =>
            {
                using var ms = new MemoryStream();
                var buffer = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    if (ms.Length + read > _maxBytes)
                    {
                        throw new IpmException(Messages.TarballTooLarge(shown, shown, _maxBytes));
                    }

                    ms.Write(buffer, 0, read);
                }

                return ms.ToArray();
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpStatusException or TransportException)
        {
            throw new IpmException(Messages.DownloadFailed(shown, shown, ex.Message), ex);
        }

        var integrity = "sha512-" + Convert.ToBase64String(SHA512.HashData(bytes));
        var temp = Path.Combine(Path.GetTempPath(), "ipm-url-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var archive = new MemoryStream(bytes, writable: false);
            var extracted = PackageExtractor.Extract(archive, ArchiveFormat.TarGz, Path.Combine(temp, "package"), shown, _limits, cancellationToken);
            var manifestPath = Path.Combine(extracted.Directory, "package.json");
            if (!File.Exists(manifestPath))
            {
                throw new IpmException(Messages.ManifestUnreadable(shown, "the archive has no package.json"));
            }

            var manifest = LocalPackages.ReadManifest(manifestPath, Path.GetFileNameWithoutExtension(url.AbsolutePath));
            return (manifest with { Dist = new Dist { Tarball = url, Integrity = integrity } }, integrity);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }
}
