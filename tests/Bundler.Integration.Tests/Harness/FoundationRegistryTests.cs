using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Harness;

/// <summary>The foundation fixtures published with the real npm to the shared Verdaccio, read back over HTTP and by npm.</summary>
[Collection(VerdaccioFixture.Collection)]
public sealed class FoundationRegistryTests
{
    private readonly VerdaccioFixture _registry;

    public FoundationRegistryTests(VerdaccioFixture registry)
    {
        _registry = registry;
        registry.EnsurePublished(FoundationFixtures.All());
    }

    [Fact]
    public async Task Packument_lists_every_published_version_with_verifiable_dist()
    {
        var packument = await _registry.Server.GetPackumentAsync("fx-a");

        var versions = packument["versions"]!.AsObject().Select(v => v.Key).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["1.0.0", "1.2.0", "2.0.0", "2.1.0-beta.1"], versions);
        Assert.Equal("2.0.0", (string?)packument["dist-tags"]!["latest"]);
        Assert.Equal("2.1.0-beta.1", (string?)packument["dist-tags"]!["next"]);

        var dist = packument["versions"]!["1.2.0"]!["dist"]!;
        var tarball = (string)dist["tarball"]!;
        Assert.Equal(_registry.Url + "fx-a/-/fx-a-1.2.0.tgz", tarball);
        using var response = await _registry.Server.Http.GetAsync(new Uri(tarball));
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((string?)dist["shasum"], Convert.ToHexStringLower(SHA1.HashData(bytes)));
        Assert.Equal((string?)dist["integrity"], "sha512-" + Convert.ToBase64String(SHA512.HashData(bytes)));
    }

    [Fact]
    public async Task Scoped_package_is_served_under_its_escaped_name()
    {
        var packument = await _registry.Server.GetPackumentAsync("@fx/text");

        Assert.Equal("@fx/text", (string?)packument["name"]);
        var manifest = packument["versions"]!["1.0.0"]!;
        Assert.Equal("lib/index.js", (string?)manifest["main"]);
        Assert.Equal(_registry.Url + "@fx/text/-/text-1.0.0.tgz", (string?)manifest["dist"]!["tarball"]);
    }

    [Fact]
    public async Task Deprecated_version_carries_its_message_and_the_others_none()
    {
        var versions = (await _registry.Server.GetPackumentAsync("fx-c"))["versions"]!;

        Assert.Equal("fx-c 1.0.0 squares the wrong number; use 1.1 or later", (string?)versions["1.0.0"]!["deprecated"]);
        Assert.Null(versions["1.1.0"]!["deprecated"]);
        Assert.Null(versions["1.1.3"]!["deprecated"]);
    }

    [Fact]
    public void Npm_nests_the_conflicting_version_under_its_dependent()
    {
        var locked = NpmClient.LockOnlyInstall(new Dictionary<string, string> { [FoundationFixtures.AppName] = FoundationFixtures.AppRange },
            _registry.Url);

        Assert.Equal(FoundationFixtures.ExpectedTree, locked.Select(p => (p.Path, p.Name, p.Version)).ToArray());
        var nested = Assert.Single(locked, p => p.Path == "node_modules/fx-b/node_modules/fx-a");
        Assert.Equal(_registry.Url + "fx-a/-/fx-a-2.0.0.tgz", nested.Resolved);
        Assert.StartsWith("sha512-", nested.Integrity, StringComparison.Ordinal);
    }

    [Fact]
    public void Alias_keeps_the_real_name_and_installs_under_the_alias()
    {
        var locked = NpmClient.LockOnlyInstall(new Dictionary<string, string> { ["my-a"] = "npm:fx-a@^2.0.0" }, _registry.Url);

        var alias = Assert.Single(locked);
        Assert.Equal(("node_modules/my-a", "fx-a", "2.0.0", "my-a"), (alias.Path, alias.Name, alias.Version, alias.FolderName));
    }

    [Fact]
    public void Unsatisfiable_range_fails_with_npms_error_code()
    {
        var e = Assert.Throws<NpmCommandException>(() =>
            NpmClient.LockOnlyInstall(new Dictionary<string, string> { ["fx-a"] = "^9.0.0" }, _registry.Url));

        Assert.Equal("ETARGET", e.NpmErrorCode);
    }

    [Fact]
    public void Installed_app_computes_the_documented_value_in_node()
    {
        using var project = new TempDirectory("ipm-fx-run");
        var manifest = new JsonObject
        {
            ["name"] = "run-fx",
            ["version"] = "1.0.0",
            ["private"] = true,
            ["dependencies"] = new JsonObject { [FoundationFixtures.AppName] = FoundationFixtures.AppRange },
        };
        project.Write("package.json", manifest.ToJsonString());
        NpmClient.Run(["install", "--ignore-scripts", "--no-audit", "--no-fund"], project.Path, _registry.Url, token: null);
        project.Write("print.js", "process.stdout.write(JSON.stringify(require('fx-app')));\n");

        var result = NodeRunner.RunFile(project.Combine("print.js"), []).EnsureSuccess("node print.js");

        Assert.Equal(FoundationFixtures.ExpectedAppJson, result.StdOut.TrimEnd('\n'));
    }

    [Fact]
    public void Every_fixture_source_is_es5()
    {
        var sources = new JsonObject();
        foreach (var p in FoundationFixtures.All())
        {
            foreach (var (path, content) in p.EffectiveFiles().Where(f => f.Key.EndsWith(".js", StringComparison.Ordinal)))
            {
                sources[$"{p.Id}/{path}"] = content;
            }
        }

        var errors = NodeRunner.Evaluate("""
            var acorn = require('acorn');
            var errors = [];
            Object.keys(input).forEach(function (name) {
              try { acorn.parse(input[name], { ecmaVersion: 5, sourceType: 'script' }); }
              catch (e) { errors.push(name + ': ' + e.message); }
            });
            return errors;
            """, sources)!.AsArray();

        Assert.Equal(14, sources.Count);
        Assert.Empty(errors);
    }
}
