using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Foundation;

/// <summary>
/// Every error the foundation issue names, through the real CLI: exit code 1 (2 for bad usage), one
/// <c>error IPM####</c> line naming the package, range and chain (each test asks for all three, the chain as
/// <c>range '...', required by root &gt; ...</c>), and the output folder exactly as it was.
/// </summary>
[Collection(VerdaccioFixture.Collection)]
public sealed class FoundationErrorTests : IDisposable
{
    private readonly VerdaccioFixture _registry;
    private readonly TempDirectory _dir = new("ipm-errors");
    private readonly string _out;
    private readonly string _before;

    public FoundationErrorTests(VerdaccioFixture registry)
    {
        _registry = registry;
        _registry.EnsurePublished(FoundationFixtures.All());
        _registry.EnsurePublished([new FixturePackage("it-broken", "1.0.0").DependsOn("it-missing-dependency", "~1.4.0")]);
        _out = _dir.Combine("out");
        _dir.Write("out/previous.c", "/* a previous, good build */\n");
        _before = FolderSnapshot.Take(_out);
    }

    public void Dispose() => _dir.Dispose();

    private ProcessResult Bundle(params string[] args) =>
        IpmCli.Run(_dir.Path, ["bundle", .. args, "--out", _out, "--cache", _dir.Combine("cache"), "--lock", _dir.Combine("ipm-lock.json")]);

    private void AssertFailed(ProcessResult r, int exitCode, string code, params string[] mentions)
    {
        Assert.Equal(exitCode, r.ExitCode);
        var line = Assert.Single(r.StdErr.Split('\n'), l => l.StartsWith("error ", StringComparison.Ordinal));
        Assert.StartsWith($"error {code}: ", line, StringComparison.Ordinal);
        foreach (var m in mentions)
        {
            Assert.Contains(m, line, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal); // never a stack trace
        Assert.Equal(_before, FolderSnapshot.Take(_out));
        Assert.False(File.Exists(_dir.Combine("ipm-lock.json")), "a failed run must not write the lock");
    }

    [Fact]
    public void Unknown_package() =>
        AssertFailed(Bundle("it-no-such-package@^1", "--registry", _registry.Url), 1, "IPM2001", "'it-no-such-package'", _registry.Url.TrimEnd('/'), "range '^1', required by root)");

    [Fact]
    public void Unknown_package_deep_in_the_tree_names_the_chain() =>
        AssertFailed(Bundle("it-broken@^1", "--registry", _registry.Url), 1, "IPM2001", "'it-missing-dependency'", "range '~1.4.0', required by root > it-broken@^1)");

    [Fact]
    public void No_version_satisfies_the_range() =>
        AssertFailed(Bundle("fx-a@^9.1", "--registry", _registry.Url), 1, "IPM3001", "'fx-a'", "'^9.1'", "(required by root)", "1.0.0, 1.2.0");

    [Fact]
    public void Registry_unreachable()
    {
        // A port nothing listens on: bound, then released.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        AssertFailed(Bundle("fx-a@^1", "--registry", $"http://127.0.0.1:{port}/"), 1, "IPM2002", "'fx-a'", "range '^1', required by root)");
    }

    [Fact]
    public void Integrity_mismatch()
    {
        // A static folder registry whose packument promises other bytes than the archive holds.
        var registry = _dir.Combine("registry");
        var pkg = new FixturePackage("it-tampered", "1.0.0").WriteTo(_dir.Combine("src"));
        var pack = ProcessRunner.Run(ToolLocator.Npm, ["pack", pkg, "--pack-destination", _dir.Path, "--ignore-scripts"], _dir.Path).EnsureSuccess("npm pack");
        var tgz = _dir.Combine(pack.StdOut.Trim().Split('\n')[^1]);
        Directory.CreateDirectory(Path.Combine(registry, "it-tampered", "-"));
        File.Copy(tgz, Path.Combine(registry, "it-tampered", "-", "it-tampered-1.0.0.tgz"));
        var wrong = "sha512-" + Convert.ToBase64String(SHA512.HashData("not these bytes"u8));
        var packument = new JsonObject
        {
            ["name"] = "it-tampered",
            ["dist-tags"] = new JsonObject { ["latest"] = "1.0.0" },
            ["versions"] = new JsonObject
            {
                ["1.0.0"] = new JsonObject
                {
                    ["name"] = "it-tampered",
                    ["version"] = "1.0.0",
                    ["dist"] = new JsonObject { ["tarball"] = "-/it-tampered-1.0.0.tgz", ["integrity"] = wrong },
                },
            },
        };
        File.WriteAllText(Path.Combine(registry, "it-tampered", "index.json"), packument.ToJsonString());
        AssertFailed(Bundle("it-tampered@1.0.0", "--registry", registry), 1, "IPM4001", "it-tampered@1.0.0", "range '1.0.0', required by root)");
    }

    [Fact]
    public void Bad_spec() =>
        AssertFailed(Bundle("Not A Name@^1", "--registry", _registry.Url), 1, "IPM1001", "'Not A Name@^1'");

    [Fact]
    public void Invalid_range_names_the_package() =>
        AssertFailed(Bundle("fx-a@>>1", "--registry", _registry.Url), 1, "IPM1101", "'>>1'", "fx-a");

    [Fact]
    public void Invalid_range_deep_in_the_tree_names_the_package_the_range_and_the_chain()
    {
        // npm publish would refuse the range, so a static folder registry carries the packuments (no archives:
        // resolution stops before any fetch).
        var registry = _dir.Combine("registry");
        WritePackument(registry, "echotest", "0.0.1", new JsonObject { ["it-target"] = ">>1" });
        WritePackument(registry, "it-target", "1.0.0", new JsonObject());

        AssertFailed(Bundle("echotest@^0.0.1", "--registry", registry), 1, "IPM1101", "invalid version range '>>1' for it-target (required by root > echotest@^0.0.1)");
    }

    private static void WritePackument(string registry, string name, string version, JsonObject dependencies)
    {
        Directory.CreateDirectory(Path.Combine(registry, name));
        var packument = new JsonObject
        {
            ["name"] = name,
            ["dist-tags"] = new JsonObject { ["latest"] = version },
            ["versions"] = new JsonObject
            {
                [version] = new JsonObject
                {
                    ["name"] = name,
                    ["version"] = version,
                    ["dependencies"] = dependencies,
                    ["dist"] = new JsonObject { ["tarball"] = $"-/{name}-{version}.tgz", ["integrity"] = "sha512-" + Convert.ToBase64String(SHA512.HashData("absent"u8)) },
                },
            },
        };
        File.WriteAllText(Path.Combine(registry, name, "index.json"), packument.ToJsonString());
    }

    [Fact]
    public void Bad_usage_exits_2()
    {
        var noOut = IpmCli.Run(_dir.Path, "bundle", "fx-a@^1", "--registry", _registry.Url);
        Assert.Equal(2, noOut.ExitCode);
        Assert.Contains("error IPM1000", noOut.StdErr, StringComparison.Ordinal);
        var unknown = IpmCli.Run(_dir.Path, "bundle", "fx-a", "--out", _out, "--no-such-option");
        Assert.Equal(2, unknown.ExitCode);
        var nothing = IpmCli.Run(_dir.Path, "bundle", "--out", _out, "--registry", _registry.Url);
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("error IPM1003", nothing.StdErr, StringComparison.Ordinal);
        Assert.Equal(_before, FolderSnapshot.Take(_out));
    }
}
