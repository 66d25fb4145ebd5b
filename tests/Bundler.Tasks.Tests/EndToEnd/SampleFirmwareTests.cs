using System.IO.Compression;
using System.Text;
using Bundler.Testing;

namespace Bundler.Tasks.Tests.EndToEnd;

/// <summary>
/// The whole user story: Ipm.Bundler packed into a local feed, samples/firmware-project restored from it and built
/// with <c>dotnet build</c> against a real registry (Verdaccio on 127.0.0.1, configured by an .npmrc holding a
/// token), the generated C compiled with the Duktape host and run; then a second build does nothing, a Version
/// change regenerates, clean removes the output, and a bad Version fails at its line.
/// </summary>
[Collection(VerdaccioFixture.Collection)]
public sealed class SampleFirmwareTests : IClassFixture<PackedSample>
{
    private const string Token = "e2e-npm-token-4f1c9a7b";
    private const string Echo = "<IpmModule Include=\"echotest\" Version=\"^0.0.1\" />";

    private readonly VerdaccioFixture _registry;
    private readonly PackedSample _packed;

    public SampleFirmwareTests(VerdaccioFixture registry, PackedSample packed)
    {
        _registry = registry;
        _packed = packed;
        SecretMasker.Register(Token);
        // echotest prints its own version, so the output says which one was bundled.
        _registry.EnsurePublished([Echotest("0.0.1"), Echotest("0.0.2"), new FixturePackage("shout", "1.0.0")
            .WithFile("index.js", "module.exports = function (s) { return String(s).toUpperCase(); };\n")]);
    }

    [Fact]
    public void Sample_builds_runs_and_rebuilds_only_what_changed()
    {
        var sample = NewSample();
        // The application is the local `file:` package the story is about (Include="./app" is the other form).
        Assert.Contains("<IpmModule Include=\"app\" Version=\"file:./app\" />", File.ReadAllText(sample.ProjectPath), StringComparison.Ordinal);

        var first = sample.Run("build", "-v:n", "-bl:" + sample.Combine("first.binlog")).EnsureSuccess();
        Assert.Contains("echo 0.0.1: HELLO FROM FLASH", first.Log, StringComparison.Ordinal);
        // One summary line per stage at normal verbosity.
        Assert.Equal(1, Count(first.Log, "ipm: resolved 3 packages"));
        Assert.Equal(1, Count(first.Log, "fetch: 2 packages, 2 downloaded ("));
        // ipm_modules.c/.h, ipm_resolver.c, IPM-NOTICES.txt, ipm-report.json and ipm-report.html.
        Assert.Equal(1, Count(first.Log, "ipm: generated 6 files into "));
        Assert.Matches(@"\(\d+ bytes of flash\)", first.Log);
        var lockText = File.ReadAllText(sample.LockPath);
        Assert.Contains("\"version\": \"0.0.1\"", lockText, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, lockText, StringComparison.Ordinal);
        var generated = Directory.GetFiles(sample.GeneratedDir).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["IPM-NOTICES.txt", "ipm-report.html", "ipm-report.json", "ipm_modules.c", "ipm_modules.h", "ipm_resolver.c"],
            generated.Select(Path.GetFileName));
        Assert.All(generated, f => Assert.DoesNotContain(Token, File.ReadAllText(f), StringComparison.Ordinal));
        AssertNoToken(first.Log, sample.Combine("first.binlog"));
        var stamps = generated.Select(File.GetLastWriteTimeUtc).ToArray();
        var resolver = File.ReadAllBytes(Path.Combine(sample.GeneratedDir, "ipm_resolver.c"));

        var second = sample.Run("build", "-v:n").EnsureSuccess();
        Assert.True(second.Skipped("IpmGenerate"), second.Log);
        Assert.DoesNotContain("ipm: ", second.Log, StringComparison.Ordinal);
        Assert.Contains("echo 0.0.1: HELLO FROM FLASH", second.Log, StringComparison.Ordinal);

