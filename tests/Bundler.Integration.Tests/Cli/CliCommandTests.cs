using System.Text.Json.Nodes;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Cli;

/// <summary>
/// The ipm process against the shared Verdaccio with the foundation fixtures: bundle, lock, tree, why and search,
/// with the registry chosen by the project's .npmrc (no --registry).
/// </summary>
[Collection(VerdaccioFixture.Collection)]
public sealed class CliCommandTests : IDisposable
{
    private const string Manifest = """{"name":"fx-project","version":"1.0.0","dependencies":{"fx-app":"^1.0.0"}}""";
    private readonly VerdaccioFixture _registry;
    private readonly TempDirectory _dir = new("ipm-cli");
    private readonly IpmProcess _ipm;

    public CliCommandTests(VerdaccioFixture registry)
    {
        _registry = registry;
        registry.EnsurePublished(FoundationFixtures.All());
        _dir.Write("project/package.json", Manifest + "\n");
        _dir.Write("project/.npmrc", $"registry={registry.Url}\n");
        _ipm = new IpmProcess(_dir);
    }

    private string Project => _dir.Combine("project");

    public void Dispose() => _dir.Dispose();

    private ProcessResult Ipm(params string[] args) => _ipm.Run(Project, args);

    private void Lock() => Ipm("lock", "--manifest", "package.json").EnsureSuccess("ipm lock");

    [Fact]
    public void Bundle_resolves_from_the_npmrc_registry_and_generates_every_package_file()
    {
        var result = Ipm("bundle", "--manifest", "package.json", "--out", "gen").EnsureSuccess("ipm bundle");

        var files = GeneratedFiles.Read(Path.Combine(Project, "gen", "ipm_modules.c"));
        foreach (var (path, name, version) in FoundationFixtures.ExpectedTree)
        {
            Assert.Contains($"\"version\": \"{version}\"", files[$"/{path}/package.json"], StringComparison.Ordinal);
            Assert.Contains($"\"name\": \"{name}\"", files[$"/{path}/package.json"], StringComparison.Ordinal);
        }

        Assert.Contains("'slashes // and /* stars */ stay'", files["/node_modules/fx-app/index.js"], StringComparison.Ordinal);
        Assert.Contains("'2.0.0'", files["/node_modules/fx-b/node_modules/fx-a/index.js"], StringComparison.Ordinal);
        Assert.Contains("n*n", files["/node_modules/fx-c/lib/helpers/square.js"], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Project, "gen", "ipm_modules.h")));
        Assert.True(File.Exists(Path.Combine(Project, "ipm-lock.json")));
        Assert.Contains("ipm: resolved 6 packages", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(IpmProcess.Diagnostics(result), l => l.StartsWith("error", StringComparison.Ordinal));
    }

    [Fact]
    public void Tree_json_lists_the_lock_and_npm_places_the_same_packages()
    {
        Lock();

        var tree = JsonNode.Parse(Ipm("tree", "--json").EnsureSuccess("ipm tree --json").StdOut)!.AsArray()
            .Select(n => ((string)n!["path"]!, (string)n["name"]!, (string)n["version"]!)).ToList();
        var lockPackages = JsonNode.Parse(File.ReadAllText(Path.Combine(Project, "ipm-lock.json")))!["packages"]!.AsObject()
            .Select(kv => (kv.Key, (string?)kv.Value!["name"] ?? kv.Key[(kv.Key.LastIndexOf("node_modules/", StringComparison.Ordinal) + 13)..], (string)kv.Value["version"]!)).ToList();
        using var oracle = new TempDirectory("ipm-cli-npm");
        oracle.Write("package.json", Manifest + "\n");
        var npm = NpmClient.LockOnlyInstall(oracle.Path, _registry.Url).Select(p => (p.Path, p.Name, p.Version)).ToList();

        Assert.Equal(lockPackages, tree);
        Assert.Equal(npm, tree);
        Assert.Equal(FoundationFixtures.ExpectedTree, tree);
    }

    [Fact]
    public void Tree_draws_the_dependency_tree_under_the_project_name()
    {
        Lock();

        var text = Ipm("tree", "--manifest", "package.json").EnsureSuccess("ipm tree").StdOut;

        Assert.Equal("""
            fx-project
            `-- fx-app@1.0.0
                +-- @fx/text@1.0.0
                +-- fx-a@1.2.0
                `-- fx-b@1.0.0
                    +-- fx-a@2.0.0
                    `-- fx-c@1.1.3

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Why_names_each_copy_and_the_chain_that_needs_it()
    {
        Lock();

        var text = Ipm("why", "fx-a", "--manifest", "package.json").EnsureSuccess("ipm why").StdOut;

        Assert.Equal("""
            fx-a@1.2.0 at node_modules/fx-a
              fx-project > fx-app@^1.0.0 > fx-a@^1.0.0
            fx-a@2.0.0 at node_modules/fx-b/node_modules/fx-a
              fx-project > fx-app@^1.0.0 > fx-b@^1.0.0 > fx-a@^2.0.0

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Tree_and_why_read_the_lock_given_with_lock()
    {
        Lock();
        File.Move(Path.Combine(Project, "ipm-lock.json"), Path.Combine(Project, "moved.json"));

        var tree = Ipm("tree", "--json", "--lock", "moved.json").EnsureSuccess("ipm tree --lock");
        var why = Ipm("why", "fx-c", "--lock", "moved.json").EnsureSuccess("ipm why --lock");
        var missing = Ipm("tree");

        Assert.Equal(6, JsonNode.Parse(tree.StdOut)!.AsArray().Count);
        Assert.Equal("fx-c@1.1.3 at node_modules/fx-c\n  root > fx-app@^1.0.0 > fx-b@^1.0.0 > fx-c@~1.1.0\n", why.StdOut);
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("error IPM3004: cannot read lock file", Assert.Single(missing.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void Why_a_package_outside_the_tree_is_one_error_line()
    {
        Lock();

        var result = Ipm("why", "left-pad", "--manifest", "package.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error IPM3012: 'left-pad' is not in the dependency tree\n", result.StdErr);
    }

    [Fact]
    public void Search_asks_the_registrys_search_endpoint()
    {
        var text = Ipm("search", "fx-app").EnsureSuccess("ipm search");
        var json = JsonNode.Parse(Ipm("search", "fx-", "--json").EnsureSuccess("ipm search --json").StdOut)!.AsArray();
        var none = Ipm("search", "no-such-package-anywhere").EnsureSuccess("ipm search (no match)");

        Assert.Contains("fx-app@1.0.0  test fixture fx-app@1.0.0\n", text.StdOut, StringComparison.Ordinal);
        var names = json.Select(n => (string)n!["name"]!).ToList();
        Assert.Contains("fx-a", names);
        Assert.Contains("fx-b", names);
        Assert.Equal("2.0.0", (string?)json.Single(n => (string?)n!["name"] == "fx-a")!["version"]);
        Assert.Equal("No matches found for \"no-such-package-anywhere\"\n", none.StdOut);
    }
}
