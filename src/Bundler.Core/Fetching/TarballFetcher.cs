using System.Runtime.ExceptionServices;
using Bundler.Core.Diagnostics;
using Bundler.Core.Registry.Http;

namespace Bundler.Core.Fetching;

/// <summary>
/// Fills the cache with verified package archives: cache first, then alternate URLs, then the registry URL,
/// at most <see cref="FetchOptions.Jobs"/> at a time. Bytes are hashed while written to a temporary file and only
/// a verified file is renamed into the cache.
/// </summary>
internal sealed class TarballFetcher
{
    private const int BufferSize = 81920;
    private readonly HttpTransport _transport;
    private readonly ContentCache _cache;
    private readonly FetchOptions _options;
    private readonly IBundleLog _log;
    private long _downloadedBytes;

    public TarballFetcher(HttpTransport transport, ContentCache cache, FetchOptions options, IBundleLog log)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Jobs, 1);
        _transport = transport;
        _cache = cache;
        _options = options;
        _log = log;
    }

    /// <summary>
    /// Fetches every request; results come in request order. The first failure stops the remaining downloads and
    /// is thrown (an <see cref="IpmException"/>); offline, one IPM4005 lists every package missing from the cache.
    /// </summary>
    public async Task<IReadOnlyList<FetchedTarball>> FetchAllAsync(IReadOnlyList<TarballRequest> requests, CancellationToken cancellationToken)
    {
        var results = new FetchedTarball?[requests.Count];
        var errors = new Exception?[requests.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var gate = new SemaphoreSlim(_options.Jobs);
        Interlocked.Exchange(ref _downloadedBytes, 0);

        async Task RunAsync(int i)
        {
            try
            {
                await gate.WaitAsync(stop.Token).ConfigureAwait(false);
                try
                {
                    results[i] = await FetchOneAsync(requests[i], stop.Token).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The caller cancelled, or another package failed and stopped the rest.
            }
            catch (Exception ex)
            {
                errors[i] = ex;
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, requests.Count).Select(RunAsync)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (errors.FirstOrDefault(e => e is not null) is { } first)
        {
            ExceptionDispatchInfo.Throw(first);
        }

        var missing = requests.Where((_, i) => results[i] is null).Select(r => r.Label).ToList();
        if (missing.Count > 0)
        {
            throw new IpmException(Messages.OfflineMissing(missing));
        }

        var fetched = results.Select(r => r!).ToList();
        var fromCache = fetched.Count(f => f.FromCache);
        _log.Summary($"fetch: {fetched.Count} packages, {fetched.Count - fromCache} downloaded ({Interlocked.Read(ref _downloadedBytes)} bytes), {fromCache} from cache");
        return fetched;
    }

    /// <summary>One package: a verified cache entry, or a download; null when offline and not cached.</summary>
    private async Task<FetchedTarball?> FetchOneAsync(TarballRequest request, CancellationToken cancellationToken)
    {
        var expected = ExpectedIntegrity.Parse(request.Integrity, request.Shasum, request.Label);
        if (expected is null && !_options.AllowUnverified)
        {
            throw new IpmException(Messages.NoIntegrity(request.Label));
        }

        try
        {
            if (expected is not null && _cache.TryGet(expected, request.Label, _log) is { } hit)
            {
                _log.Detail($"{request.Label}: from cache {hit.Path}");
                return new FetchedTarball(request, hit.Path, hit.Integrity, hit.Size, FromCache: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IpmException(Messages.CacheUnusable(_cache.Root, ex.Message), ex);
        }

        if (_options.Offline)
        {
            return null;
        }

        if (expected is null)
        {
            _log.Report(Messages.UnverifiedPackage(request.Label, UrlRedaction.Redact(request.Url)));
        }

        foreach (var url in request.AlternateUrls)
        {
            try
            {
                return await DownloadAsync(request, url, expected, cancellationToken).ConfigureAwait(false);
            }
            catch (IpmException ex)
            {
                // An alternate source that is down or serves other bytes is skipped; the registry URL is the authority.
                _log.Detail($"{request.Label}: {ex.Message}; trying the next source");
            }
        }

        return await DownloadAsync(request, request.Url, expected, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FetchedTarball> DownloadAsync(TarballRequest request, Uri url, ExpectedIntegrity? expected, CancellationToken cancellationToken)
    {
        var algorithm = expected?.Algorithm ?? "sha512";
        var shownUrl = UrlRedaction.Redact(url);
        string? temp = null;
        try
        {
            temp = _cache.NewTempPath(expected);
            var (digest, size) = await _transport.GetAsync(url, "application/octet-stream, */*",
                (_, body, token) => WriteAsync(body, temp, algorithm, request.Label, shownUrl, token), cancellationToken).ConfigureAwait(false);
            if (expected is not null && !expected.Matches(digest))
            {
                throw new IpmException(Messages.IntegrityMismatch(request.Label, request.Requirement, shownUrl, expected.Describe(), ExpectedIntegrity.Sri(algorithm, digest)));
            }

            var path = _cache.Commit(temp, algorithm, digest);
            Interlocked.Add(ref _downloadedBytes, size);
            _log.Detail($"{request.Label}: downloaded {size} bytes from {shownUrl}");
            return new FetchedTarball(request, path, ExpectedIntegrity.Sri(algorithm, digest), size, FromCache: false);
        }
        catch (HttpStatusException ex)
        {
            throw new IpmException(Messages.DownloadFailed(request.Label, shownUrl, $"HTTP {ex.StatusCode}"), ex);
        }
        catch (TransportException ex)
        {
            throw new IpmException(Messages.DownloadFailed(request.Label, shownUrl, ex.Message), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IpmException(Messages.CacheUnusable(_cache.Root, ex.Message), ex);
        }
        finally
        {
            if (temp is not null)
            {
                ContentCache.TryDelete(temp);
            }
        }
    }

    /// <summary>Writes one attempt's body to the temporary file (truncating what an earlier attempt left), hashing as it goes.</summary>
    private async Task<(byte[] Digest, long Size)> WriteAsync(Stream body, string temp, string algorithm, string label, string shownUrl, CancellationToken token)
    {
        var file = CreateTemp(temp);
        await using (file.ConfigureAwait(false))
        {
            using var hash = ExpectedIntegrity.CreateHash(algorithm);
            var buffer = new byte[BufferSize];
            long size = 0;
            int n;
            while ((n = await body.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
            {
                size += n;
                if (size > _options.MaxArchiveBytes)
                {
                    throw new IpmException(Messages.TarballTooLarge(label, shownUrl, _options.MaxArchiveBytes));
                }

                hash.AppendData(buffer, 0, n);
                await file.WriteAsync(buffer.AsMemory(0, n), token).ConfigureAwait(false);
            }

            await file.FlushAsync(token).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
            return (hash.GetHashAndReset(), size);
        }
    }

    // The folder was created with the temporary name, but `ipm cache clean` in another process may remove it
    // while still empty; create it again rather than fail the build.
    private static FileStream CreateTemp(string temp)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            }
            catch (DirectoryNotFoundException) when (attempt < 3)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
            }
        }
    }
}
