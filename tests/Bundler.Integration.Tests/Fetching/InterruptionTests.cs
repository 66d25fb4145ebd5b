using System.Diagnostics;
using Bundler.Testing.Servers;
using Xunit.Abstractions;
using static Bundler.Integration.Tests.Fetching.CliAssert;
using static Bundler.Integration.Tests.Fetching.CliFixtures;

namespace Bundler.Integration.Tests.Fetching;

/// <summary>
/// ipm stopped in the middle of a download: by Ctrl-C (SIGINT) or SIGTERM, by SIGKILL, and with `ipm cache clean` running
/// meanwhile. The registry drips the archive so the download is certainly in the middle of its body.
/// </summary>
public sealed class InterruptionTests(ITestOutputHelper output) : IAsyncLifetime
{
    // The dripped archive takes about half a minute, far longer than any wait below.
    private static readonly TimeSpan DripDelay = TimeSpan.FromMilliseconds(250);
    private const int DripBytes = 512;

    private readonly IpmCli _cli = new();
    private readonly FaultRegistry _registry = new();
    private IReadOnlyList<PackedPackage> _packages = [];

    public Task InitializeAsync()
    {
        _packages = PackedFixtures.Pack(Slow, Dep);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        _cli.Dispose();
    }

    private PackedPackage SlowPackage => _packages[0];

    private string[] Specs => ["cf-slow@1.0.0", "cf-dep@1.0.0"];

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void Ctrl_C_or_SIGTERM_mid_download_exits_1_promptly_and_leaves_no_partial_file_no_lock_and_the_output_untouched(string signal)
    {
        _registry.Publish(_packages, p => p == SlowPackage ? [FaultResponse.Drip(p.Tarball, DripBytes, DripDelay)] : []);
        var before = PlantOutput(_cli.Out);
        using var ipm = _cli.Start(_cli.BundleArgs(_registry.Url, Specs));
        WaitUntilMidDownload(ipm);

        var clock = Stopwatch.StartNew();
        ipm.Signal(signal);
        var result = ipm.WaitForExit(TimeSpan.FromSeconds(60));
        var stopped = clock.Elapsed;
        output.WriteLine($"ipm exited {(long)stopped.TotalMilliseconds} ms after SIG{signal}");

        Failed(result, "IPM1005");
        Assert.True(stopped < TimeSpan.FromSeconds(10), $"ipm took {stopped} to stop after SIG{signal}");
        Assert.Empty(TempFiles(_cli.Cache));
        Assert.DoesNotContain(Entries(_cli.Cache), e => FaultRegistryCliTests.Sha512(e) == SlowPackage.Integrity);
        Assert.Equal(before, State(_cli.Out));
        Assert.False(File.Exists(_cli.Lock));
    }

    [Fact]
    public void Killed_mid_download_a_second_run_succeeds_and_cache_verify_finds_no_bad_entry()
    {
        // The first request drips; the run after the kill gets the archive at once.
        _registry.Publish(_packages, p => p == SlowPackage ? [FaultResponse.Drip(p.Tarball, DripBytes, DripDelay)] : []);
        var before = PlantOutput(_cli.Out);
        using (var ipm = _cli.Start(_cli.BundleArgs(_registry.Url, Specs)))
        {
            WaitUntilMidDownload(ipm);
            ipm.KillHard();
        }

        var afterKill = State(_cli.Out);
        var leftovers = TempFiles(_cli.Cache);
        var rerun = _cli.Bundle(_registry.Url, Specs);
        var verify = _cli.VerifyCache();

        Assert.Equal(before, afterKill);
        Assert.NotEmpty(leftovers);
        Succeeded(rerun);
        Assert.Equal(2, _registry.TarballRequests(SlowPackage));
        Assert.Equal(2, (int)verify["entries"]!);
        Assert.Equal(0, (int)verify["removed"]!);
        // The killed run's partial file is young, so verify keeps it (it might be a download still running elsewhere).
        Assert.Equal(0, (int)verify["staleTemporaryFiles"]!);
        Assert.Equal(leftovers, TempFiles(_cli.Cache));
        Assert.Equal(_packages.Select(p => p.Integrity).Order(StringComparer.Ordinal), Entries(_cli.Cache).Select(FaultRegistryCliTests.Sha512).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Cache_clean_during_a_download_leaves_that_download_alone_and_the_bundle_succeeds()
    {
        // About three seconds of dripping: long enough to clean meanwhile, short enough to wait for.
        _registry.Publish(_packages, p => p == SlowPackage ? [FaultResponse.Drip(p.Tarball, SlowPackage.Tarball.Length / 12, DripDelay)] : []);
        using var ipm = _cli.Start(_cli.BundleArgs(_registry.Url, Specs));
        WaitUntilMidDownload(ipm);

        var clean = _cli.Run("cache", "clean", "--cache", _cli.Cache, "--json");
        var result = ipm.WaitForExit(TimeSpan.FromMinutes(2));
        var verify = _cli.VerifyCache();

        Succeeded(clean);
        Assert.Contains("\"keptTemporaryFiles\":1", clean.StdOut, StringComparison.Ordinal);
        Succeeded(result);
        Assert.Equal(0, (int)verify["removed"]!);
        Assert.Contains(Entries(_cli.Cache), e => FaultRegistryCliTests.Sha512(e) == SlowPackage.Integrity);
        Assert.Empty(TempFiles(_cli.Cache));
    }

    /// <summary>
    /// Waits until the registry is dripping the slow archive and ipm has its temporary file open: that is created
    /// once the response headers are in, in the folder the entry will live in (<c>sha512/{hex[0..2]}/{hex[2..4]}</c>).
    /// </summary>
    private void WaitUntilMidDownload(RunningIpm ipm)
    {
        var hex = Convert.ToHexStringLower(Convert.FromBase64String(SlowPackage.Integrity["sha512-".Length..]));
        var folder = Path.Combine(_cli.Cache, "content-v1", "sha512", hex[..2], hex[2..4]);
        var limit = Stopwatch.StartNew();
        while (_registry.TarballRequests(SlowPackage) == 0 || TempFiles(folder).Length == 0)
        {
            if (ipm.HasExited || limit.Elapsed > TimeSpan.FromSeconds(60))
            {
                var r = ipm.WaitForExit(TimeSpan.FromSeconds(5));
                Assert.Fail($"ipm never got to the middle of the download (exit {r.ExitCode})\n{r.All}");
            }

            Thread.Sleep(50);
        }
    }
}
