using System.Text.Json.Nodes;
using Bundler.Testing.Servers;

namespace Bundler.Integration.Tests.Fetching;

/// <summary>
/// An npm registry made of a <see cref="FaultServer"/>: packuments written here from packed fixtures, tarballs
/// served from the same server, and any fault scripted before the good answer.
/// </summary>
internal sealed class FaultRegistry : IAsyncDisposable
{
    private int _disposed;

    public FaultServer Server { get; } = new();

    public string Url => $"http://127.0.0.1:{Server.Port}/";

    public static string PackumentPath(string name) => "/" + name;

    public static string TarballPath(PackedPackage p) => $"/{p.Name}/-/{p.Name}-{p.Version}.tgz";

    /// <summary>Serves packuments and tarballs; each may first answer with the faults given for it.</summary>
    public void Publish(IEnumerable<PackedPackage> packages, Func<PackedPackage, FaultResponse[]>? tarballFaults = null,
        Func<string, FaultResponse[]>? packumentFaults = null, Action<PackedPackage, JsonObject>? editDist = null)
    {
        foreach (var versions in packages.GroupBy(p => p.Name, StringComparer.Ordinal))
        {
            var doc = Packument(versions.ToList(), editDist);
            Server.On(PackumentPath(versions.Key), [.. packumentFaults?.Invoke(versions.Key) ?? [], FaultResponse.Text(doc.ToJsonString())]);
            foreach (var p in versions)
            {
                Server.On(TarballPath(p), [.. tarballFaults?.Invoke(p) ?? [], FaultResponse.Ok(p.Tarball)]);
            }
        }
    }

    /// <summary>Requests for the package's tarball so far.</summary>
    public int TarballRequests(PackedPackage p) => Server.CountRequests(TarballPath(p));

    public int PackumentRequests(string name) => Server.CountRequests(PackumentPath(name));

    /// <summary>Stops the server (a test may stop it early, to prove nothing more is asked of it).</summary>
    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _disposed, 1) == 0 ? Server.DisposeAsync() : ValueTask.CompletedTask;

    private JsonObject Packument(IReadOnlyList<PackedPackage> versions, Action<PackedPackage, JsonObject>? editDist)
    {
        var all = new JsonObject();
        foreach (var p in versions)
        {
            var manifest = p.Package.Manifest();
            var dist = new JsonObject
            {
                ["tarball"] = Server.Url(TarballPath(p)).AbsoluteUri,
                ["integrity"] = p.Integrity,
                ["shasum"] = p.Shasum,
            };
            editDist?.Invoke(p, dist);
            manifest["dist"] = dist;
            all[p.Version] = manifest;
        }

        return new JsonObject
        {
            ["name"] = versions[0].Name,
            ["dist-tags"] = new JsonObject { ["latest"] = versions[^1].Version },
            ["versions"] = all,
        };
    }
}
