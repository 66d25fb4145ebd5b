using static Bundler.Integration.Tests.Fetching.CliAssert;
using static Bundler.Integration.Tests.Fetching.CliFixtures;

namespace Bundler.Integration.Tests.Fetching;

/// <summary>--offline and --prefer-offline through the CLI: what they read, what they refuse, and what they list.</summary>
public sealed class OfflineCliTests : IAsyncLifetime
{
    private readonly IpmCli _cli = new();
    private readonly FaultRegistry _registry = new();
    private IReadOnlyList<PackedPackage> _packages = [];

    public Task InitializeAsync()
    {
        _packages = PackedFixtures.Pack(App, Dep, Other);
        _registry.Publish(_packages);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        _cli.Dispose();
    }

    private string[] Specs => ["cf-app@^1.0.0", "cf-other@2"];

    [Fact]
    public void Offline_with_an_empty_cache_lists_every_missing_package_and_asks_nothing_of_the_registry()
    {
        Succeeded(_cli.Bundle(_registry.Url, Specs));
        var before = State(_cli.Out);
        var requests = _registry.Server.Requests.Count;

        var result = _cli.Run([.. _cli.BundleArgs(_registry.Url, Specs, cache: _cli.Combine("empty")), "--offline"]);

        var line = Failed(result, "IPM4005");
        Assert.Contains("3 package(s)", line, StringComparison.Ordinal);
        Assert.All(_packages, p => Assert.Contains(p.Label, line, StringComparison.Ordinal));
        Assert.Equal(before, State(_cli.Out));
        Assert.Equal(requests, _registry.Server.Requests.Count);
    }

    [Fact]
    public void Offline_without_a_lock_or_cached_packuments_refuses_to_read_them_with_IPM4011()
    {
        Succeeded(_cli.Bundle(_registry.Url, Specs));
        var before = State(_cli.Out);
        var requests = _registry.Server.Requests.Count;

        // The archives are cached, the packuments are not (another cache folder has the archives only).
        var archivesOnly = _cli.Combine("archives-only");
        CopyFolder(Path.Combine(_cli.Cache, "content-v1"), Path.Combine(archivesOnly, "content-v1"));
        var result = _cli.Run([.. _cli.BundleArgs(_registry.Url, Specs, cache: archivesOnly), "--offline", "--lock", _cli.Combine("none", "ipm-lock.json")]);

        var line = Failed(result, "IPM4011");
        Assert.Contains(_registry.Url, line, StringComparison.Ordinal);
        Assert.Contains("'cf-", line, StringComparison.Ordinal);
        Assert.Equal(before, State(_cli.Out));
        Assert.Equal(requests, _registry.Server.Requests.Count);
        Assert.False(File.Exists(_cli.Combine("none", "ipm-lock.json")));
    }

    [Fact]
    public void Offline_without_a_lock_resolves_from_cached_packuments_alone()
    {
        Succeeded(_cli.Bundle(_registry.Url, Specs));
        var online = State(_cli.Out);
        var requests = _registry.Server.Requests.Count;
        Directory.CreateDirectory(_cli.Combine("fresh"));

        var result = _cli.Bundle(_registry.Url, Specs, "--offline", "--lock", _cli.Combine("fresh", "ipm-lock.json"));

        Succeeded(result);
        Assert.Equal(online, State(_cli.Out));
        Assert.Equal(requests, _registry.Server.Requests.Count);
        Assert.Equal(File.ReadAllText(_cli.Lock), File.ReadAllText(_cli.Combine("fresh", "ipm-lock.json")));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public async Task With_a_warm_cache_and_a_lock_every_mode_succeeds_with_the_registry_stopped()
    {
        Succeeded(_cli.Bundle(_registry.Url, Specs));
        var online = State(_cli.Out);
        var url = _registry.Url;
        await _registry.DisposeAsync();

        var offline = _cli.Bundle(url, Specs, "--offline");
        var afterOffline = State(_cli.Out);
        var preferOffline = _cli.Bundle(url, Specs, "--prefer-offline");
        var frozen = _cli.Bundle(url, Specs, "--frozen");
        var plain = _cli.Bundle(url, Specs);

        Succeeded(offline);
        Assert.Equal(online, afterOffline);
        Succeeded(preferOffline);
        Succeeded(frozen);
        Succeeded(plain);
        Assert.Equal(online, State(_cli.Out));
    }

    [Fact]
    public void Prefer_offline_without_a_lock_takes_every_packument_and_archive_from_the_cache()
    {
        Succeeded(_cli.Bundle(_registry.Url, Specs));
        File.Delete(_cli.Lock);

        var result = _cli.Bundle(_registry.Url, Specs, "--prefer-offline");

        Succeeded(result);
        Assert.All(_packages, p => Assert.Equal(1, _registry.PackumentRequests(p.Name)));
        Assert.Contains("3 packuments read, 3 from cache", result.StdOut, StringComparison.Ordinal);
        Assert.All(_packages, p => Assert.Equal(1, _registry.TarballRequests(p)));
        Assert.Contains("0 downloaded", result.StdOut, StringComparison.Ordinal);
    }
}