        // A newer input with the same content regenerates the same bytes: the files keep their time stamps (so the
        // firmware does not recompile), and that must not make every later build regenerate again.
        // Touched to now, not into the future: a run must end newer than its inputs, as it does in real life.
        File.SetLastWriteTimeUtc(sample.Combine("app", "index.js"), DateTime.UtcNow);
        var touched = sample.Run("build", "-v:n").EnsureSuccess();
        Assert.Equal(1, Count(touched.Log, "ipm: generated 6 files into "));
        Assert.Equal(stamps, generated.Select(File.GetLastWriteTimeUtc));
        Assert.True(sample.Run("build", "-v:n").EnsureSuccess().Skipped("IpmGenerate"));

        sample.Edit(Echo, Echo.Replace("^0.0.1", "0.0.2", StringComparison.Ordinal));
        var changed = sample.Run("build", "-v:d").EnsureSuccess();
        Assert.False(changed.Skipped("IpmGenerate"), changed.Log);
        Assert.Contains("echo 0.0.2: HELLO FROM FLASH", changed.Log, StringComparison.Ordinal);
        // Another package version, other data: the resolver's source stays the same bytes.
        Assert.Equal(resolver, File.ReadAllBytes(Path.Combine(sample.GeneratedDir, "ipm_resolver.c")));
        Assert.Contains("\"version\": \"0.0.2\"", File.ReadAllText(sample.LockPath), StringComparison.Ordinal);
        // Detailed verbosity adds per-package lines; the token still never shows.
        Assert.Contains("echotest@0.0.2: downloaded ", changed.Log, StringComparison.Ordinal);
        AssertNoToken(changed.Log, binlog: null);

        sample.Run("clean", "-v:n").EnsureSuccess();
        Assert.Empty(Directory.Exists(sample.GeneratedDir) ? Directory.GetFiles(sample.GeneratedDir) : []);
        Assert.Empty(Directory.GetFiles(sample.IntermediateDir, "*.Ipm*"));
        Assert.False(File.Exists(sample.FirmwarePath), "clean removes the firmware built from the generated files");
        Assert.True(File.Exists(sample.LockPath), "clean keeps the lock file");
    }

    [Fact]
    public void A_bad_version_fails_the_build_at_the_items_line_before_anything_is_fetched()
    {
        var sample = NewSample();
        sample.Edit(Echo, Echo.Replace("^0.0.1", "[0.0.1,0.1.0)", StringComparison.Ordinal));

        var run = sample.Run("build", "-v:n");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"{sample.ProjectPath}({sample.LineOf("\"echotest\"")}): error IPM9002:", run.Log, StringComparison.Ordinal);
        Assert.False(File.Exists(sample.LockPath));
        Assert.False(Directory.Exists(sample.GeneratedDir));
    }

    private static FixturePackage Echotest(string version) =>
        new FixturePackage("echotest", version).DependsOn("shout", "^1.0.0").WithFile("index.js",
            $"var shout = require('shout');\nmodule.exports = function echo(text) {{ return 'echo {version}: ' + shout(text); }};\n");

    private static int Count(string text, string fragment)
    {
        var count = 0;
        for (var i = text.IndexOf(fragment, StringComparison.Ordinal); i >= 0; i = text.IndexOf(fragment, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>The console output and the binary log (its gzip stream holds strings as UTF-8) never hold the token.</summary>
    private void AssertNoToken(string log, string? binlog)
    {
        Assert.DoesNotContain(Token, log, StringComparison.Ordinal);
        if (binlog is null)
        {
            return;
        }

        using var gzip = new GZipStream(File.OpenRead(binlog), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        var text = Encoding.UTF8.GetString(bytes.ToArray());
        // The search can find things: the registry's address is in the log, the token is not.
        Assert.Contains($"127.0.0.1:{_registry.Server.Port}", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
    }

    /// <summary>A fresh copy of the sample with an .npmrc beside it naming the registry and a token for it.</summary>
    private SampleCopy NewSample()
    {
        var sample = _packed.CopySample();
        var url = new Uri(_registry.Url);
        File.WriteAllText(sample.Combine(".npmrc"), $"registry={_registry.Url}\n//{url.Authority}{url.AbsolutePath}:_authToken={Token}\n");
        return sample;
    }
}
