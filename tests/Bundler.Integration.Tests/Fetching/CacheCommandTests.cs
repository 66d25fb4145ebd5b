using System.Text.RegularExpressions;
using static Bundler.Integration.Tests.Fetching.CliAssert;
using static Bundler.Integration.Tests.Fetching.CliFixtures;

namespace Bundler.Integration.Tests.Fetching;

/// <summary>`ipm cache verify` and `ipm cache clean` on caches the CLI itself filled.</summary>
public sealed partial class CacheCommandTests : IAsyncLifetime
{
    private readonly IpmCli _cli = new();
    private readonly FaultRegistry _registry = new();
    private IReadOnlyList<PackedPackage> _packages = [];

    public Task InitializeAsync()
    {
        _packages = PackedFixtures.Pack(App, Dep);
        _registry.Publish(_packages);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        _cli.Dispose();
    }

    [Fact]
    public void Verify_removes_a_corrupt_entry_and_stale_leftovers_the_next_build_fetches_it_again_and_clean_empties_the_cache()
    {
        Succeeded(_cli.Bundle(_registry.Url, ["cf-app@^1.0.0"]));
        var dep = _packages.Single(p => p.Name == "cf-dep");
        var entry = Entries(_cli.Cache).Single(e => FaultRegistryCliTests.Sha512(e) == dep.Integrity);
        File.WriteAllText(entry, "bit rot");
        var tmp = Directory.CreateDirectory(Path.Combine(_cli.Cache, "content-v1", "tmp")).FullName;
        var stale = Path.Combine(tmp, "0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllText(stale, "interrupted last week");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-7));
        var running = Path.Combine(tmp, "fedcba9876543210fedcba9876543210.tmp");
        File.WriteAllText(running, "a download running in another process");

        var verify = _cli.Run("cache", "verify", "--cache", _cli.Cache);
        var output = State(_cli.Out);
        var offline = _cli.Bundle(_registry.Url, ["cf-app@^1.0.0"], "--offline");
        var afterOffline = State(_cli.Out);
        var online = _cli.Bundle(_registry.Url, ["cf-app@^1.0.0"]);
        var again = _cli.VerifyCache();
        var clean = _cli.Run("cache", "clean", "--cache", _cli.Cache);
        var empty = _cli.VerifyCache();

        Succeeded(verify);
        Assert.Matches(VerifyLine(entries: 2, bad: 1, good: 1, stale: 1), verify.StdOut);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(running));
        // Offline, only the purged package is missing; online it is downloaded a second time, the other one is not.
        Assert.EndsWith("1 package(s) are not in the cache: cf-dep@1.0.0", Failed(offline, "IPM4005"), StringComparison.Ordinal);
        Assert.Equal(output, afterOffline);
        Succeeded(online);
        Assert.Equal(2, _registry.TarballRequests(dep));
        Assert.Equal(1, _registry.TarballRequests(_packages.Single(p => p.Name == "cf-app")));
        Assert.Equal(2, (int)again["entries"]!);
        Assert.Equal(0, (int)again["removed"]!);
        Assert.Equal(_packages.Sum(p => (long)p.Tarball.Length), (long)again["validBytes"]!);
        Succeeded(clean);
        Assert.Contains(": 2 files removed, 1 temporary files of running downloads kept", clean.StdOut, StringComparison.Ordinal);
        Assert.Equal(0, (int)empty["entries"]!);
        Assert.Equal([running], TempFiles(_cli.Cache));
    }

    [Fact]
    public void Without_cache_the_default_location_under_XDG_CACHE_HOME_is_used_by_bundle_and_by_the_cache_commands()
    {
        var expected = Path.Combine(_cli.XdgCacheHome, "ipm");

        var bundle = _cli.Run("bundle", "cf-app@^1.0.0", "--registry", _registry.Url, "--out", _cli.Out);
        var verify = _cli.Run("cache", "verify", "--json");

        Succeeded(bundle);
        Assert.Equal(2, Entries(expected).Length);
        Succeeded(verify);
        Assert.Contains($"\"cache\":\"{expected}\",\"entries\":2,\"removed\":0", verify.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Cache_needs_a_subcommand()
    {
        var result = _cli.Run("cache");

        Failed(result, "IPM1000", exitCode: 2);
    }

    private static Regex VerifyLine(int entries, int bad, int good, int stale) =>
        new($@"^cache .+: {entries} entries checked, {bad} bad removed, {good} good \(\d+ bytes\), {stale} stale temporary files removed$", RegexOptions.Multiline);
}
