using System.Text.Json.Nodes;
using Bundler.Integration.Tests.Cli;
using Bundler.Testing;
using Bundler.Testing.Servers;

namespace Bundler.Integration.Tests.Registry;

/// <summary>
/// <c>ipm bundle</c> end to end (a real process) against small registries on 127.0.0.1 in the shapes real
/// registries take: "JS Registry" style (dist on request, per-version documents, zip archives, -SNAPSHOT
/// versions), IPFS-backed mirrors with a gateway, and packages hosted on another registry.
/// </summary>
public sealed class RegistryVariantTests : IDisposable
{
    private readonly TempDirectory _dir = new("ipm-variant");
    private readonly IpmProcess _ipm;

    public RegistryVariantTests()
    {
        _ipm = new IpmProcess(_dir);
    }

    public void Dispose() => _dir.Dispose();

    private static FixturePackage Widget(string version, string payload) =>
        new FixturePackage("widget", version).WithFile("index.js", $"module.exports = '{payload}';\n");

    /// <summary>A project that depends on <paramref name="dependencies"/>, with <c>registry=</c> in its .npmrc.</summary>
    private string Project(string registry, string dependencies)
    {
        _dir.Write("app/package.json", "{\"name\":\"app\",\"version\":\"1.0.0\",\"dependencies\":{" + dependencies + "}}\n");
        _dir.Write("app/.npmrc", $"registry={registry}\n");
        return _dir.Combine("app");
    }

    private ProcessResult Bundle(string project, params string[] extra) =>
        _ipm.Run(project, ["bundle", "--manifest", "package.json", "--out", "gen", .. extra]);

    private static IReadOnlyDictionary<string, string> Generated(string project) => GeneratedFiles.Read(Path.Combine(project, "gen", "ipm_modules.c"));

