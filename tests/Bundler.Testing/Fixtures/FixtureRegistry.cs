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
        Parallel.ForEach(byName, new ParallelOptions { MaxDegreeOfParallelism = 2 }, versions =>
        {
            foreach (var p in versions)
            {
                var tag = FixtureVersionOrder.IsPrerelease(p.Version) ? "next" : "latest";
                NpmClient.Publish(p.WriteTo(work.Path), registryUrl, token, tag);
            }
        });

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

/// <summary>Semver 2 precedence for fixture versions (build metadata ignored). The harness's own, so the tests
/// never order fixtures with the code they test.</summary>
public sealed class FixtureVersionOrder : IComparer<string>
{
    public static readonly FixtureVersionOrder Instance = new();

    public static bool IsPrerelease(string version) => Split(version).Pre is not null;

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var (xCore, xPre) = Split(x);
        var (yCore, yPre) = Split(y);
        for (var i = 0; i < 3; i++)
        {
            var c = xCore[i].CompareTo(yCore[i]);
            if (c != 0)
            {
                return c;
            }
        }

        if (xPre is null || yPre is null)
        {
            return xPre is null ? (yPre is null ? 0 : 1) : -1;
        }

        for (var i = 0; i < Math.Min(xPre.Length, yPre.Length); i++)
        {
            var c = CompareIdentifier(xPre[i], yPre[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return xPre.Length.CompareTo(yPre.Length);
    }

    private static int CompareIdentifier(string a, string b)
    {
        var aNum = ulong.TryParse(a, out var an) && a.All(char.IsAsciiDigit);
        var bNum = ulong.TryParse(b, out var bn) && b.All(char.IsAsciiDigit);
        return (aNum, bNum) switch
        {
            (true, true) => an.CompareTo(bn),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(a, b),
        };
    }

    private static (ulong[] Core, string[]? Pre) Split(string version)
    {
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        var v = plus < 0 ? version : version[..plus];
        var dash = v.IndexOf('-', StringComparison.Ordinal);
        var core = (dash < 0 ? v : v[..dash]).Split('.');
        if (core.Length != 3)
        {
            throw new FormatException($"fixture version '{version}' is not MAJOR.MINOR.PATCH[-PRE][+BUILD]");
        }

        return (core.Select(p => ulong.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            dash < 0 ? null : v[(dash + 1)..].Split('.'));
    }
}
