using System.Formats.Tar;
using System.IO.Compression;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Harness;

/// <summary>Registry changes after publishing (dist-tags, deprecation) and bundled packages, each on a registry of its own.</summary>
public sealed class RegistryStateTests
{
    [Fact]
    public async Task Dist_tags_are_added_and_removed()
    {
        await using var server = await FixtureRegistry.StartAsync([new FixturePackage("tagged", "1.0.0"), new FixturePackage("tagged", "1.1.0")]);

        NpmClient.DistTag("tagged", "1.0.0", "stable", server.Url);
        var added = (await server.GetPackumentAsync("tagged"))["dist-tags"]!;
        NpmClient.RemoveDistTag("tagged", "stable", server.Url);
        var removed = (await server.GetPackumentAsync("tagged"))["dist-tags"]!;

        Assert.Equal(("1.1.0", "1.0.0"), ((string?)added["latest"], (string?)added["stable"]));
        Assert.Null(removed["stable"]);
    }

    [Fact]
    public async Task Publish_order_puts_latest_on_the_highest_stable_version_whatever_the_list_order()
    {
        await using var server = await FixtureRegistry.StartAsync(
        [
            new FixturePackage("ordered", "1.10.0"),
            new FixturePackage("ordered", "2.0.0-rc.1"),
            new FixturePackage("ordered", "1.9.0"),
            new FixturePackage("ordered", "1.2.0").TaggedAs("legacy"),
        ]);

        var tags = (await server.GetPackumentAsync("ordered"))["dist-tags"]!;

        Assert.Equal(("1.10.0", "2.0.0-rc.1", "1.2.0"), ((string?)tags["latest"], (string?)tags["next"], (string?)tags["legacy"]));
    }

    [Fact]
    public async Task Npm_avoids_a_deprecated_version_when_another_satisfies_the_range()
    {
        // npm-pick-manifest's documented rule: deprecated versions are picked only when nothing else matches.
        await using var server = await FixtureRegistry.StartAsync(
        [
            new FixturePackage("dep-old", "1.0.0"),
            new FixturePackage("dep-old", "1.0.1").Deprecated("do not use 1.0.1"),
            new FixturePackage("dep-only", "1.0.0").Deprecated("all of it"),
        ]);

        var locked = NpmClient.LockOnlyInstall(new Dictionary<string, string> { ["dep-old"] = "^1.0.0", ["dep-only"] = "^1.0.0" }, server.Url);

        Assert.Equal(["node_modules/dep-old 1.0.0", "node_modules/dep-only 1.0.0"],
            locked.Select(p => $"{p.Path} {p.Version}").ToArray());
    }

    [Fact]
    public async Task Bundled_dependency_ships_inside_the_parent_tarball()
    {
        var inner = new FixturePackage("bundled-inner", "3.0.0").WithFile("index.js", "module.exports = 'inner';\n");
        await using var server = await FixtureRegistry.StartAsync([new FixturePackage("bundler-outer", "1.0.0").Bundles(inner)]);

        var manifest = (await server.GetPackumentAsync("bundler-outer"))["versions"]!["1.0.0"]!;
        using var response = await server.Http.GetAsync(new Uri((string)manifest["dist"]!["tarball"]!));
        response.EnsureSuccessStatusCode();
        var entries = new List<string>();
        await using (var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress))
        {
            using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync() is { } entry)
            {
                entries.Add(entry.Name);
            }
        }

        Assert.Equal("bundled-inner", (string?)manifest["bundleDependencies"]![0]);
        Assert.Equal("3.0.0", (string?)manifest["dependencies"]!["bundled-inner"]);
        Assert.Contains("package/node_modules/bundled-inner/index.js", entries);
        Assert.Contains("package/node_modules/bundled-inner/package.json", entries);
    }
}
