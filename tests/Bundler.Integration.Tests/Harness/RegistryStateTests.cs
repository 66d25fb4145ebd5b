using System.Formats.Tar;
using System.IO.Compression;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Harness;

/// <summary>Dist-tags, deprecation and bundled packages, on the shared registry under names of their own.</summary>
[Collection(VerdaccioFixture.Collection)]
public sealed class RegistryStateTests(VerdaccioFixture registry)
{
    private VerdaccioServer Publish(IEnumerable<FixturePackage> packages)
    {
        registry.EnsurePublished(packages);
        return registry.Server;
    }

    [Fact]
    public async Task Dist_tags_are_added_and_removed()
    {
        var server = Publish([new FixturePackage("harness-tagged", "1.0.0"), new FixturePackage("harness-tagged", "1.1.0")]);

        NpmClient.DistTag("harness-tagged", "1.0.0", "stable", server.Url);
        var added = (await server.GetPackumentAsync("harness-tagged"))["dist-tags"]!;
        NpmClient.RemoveDistTag("harness-tagged", "stable", server.Url);
        var removed = (await server.GetPackumentAsync("harness-tagged"))["dist-tags"]!;

        Assert.Equal(("1.1.0", "1.0.0"), ((string?)added["latest"], (string?)added["stable"]));
        Assert.Null(removed["stable"]);
    }

    [Fact]
    public async Task Publish_order_puts_latest_on_the_highest_stable_version_whatever_the_list_order()
    {
        var server = Publish(
        [
            new FixturePackage("harness-ordered", "1.10.0"),
            new FixturePackage("harness-ordered", "2.0.0-rc.1"),
            new FixturePackage("harness-ordered", "1.9.0"),
            new FixturePackage("harness-ordered", "1.2.0").TaggedAs("legacy"),
        ]);

        var tags = (await server.GetPackumentAsync("harness-ordered"))["dist-tags"]!;

        Assert.Equal(("1.10.0", "2.0.0-rc.1", "1.2.0"), ((string?)tags["latest"], (string?)tags["next"], (string?)tags["legacy"]));
    }

    [Fact]
    public async Task Npm_avoids_a_deprecated_version_when_another_satisfies_the_range()
    {
        // npm-pick-manifest's documented rule: deprecated versions are picked only when nothing else matches.
        var server = Publish(
        [
            new FixturePackage("harness-dep-old", "1.0.0"),
            new FixturePackage("harness-dep-old", "1.0.1").Deprecated("do not use 1.0.1"),
            new FixturePackage("harness-dep-only", "1.0.0").Deprecated("all of it"),
        ]);

        var locked = NpmClient.LockOnlyInstall(new Dictionary<string, string> { ["harness-dep-old"] = "^1.0.0", ["harness-dep-only"] = "^1.0.0" }, server.Url);

        Assert.Equal(["node_modules/harness-dep-old 1.0.0", "node_modules/harness-dep-only 1.0.0"],
            locked.Select(p => $"{p.Path} {p.Version}").ToArray());
    }

    [Fact]
    public async Task Bundled_dependency_ships_inside_the_parent_tarball()
    {
        var inner = new FixturePackage("harness-bundled-inner", "3.0.0").WithFile("index.js", "module.exports = 'inner';\n");
        var server = Publish([new FixturePackage("harness-bundler-outer", "1.0.0").Bundles(inner)]);

        var manifest = (await server.GetPackumentAsync("harness-bundler-outer"))["versions"]!["1.0.0"]!;
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

        Assert.Equal("harness-bundled-inner", (string?)manifest["bundleDependencies"]![0]);
        Assert.Equal("3.0.0", (string?)manifest["dependencies"]!["harness-bundled-inner"]);
        Assert.Contains("package/node_modules/harness-bundled-inner/index.js", entries);
        Assert.Contains("package/node_modules/harness-bundled-inner/package.json", entries);
    }
}
