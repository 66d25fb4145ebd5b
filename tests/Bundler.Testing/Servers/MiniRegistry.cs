using System.Text.Json.Nodes;

namespace Bundler.Testing.Servers;

/// <summary>How a <see cref="MiniRegistry"/> describes and serves its packages.</summary>
public sealed record MiniRegistryOptions
{
    /// <summary>The registry's path on the server, with slashes at both ends (<c>/npm/repo/</c>).</summary>
    public string PathPrefix { get; init; } = "/";

    /// <summary>"JS Registry" style: <c>{name}</c> has no <c>dist</c>; <c>{name}?dist=true</c> has it.</summary>
    public bool DistOnlyWithQuery { get; init; }

    /// <summary>"JS Registry" style: <c>{name}</c> has no <c>dist</c>; each <c>{name}/{version}</c> document has it.</summary>
    public bool DistOnlyInVersionDocuments { get; init; }

    /// <summary>Serve zip archives as <c>dist.zip</c> + <c>zip_shasum</c> (no tarball, no integrity).</summary>
    public bool Zip { get; init; }

    /// <summary>IPFS-backed mirror: each dist also has <c>cid</c> and <c>source</c> (a URL on <see cref="SourceHost"/>, never served).</summary>
    public bool Ipfs { get; init; }

    /// <summary>The host name archive URLs use. <c>localhost</c> reaches the same server as a different host.</summary>
    public string ArchiveHost { get; init; } = "127.0.0.1";

    public string SourceHost { get; init; } = "upstream.invalid";
}

/// <summary>
/// A small npm-protocol registry on a <see cref="FaultServer"/> (127.0.0.1, free port) serving
/// <see cref="FixturePackage"/>s in the shapes real registries use (<see cref="MiniRegistryOptions"/>). Every request
/// is recorded with its headers (<see cref="Requests"/>), so tests can see where credentials went. Paths not
/// published answer 404; any path can be scripted further through <see cref="Server"/>.
/// </summary>
public sealed class MiniRegistry : IAsyncDisposable
{
    private readonly Dictionary<string, byte[]> _archives = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _cids = new(StringComparer.Ordinal);

    public MiniRegistry(MiniRegistryOptions? options = null)
    {
        Options = options ?? new MiniRegistryOptions();
        Server = new FaultServer();
    }

    public MiniRegistryOptions Options { get; }

    public FaultServer Server { get; }

    /// <summary>The registry URL, with a trailing slash.</summary>
    public string Url => $"http://127.0.0.1:{Server.Port}{Options.PathPrefix}";

    public IReadOnlyList<RecordedRequest> Requests => Server.Requests;

    /// <summary>The archive bytes served for <c>name@version</c>.</summary>
    public byte[] Archive(string id) => _archives[id];

    /// <summary>The <c>dist.cid</c> given for <c>name@version</c> (with <see cref="MiniRegistryOptions.Ipfs"/>).</summary>
    public string Cid(string id) => _cids[id];

    /// <summary>The path on the server of a package's packument (<c>@scope%2fname</c> for scoped names).</summary>
    public string PackumentPath(string name) => Options.PathPrefix + name.Replace("/", "%2f", StringComparison.Ordinal);

    /// <summary>
    /// Serves every version of the packages' names (all versions of one name in one call). <paramref name="archive"/>
    /// replaces the archive built from a package (a hostile one, say); dist describes whatever is served.
    /// </summary>
    public void Publish(IEnumerable<FixturePackage> packages, Func<FixturePackage, byte[]>? archive = null)
    {
        foreach (var group in packages.GroupBy(p => p.Name, StringComparer.Ordinal))
        {
            var versions = new JsonObject();
            var bare = new JsonObject();
            foreach (var p in group.OrderBy(p => p.Version, FixtureVersionOrder.Instance))
            {
                var bytes = archive?.Invoke(p) ?? (Options.Zip ? PackageArchive.Zip(p) : PackageArchive.Tarball(p));
                _archives[p.Id] = bytes;
                var file = $"{p.Name}/-/{p.Name[(p.Name.IndexOf('/', StringComparison.Ordinal) + 1)..]}-{p.Version}{(Options.Zip ? ".zip" : ".tgz")}";
                Server.On(Options.PathPrefix + file, FaultResponse.Ok(bytes));
                var manifest = VersionDocument(p, Dist(p, bytes, $"http://{Options.ArchiveHost}:{Server.Port}{Options.PathPrefix}{file}"));
                versions[p.Version] = manifest;
                var withoutDist = (JsonObject)manifest.DeepClone();
                withoutDist.Remove("dist");
                bare[p.Version] = withoutDist;
                if (Options.DistOnlyInVersionDocuments)
                {
                    Server.On($"{PackumentPath(p.Name)}/{p.Version}", FaultResponse.Text(manifest.ToJsonString()));
                }
            }

            var name = group.Key;
            var hidden = Options.DistOnlyWithQuery || Options.DistOnlyInVersionDocuments;
            Server.On(PackumentPath(name), FaultResponse.Text(Packument(name, group, hidden ? bare : versions).ToJsonString()));
            if (Options.DistOnlyWithQuery)
            {
                Server.On(PackumentPath(name) + "?dist=true", FaultResponse.Text(Packument(name, group, versions).ToJsonString()));
            }
        }
    }

    /// <summary>Answers <paramref name="name"/>'s packument with <c>{"name": ..., "url": url}</c>: "hosted on another registry".</summary>
    public void PointElsewhere(string name, string url) =>
        Server.On(PackumentPath(name), FaultResponse.Text(new JsonObject { ["name"] = name, ["url"] = url }.ToJsonString()));

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private JsonObject Dist(FixturePackage p, byte[] bytes, string url)
    {
        var dist = Options.Zip
            ? new JsonObject { ["zip"] = url, ["zip_shasum"] = PackageArchive.Shasum(bytes) }
            : new JsonObject { ["tarball"] = url, ["shasum"] = PackageArchive.Shasum(bytes), ["integrity"] = PackageArchive.Integrity(bytes) };
        if (Options.Ipfs)
        {
            // A stand-in CID: base32 letters from the content's hash, so other bytes get another CID.
            var cid = "bafk" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..40];
            _cids[p.Id] = cid;
            dist["cid"] = cid;
            dist["source"] = $"http://{Options.SourceHost}/{p.Name}/-/{p.Name}-{p.Version}.tgz";
        }

        return dist;
    }

    private static JsonObject VersionDocument(FixturePackage p, JsonObject dist)
    {
        var m = p.Manifest();
        m["_id"] = p.Id;
        if (p.DeprecationMessage is not null)
        {
            m["deprecated"] = p.DeprecationMessage;
        }

        m["dist"] = dist;
        return m;
    }

    private static JsonObject Packument(string name, IEnumerable<FixturePackage> group, JsonObject versions)
    {
        var list = group.OrderBy(p => p.Version, FixtureVersionOrder.Instance).ToList();
        var stable = list.Where(p => !FixtureVersionOrder.IsPrerelease(p.Version)).ToList();
        var tags = new JsonObject { ["latest"] = (stable.Count > 0 ? stable : list)[^1].Version };
        foreach (var p in list)
        {
            foreach (var tag in p.DistTags)
            {
                tags[tag] = p.Version;
            }
        }

        return new JsonObject
        {
            ["name"] = name,
            ["description"] = "test fixture " + name,
            ["dist-tags"] = tags,
            ["versions"] = versions.DeepClone(),
        };
    }
}
