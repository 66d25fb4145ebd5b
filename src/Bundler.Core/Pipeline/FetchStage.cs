using Bundler.Core.Diagnostics;
using Bundler.Core.Fetching;
using Bundler.Core.Resolution;

namespace Bundler.Core.Pipeline;

/// <summary>A verified archive: in the cache (<see cref="Fetched"/> set) or read in place from a folder registry.</summary>
internal sealed record FetchedArchive(string Path, FetchedTarball? Fetched, ContentCache? Cache);

/// <summary>Gets every archive of a tree, verified: registry archives through the cache, folder-registry archives in place.</summary>
internal static class FetchStage
{
    /// <summary>Archive per package install path (local folder packages have none).</summary>
    public static async Task<IReadOnlyDictionary<string, FetchedArchive>> FetchAsync(BundleRequest request, RestoreStage restore, ResolvedTree tree, IBundleLog log, CancellationToken cancellationToken)
    {
        var result = new SortedDictionary<string, FetchedArchive>(StringComparer.Ordinal);
        var remote = new List<(ResolvedPackage Package, TarballRequest Request)>();
        var requirements = TreeQueries.FirstRequirements(tree, request.RootName);
        foreach (var p in tree.Packages.Where(p => p.LocalPath is null))
        {
            var label = $"{p.PackageName}@{p.Version}";
            var requirement = requirements.TryGetValue(p.Path, out var r) ? Messages.Requirement(r.Range, r.Chain) : string.Empty;
            if (p.Resolved is null)
            {
                throw new IpmException(Messages.DownloadFailed(label, "(none)", "the registry gave no archive URL"));
            }

            if (p.Resolved.StartsWith("file:", StringComparison.Ordinal))
            {
                result[p.Path] = new FetchedArchive(await VerifyLocalAsync(request, p, label, requirement, log, cancellationToken).ConfigureAwait(false), null, null);
                continue;
            }

            var url = new Uri(p.Resolved);
            var alternates = request.IpfsGateway is not null && TarballRequest.IpfsGatewayUrl(new Uri(request.IpfsGateway), p.Cid) is { } ipfs ? new[] { ipfs } : [];
            remote.Add((p, new TarballRequest(p.PackageName, p.Version, url, p.Integrity, p.Shasum) { IsZip = p.IsZip, AlternateUrls = alternates, Requirement = requirement }));
        }

        if (remote.Count > 0)
        {
            var cache = new ContentCache(request.CacheDirectory ?? ContentCache.DefaultRoot);
            var options = new FetchOptions { Jobs = request.Jobs, Offline = request.Offline, PreferOffline = request.PreferOffline, AllowUnverified = request.AllowUnverified };
            var fetched = await new TarballFetcher(restore.Transport, cache, options, log).FetchAllAsync(remote.Select(r => r.Request).ToList(), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < remote.Count; i++)
            {
                result[remote[i].Package.Path] = new FetchedArchive(fetched[i].CachePath, fetched[i], cache);
            }
        }

        return result;
    }

    // Archives in a folder registry are read where they are; the same integrity rules apply.
    private static async Task<string> VerifyLocalAsync(BundleRequest request, ResolvedPackage p, string label, string requirement, IBundleLog log, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(p.Resolved![5..], request.ProjectDirectory);
        if (!File.Exists(path))
        {
            throw new IpmException(Messages.DownloadFailed(label, path, "file not found"));
        }

        var expected = ExpectedIntegrity.Parse(p.Integrity, p.Shasum, label);
        if (expected is null)
        {
            if (!request.AllowUnverified)
            {
                throw new IpmException(Messages.NoIntegrity(label));
            }

            log.Report(Messages.UnverifiedPackage(label, path));
            return path;
        }

        using var hash = expected.CreateHash();
        await using (var stream = File.OpenRead(path))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        var actual = hash.GetHashAndReset();
        if (!expected.Matches(actual))
        {
            throw new IpmException(Messages.IntegrityMismatch(label, requirement, path, expected.Describe(), ExpectedIntegrity.Sri(expected.Algorithm, actual)));
        }

        return path;
    }
}
