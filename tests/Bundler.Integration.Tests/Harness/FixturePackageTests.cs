using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Harness;

/// <summary>What a fixture writes, and how the shared registry guards against two classes clashing on a name.</summary>
[Collection(VerdaccioFixture.Collection)]
public sealed class FixturePackageTests(VerdaccioFixture registry)
{
    [Fact]
    public void Written_folder_holds_the_manifest_and_files()
    {
        using var dir = new TempDirectory();
        var p = new FixturePackage("@s/full", "1.2.3-beta.1")
            .DependsOn("b", "^1.0.0").Optional("o", "~2.0.0").Peer("p", ">=3", optional: true).Dev("d", "1.0.0")
            .WithMain("lib/main.js").WithFile("lib/main.js", "module.exports = 1;\n")
            .WithField("files", new JsonArray("lib"))
            .Bundles(new FixturePackage("inner", "4.0.0"));

        var folder = p.WriteTo(dir.Path);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "package.json")))!;

        Assert.Equal(Path.Combine(dir.Path, "@s+full-1.2.3-beta.1"), folder);
        Assert.Equal(("@s/full", "1.2.3-beta.1", "lib/main.js"), ((string?)manifest["name"], (string?)manifest["version"], (string?)manifest["main"]));
        Assert.Equal("""{"b":"^1.0.0","inner":"4.0.0"}""", Json(manifest["dependencies"]!));
        Assert.Equal("""{"o":"~2.0.0"}""", Json(manifest["optionalDependencies"]!));
        Assert.Equal("""{"p":">=3"}""", Json(manifest["peerDependencies"]!));
        Assert.Equal("""{"p":{"optional":true}}""", Json(manifest["peerDependenciesMeta"]!));
        Assert.Equal("""{"d":"1.0.0"}""", Json(manifest["devDependencies"]!));
        Assert.Equal("""["inner"]""", Json(manifest["bundleDependencies"]!));
        Assert.Equal("""["lib"]""", Json(manifest["files"]!));
        Assert.Equal("module.exports = 1;\n", File.ReadAllText(Path.Combine(folder, "lib", "main.js")));
        Assert.True(File.Exists(Path.Combine(folder, "node_modules", "inner", "index.js")));
    }

    private static string Json(JsonNode node) =>
        node.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    [Fact]
    public void Shared_registry_refuses_a_different_package_under_a_published_id()
    {
        registry.EnsurePublished(FoundationFixtures.All());
        registry.EnsurePublished(FoundationFixtures.All());

        var changed = Assert.Throws<InvalidOperationException>(() =>
            registry.EnsurePublished([new FixturePackage("fx-a", "1.0.0").WithFile("index.js", "module.exports = 0;\n")]));
        var added = Assert.Throws<InvalidOperationException>(() => registry.EnsurePublished([new FixturePackage("fx-a", "9.0.0")]));

        Assert.Contains("fx-a@1.0.0 is already on the shared Verdaccio with different content", changed.Message, StringComparison.Ordinal);
        Assert.Contains("fx-a already has versions", added.Message, StringComparison.Ordinal);
    }
}
