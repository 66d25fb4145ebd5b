using System.Runtime.ExceptionServices;

namespace Bundler.Testing;

/// <summary>Publishes <see cref="FixturePackage"/>s to a Verdaccio with the real npm CLI.</summary>
public static class FixtureRegistry
{
    /// <summary>
    /// Starts a Verdaccio of its own and publishes the packages to it (see <see cref="Publish"/>). With
    /// <see cref="VerdaccioOptions.RequireAuth"/> they are published by a user "fixture-publisher"; readers add their own.
    /// </summary>
    public static async Task<VerdaccioServer> StartAsync(IEnumerable<FixturePackage> packages, VerdaccioOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var server = await VerdaccioServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            var token = server.Options.RequireAuth
                ? await server.AddUserAsync("fixture-publisher", "pw-" + Guid.NewGuid().ToString("N"), cancellationToken).ConfigureAwait(false)
                : NpmClient.AnonymousToken;
            await Task.Run(() => Publish(server.Url, packages, token), cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Publishes every package with <c>npm publish</c>. Versions of one name go in ascending semver order, stable
    /// ones with tag <c>latest</c> and prereleases with tag <c>next</c>, so <c>latest</c> ends on the highest stable
    /// version as on a real registry. Then each package's <see cref="FixturePackage.DistTags"/> are applied, then its
    /// deprecation. Different names are published two at a time.
    /// </summary>
    public static void Publish(string registryUrl, IEnumerable<FixturePackage> packages, string token = NpmClient.AnonymousToken)
    {
        var list = packages.ToList();
        var duplicate = list.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"{duplicate.Key} is listed twice", nameof(packages));
        }

        using var work = new TempDirectory("ipm-fixtures");
        var byName = list.GroupBy(p => p.Name, StringComparer.Ordinal)
            .Select(g => g.OrderBy(p => p.Version, FixtureVersionOrder.Instance).ToList())
            .OrderBy(g => g[0].Name, StringComparer.Ordinal)
            .ToList();
        try
        {
            Parallel.ForEach(byName, new ParallelOptions { MaxDegreeOfParallelism = 2 }, versions =>
            {
                foreach (var p in versions)
                {
                    var tag = FixtureVersionOrder.IsPrerelease(p.Version) ? "next" : "latest";
                    NpmClient.Publish(p.WriteTo(work.Path), registryUrl, token, tag);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // Callers catch NpmCommandException, not the wrapper Parallel puts around it.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        foreach (var p in list)
        {
            foreach (var tag in p.DistTags)
            {
                NpmClient.DistTag(p.Name, p.Version, tag, registryUrl, token);
            }

            if (p.DeprecationMessage is not null)
            {
                NpmClient.Deprecate(p.Name, p.Version, p.DeprecationMessage, registryUrl, token);
            }
        }
    }
}