    private static JsonNode LockEntry(string project, string path) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(project, "ipm-lock.json")))!["packages"]![path]!;

    [Fact]
    public async Task A_js_registry_with_dist_on_request_zip_archives_and_snapshot_versions_bundles()
    {
        await using var registry = new MiniRegistry(new MiniRegistryOptions { DistOnlyWithQuery = true, Zip = true });
        registry.Publish([Widget("3.0.0", "widget-three"), Widget("3.1.0-SNAPSHOT", "zip-payload-snapshot")]);
        var project = Project(registry.Url, "\"widget\":\"^3.1.0-SNAPSHOT\"");

        Bundle(project).EnsureSuccess("ipm bundle");

        Assert.Equal("module.exports='zip-payload-snapshot';", Generated(project)["/node_modules/widget/index.js"]);
        var locked = LockEntry(project, "node_modules/widget");
        Assert.Equal("3.1.0-SNAPSHOT", (string?)locked["version"]);
        Assert.True((bool?)locked["zip"]);
        Assert.Equal(PackageArchive.Shasum(registry.Archive("widget@3.1.0-SNAPSHOT")), (string?)locked["shasum"]);
        Assert.Contains("/widget?dist=true", registry.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task A_js_registry_with_dist_only_in_version_documents_bundles()
    {
        await using var registry = new MiniRegistry(new MiniRegistryOptions { DistOnlyInVersionDocuments = true });
        registry.Publish([Widget("3.1.0-SNAPSHOT", "per-version-payload")]);
        var project = Project(registry.Url, "\"widget\":\"3.1.0-SNAPSHOT\"");

        Bundle(project).EnsureSuccess("ipm bundle");

        Assert.Equal("module.exports='per-version-payload';", Generated(project)["/node_modules/widget/index.js"]);
        Assert.Contains("/widget/3.1.0-SNAPSHOT", registry.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task A_zip_that_breaks_the_extraction_rules_is_refused_like_a_tarball()
    {
        await using var registry = new MiniRegistry(new MiniRegistryOptions { Zip = true });
        registry.Publish([Widget("1.0.0", "x")], p => PackageArchive.Zip(p, extra: [("package/../../escape.js", "pwned")]));
        var project = Project(registry.Url, "\"widget\":\"1.0.0\"");

        var result = Bundle(project);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(IpmProcess.Diagnostics(result));
        Assert.StartsWith("error IPM50", line, StringComparison.Ordinal);
        Assert.Contains("widget", line, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("escape.js")));
        Assert.False(Directory.Exists(Path.Combine(project, "gen")));
    }

    [Theory]
    [InlineData("right")]
    [InlineData("wrong")]
    [InlineData("down")]
    public async Task An_ipfs_mirror_is_read_through_the_gateway_first_and_falls_back_to_the_tarball(string gateway)
    {
        await using var registry = new MiniRegistry(new MiniRegistryOptions { Ipfs = true });
        await using var ipfs = new FaultServer();
        registry.Publish([Widget("1.0.0", "from-ipfs-mirror")]);
        var cid = registry.Cid("widget@1.0.0");
        var gatewayUrl = gateway == "down" ? $"http://127.0.0.1:{ClosedPort()}/" : $"http://127.0.0.1:{ipfs.Port}/";
        ipfs.On($"/ipfs/{cid}", FaultResponse.Ok(gateway == "right" ? registry.Archive("widget@1.0.0") : "not the package"u8.ToArray()));
        var project = Project(registry.Url, "\"widget\":\"^1.0.0\"");

        Bundle(project, "--ipfs-gateway", gatewayUrl).EnsureSuccess("ipm bundle --ipfs-gateway");

        Assert.Equal("module.exports='from-ipfs-mirror';", Generated(project)["/node_modules/widget/index.js"]);
        Assert.Equal(cid, (string?)LockEntry(project, "node_modules/widget")["cid"]);
        Assert.Equal(gateway == "down" ? 0 : 1, ipfs.CountRequests($"/ipfs/{cid}"));
        Assert.Equal(gateway == "right" ? 0 : 1, registry.Server.CountRequests("/widget/-/widget-1.0.0.tgz"));
        // dist.source is the mirror's upstream; it is never needed while the mirror serves the tarball.
        Assert.DoesNotContain(registry.Requests, r => r.Header("host")?.StartsWith("upstream", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_package_hosted_on_another_registry_is_followed_there()
    {
        await using var home = new MiniRegistry();
        await using var other = new MiniRegistry(new MiniRegistryOptions { PathPrefix = "/elsewhere/" });
        home.Publish([new FixturePackage("app-lib", "1.0.0").DependsOn("widget", "^2.0.0").WithFile("index.js", "module.exports = require('widget');\n")]);
        other.Publish([Widget("2.0.0", "hosted-elsewhere")]);
        home.PointElsewhere("widget", other.Url);
        var project = Project(home.Url, "\"app-lib\":\"^1.0.0\"");

        Bundle(project).EnsureSuccess("ipm bundle");

        Assert.Equal("module.exports='hosted-elsewhere';", Generated(project)["/node_modules/widget/index.js"]);
        Assert.Equal(other.Url + "widget/-/widget-2.0.0.tgz", (string?)LockEntry(project, "node_modules/widget")["resolved"]);
    }

    [Fact]
    public async Task The_environment_beats_npmrc_and_the_command_line_beats_both()
    {
        await using var good = new MiniRegistry();
        await using var other = new MiniRegistry();
        good.Publish([Widget("1.0.0", "from-the-chosen-registry")]);
        var dead = $"http://127.0.0.1:{ClosedPort()}/";
        var project = Project(dead, "\"widget\":\"^1.0.0\"");
        var fromEnv = new IpmProcess(_dir, new Dictionary<string, string> { ["NPM_CONFIG_REGISTRY"] = good.Url });
        var overridden = new IpmProcess(_dir, new Dictionary<string, string> { ["npm_config_registry"] = other.Url });

        fromEnv.Run(project, "lock", "--manifest", "package.json").EnsureSuccess("ipm lock (registry from the environment)");
        File.Delete(Path.Combine(project, "ipm-lock.json"));
        overridden.Run(project, "lock", "--manifest", "package.json", "--registry", good.Url).EnsureSuccess("ipm lock --registry");

        Assert.Empty(other.Requests);
        Assert.Equal(good.Url + "widget/-/widget-1.0.0.tgz", (string?)LockEntry(project, "node_modules/widget")["resolved"]);
    }

    [Fact]
    public async Task A_missing_package_names_the_registry_and_the_chain_that_required_it()
    {
        await using var registry = new MiniRegistry();
        registry.Publish([new FixturePackage("b", "2.1.0").DependsOn("x", "^1.0.0")]);
        var project = Project(registry.Url, "\"b\":\"^2\"");

        var result = Bundle(project);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error IPM2001: package 'x' not found in {registry.Url} (range '^1.0.0', required by app > b@^2)", Assert.Single(IpmProcess.Diagnostics(result)));
    }

    [Theory]
    [InlineData("<html><head><title>Proxy login</title></head><body>sign in</body></html>", "text/html", "an HTML page (text/html, \"Proxy login\")")]
    [InlineData("{\"name\":\"widget\",\"versions\":{\"1.0.0\":", "application/json", "bytes of application/json")]
    [InlineData("\u0001\u0002garbage\u0003", "application/octet-stream", "bytes of application/octet-stream")]
    public async Task A_registry_answering_something_other_than_json_is_one_error_line_and_exit_1(string body, string type, string what)
    {
        await using var registry = new MiniRegistry();
        registry.Server.On("/widget", FaultResponse.Text(body, type));
        var project = Project(registry.Url, "\"widget\":\"^1.0.0\"");

        var result = Bundle(project);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error IPM2004: registry answered ", line, StringComparison.Ordinal);
        Assert.Contains(what, line, StringComparison.Ordinal);
        Assert.Contains($"for 'widget' at {registry.Url}widget", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(project, "ipm-lock.json")));
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
