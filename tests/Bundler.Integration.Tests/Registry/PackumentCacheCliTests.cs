using System.Text.Json.Nodes;
using Bundler.Integration.Tests.Cli;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Registry;

/// <summary>
/// The packument cache through the real <c>ipm</c> against Verdaccio: a newer version published after the first
/// online run is invisible to <c>--prefer-offline</c> (cached packument), seen by the default mode (revalidated),
/// and <c>--offline</c> without a lock resolves from the cache alone; <c>ipm cache verify/clean</c> count and remove it.
/// </summary>
[Collection(VerdaccioFixture.Collection)]
public sealed class PackumentCacheCliTests : IDisposable
{
    private const string Name = "pcache-widget";
    private readonly TempDirectory _dir = new("ipm-pcache");
    private readonly VerdaccioFixture _registry;
    private readonly IpmProcess _ipm;

    public PackumentCacheCliTests(VerdaccioFixture registry)
    {
        _registry = registry;
        registry.EnsurePublished([Widget("1.0.0")]);
        _dir.Write("project/.npmrc", $"registry={registry.Url}\n");
        _ipm = new IpmProcess(_dir);
    }

    private string Project => _dir.Combine("project");

    private string LockPath => Path.Combine(Project, "ipm-lock.json");

    public void Dispose() => _dir.Dispose();

    private static FixturePackage Widget(string version) =>
        new FixturePackage(Name, version).WithFile("index.js", $"module.exports = '{version}';\n");

    /// <summary>Bundles with no lock present, and returns the output and the version the new lock holds.</summary>
    private (ProcessResult Result, string? Version) BundleWithoutLock(params string[] extra)
    {
        File.Delete(LockPath);
        var result = _ipm.Run(Project, ["bundle", Name + "@^1.0.0", "--out", "gen", "--verbose", .. extra]);
        var version = File.Exists(LockPath)
            ? (string?)JsonNode.Parse(File.ReadAllText(LockPath))!["packages"]!["node_modules/" + Name]!["version"]
            : null;
        return (result, version);
    }

    [Fact]
    public void Prefer_offline_keeps_the_cached_packument_the_default_mode_revalidates_and_offline_needs_only_the_cache()
    {
        var first = BundleWithoutLock();
        var unchanged = BundleWithoutLock();
        FixtureRegistry.Publish(_registry.Url, [Widget("1.1.0")]);
        var preferOffline = BundleWithoutLock("--prefer-offline");
        var offline = BundleWithoutLock("--offline");
        var revalidated = BundleWithoutLock();
        var offlineAfter = BundleWithoutLock("--offline");
        var verify = _ipm.Run(Project, "cache", "verify", "--json").EnsureSuccess("ipm cache verify");
        var clean = _ipm.Run(Project, "cache", "clean", "--json").EnsureSuccess("ipm cache clean");
        var offlineCleaned = BundleWithoutLock("--offline");

        Assert.Equal(("1.0.0", 0), (first.Version, first.Result.ExitCode));
        Assert.Contains($"packument {Name}: downloaded", first.Result.StdOut, StringComparison.Ordinal);
        Assert.Contains("(1 packument read)", first.Result.StdOut, StringComparison.Ordinal);

        // Verdaccio answers with an ETag and honours If-None-Match: an unchanged packument comes back as 304.
        Assert.Equal("1.0.0", unchanged.Version);
        Assert.Contains($"packument {Name}: from cache (304)", unchanged.Result.StdOut, StringComparison.Ordinal);
        Assert.Contains("1 packument read, 1 from cache", unchanged.Result.StdOut, StringComparison.Ordinal);

        Assert.Equal("1.0.0", preferOffline.Version);
        Assert.Contains($"packument {Name}: from cache (prefer-offline)", preferOffline.Result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain($"GET {_registry.Url}{Name}", preferOffline.Result.StdOut, StringComparison.Ordinal);

        Assert.Equal("1.0.0", offline.Version);
        Assert.Contains($"packument {Name}: from cache (offline)", offline.Result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("GET ", offline.Result.StdOut, StringComparison.Ordinal);

        Assert.Equal("1.1.0", revalidated.Version);
        Assert.Contains($"packument {Name}: downloaded", revalidated.Result.StdOut, StringComparison.Ordinal);
        Assert.Equal("1.1.0", offlineAfter.Version);

        var verified = JsonNode.Parse(verify.StdOut)!;
        Assert.Equal((1, 0), ((int)verified["packuments"]!, (int)verified["packumentsRemoved"]!));
        Assert.Equal(1, (int)JsonNode.Parse(clean.StdOut)!["packumentsRemoved"]!);
        Assert.Null(offlineCleaned.Version);
        Assert.Equal(1, offlineCleaned.Result.ExitCode);
        Assert.Contains($"error IPM4011: offline, and the registry metadata of '{Name}' is needed", offlineCleaned.Result.All, StringComparison.Ordinal);
    }
}
