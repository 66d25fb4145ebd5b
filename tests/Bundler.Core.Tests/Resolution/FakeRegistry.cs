using Bundler.Core.Registry;

namespace Bundler.Core.Tests.Resolution;

/// <summary>An in-memory registry for resolver unit tests; every feature is also tested against Verdaccio.</summary>
internal sealed class FakeRegistry : IPackageSource
{
    private readonly Dictionary<string, Dictionary<string, PackageManifest>> _packages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _tags = new(StringComparer.Ordinal);

    public string Display => "fake://registry";

    public List<string> Reads { get; } = [];

    /// <summary>Adds a version; <paramref name="deps"/> like "a@^1", "b@~2.0"; a prefix marks the kind:
    /// "?a@^1" optional, "!a@^1" peer, "!?a@^1" optional peer.</summary>
    public FakeRegistry Add(string name, string version, params string[] deps) => AddDeprecated(name, version, null, deps);

    /// <summary>Adds a version with a deprecation message (a separate name: an overload would swallow the first dependency).</summary>
    public FakeRegistry AddDeprecated(string name, string version, string? deprecated, params string[] deps)
    {
        if (!_packages.TryGetValue(name, out var versions))
        {
            _packages[name] = versions = new Dictionary<string, PackageManifest>(StringComparer.Ordinal);
        }

        versions[version] = new PackageManifest
        {
            Name = name,
            Version = version,
            Deprecated = deprecated,
            Dependencies = Parse(deps.Where(d => !d.StartsWith('?') && !d.StartsWith('!'))),
            OptionalDependencies = Parse(deps.Where(d => d.StartsWith('?')).Select(d => d[1..])),
            PeerDependencies = Parse(deps.Where(d => d.StartsWith('!')).Select(d => d.TrimStart('!', '?'))),
            OptionalPeers = Parse(deps.Where(d => d.StartsWith("!?", StringComparison.Ordinal)).Select(d => d[2..])).Keys.ToList(),
            Dist = new Dist { Tarball = new Uri($"http://fake.invalid/{name}/-/{PackageNames.Basename(name)}-{version}.tgz"), Integrity = "sha512-" + name + version },
        };
        return this;
    }

    /// <summary>Changes one version's manifest (bundleDependencies and the like).</summary>
    public FakeRegistry Change(string name, string version, Func<PackageManifest, PackageManifest> change)
    {
        _packages[name][version] = change(_packages[name][version]);
        return this;
    }

    public FakeRegistry Tag(string name, string tag, string version)
    {
        if (!_tags.TryGetValue(name, out var t))
        {
            _tags[name] = t = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        t[tag] = version;
        return this;
    }

    public Task<Packument?> GetPackumentAsync(string name, CancellationToken cancellationToken)
    {
        lock (Reads)
        {
            Reads.Add(name);
        }

        if (!_packages.TryGetValue(name, out var versions))
        {
            return Task.FromResult<Packument?>(null);
        }

        var tags = _tags.TryGetValue(name, out var t) ? new Dictionary<string, string>(t, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);
        return Task.FromResult<Packument?>(new Packument
        {
            Name = name,
            DistTags = tags,
            Versions = new SortedDictionary<string, PackageManifest>(versions, StringComparer.Ordinal),
            Source = new Uri("http://fake.invalid/" + name),
        });
    }

    private static SortedDictionary<string, string> Parse(IEnumerable<string> deps)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in deps)
        {
            var at = d.IndexOf('@', d.StartsWith('@') ? 1 : 0);
            result[d[..at]] = d[(at + 1)..];
        }

        return result;
    }
}
