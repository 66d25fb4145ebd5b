using System.Text.Json;
using Bundler.Integration.Tests.Generation;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Foundation;

/// <summary>
/// The foundation issue end to end: packages published with the real npm client to a real Verdaccio,
/// <c>ipm bundle</c> run as a process, the output compiled with gcc and arm-none-eabi-gcc under strict flags,
/// and the Duktape host firmware requiring the packages with no filesystem.
/// </summary>
[Collection(VerdaccioFixture.Collection)]
public sealed class FoundationEndToEndTests : IDisposable
{
    private readonly VerdaccioFixture _registry;
    private readonly TempDirectory _dir = new("ipm-foundation");

    public FoundationEndToEndTests(VerdaccioFixture registry)
    {
        _registry = registry;
        _registry.EnsurePublished(FoundationFixtures.All());
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Bundle_compiles_strictly_for_host_and_cortex_m_and_runs_in_duktape()
    {
        // The firmware's own entry: prints what the bundled app computes, including the nested fx-a 2.0.0's value.
        _dir.Write("app/main.js", "print(JSON.stringify(require('fx-app')));\n");
        var gen = _dir.Combine("gen");
        var result = IpmCli.Run(_dir.Combine("app"), "bundle", $"{FoundationFixtures.AppName}@{FoundationFixtures.AppRange}",
            "--registry", _registry.Url, "--out", gen, "--entry", "main.js", "--cache", _dir.Combine("cache"));
        result.EnsureSuccess("ipm bundle");

        var host = CCompiler.BuildExecutable(_dir.Combine("host-firmware"),
            [Path.Combine(RepoPaths.Samples, "host-firmware", "host.c"), .. GeneratedC.Sources(gen)], [gen], ["duktape", "m"]);
        foreach (var source in GeneratedC.Sources(gen))
        {
            CCompiler.CompileForArm(source, _dir.Combine(Path.GetFileNameWithoutExtension(source) + ".o"), [gen]);
        }

        // Run from an empty folder: nothing on disk could answer a require.
        Directory.CreateDirectory(_dir.Combine("empty"));
        var run = ProcessRunner.Run(host, [], _dir.Combine("empty")).EnsureSuccess("host firmware");
        Assert.Equal(FoundationFixtures.ExpectedAppJson, run.StdOut.TrimEnd('\n'));

        // The lock describes the tree npm would install for the same request.
        using var lockDoc = JsonDocument.Parse(File.ReadAllText(_dir.Combine("app", "ipm-lock.json")));
        var locked = lockDoc.RootElement.GetProperty("packages").EnumerateObject()
            .Select(p => (p.Name, p.Value.TryGetProperty("name", out var n) ? n.GetString()! : p.Name[(p.Name.LastIndexOf("node_modules/", StringComparison.Ordinal) + 13)..], p.Value.GetProperty("version").GetString()!))
            .ToList();
        Assert.Equal(FoundationFixtures.ExpectedTree, locked);
        Assert.DoesNotContain("_authToken", File.ReadAllText(_dir.Combine("app", "ipm-lock.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Second_bundle_from_the_lock_reads_no_packument_and_writes_identical_sources()
    {
        var first = _dir.Combine("gen1");
        var second = _dir.Combine("gen2");
        IpmCli.Run(_dir.Path, "bundle", "fx-app@^1.0.0", "--registry", _registry.Url, "--out", first, "--cache", _dir.Combine("cache")).EnsureSuccess("first bundle");
        var again = IpmCli.Run(_dir.Path, "bundle", "fx-app@^1.0.0", "--registry", _registry.Url, "--out", second, "--cache", _dir.Combine("cache"), "--frozen")
            .EnsureSuccess("second bundle");
        Assert.Contains("0 packuments read", again.StdOut, StringComparison.Ordinal);
        foreach (var name in new[] { "ipm_modules.c", "ipm_modules.h", "ipm_resolver.c" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, name)), File.ReadAllBytes(Path.Combine(second, name)));
        }
    }
}
