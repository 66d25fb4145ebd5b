using Bundler.Testing;
using Xunit.Abstractions;
using static Bundler.Integration.Tests.Fetching.CliAssert;

namespace Bundler.Integration.Tests.Fetching;

/// <summary>
/// Four `ipm bundle` processes at once, one cache, against Verdaccio with packages published by npm: the cache is
/// shared without locks, so every entry must still be whole and every run must succeed. The registry answers
/// through a <see cref="ThrottlingProxy"/>, so that the processes' downloads overlap instead of the first one
/// filling the cache before the others have started.
/// </summary>
[Collection(VerdaccioFixture.Collection)]
public sealed class ConcurrentBundleTests(VerdaccioFixture verdaccio, ITestOutputHelper output) : IDisposable
{
    // Large enough (incompressible text) that downloads of the same archive by several processes overlap.
    private static readonly FixturePackage Base = new FixturePackage("cc-base", "1.0.0")
        .WithFile("index.js", "module.exports = 'base';\n")
        .WithFile("data.txt", PackedFixtures.Noise(21, 400_000));

    private static readonly FixturePackage Util = new FixturePackage("cc-util", "1.2.0")
        .DependsOn("cc-base", "^1.0.0")
        .WithFile("index.js", "module.exports = 'util+' + require('cc-base');\n")
        .WithFile("data.txt", PackedFixtures.Noise(22, 200_000));

    private static readonly FixturePackage A = new FixturePackage("cc-a", "1.0.0").DependsOn("cc-util", "^1.0.0");
    private static readonly FixturePackage B = new FixturePackage("cc-b", "2.0.0").DependsOn("cc-util", "~1.2.0").DependsOn("cc-extra", "1");
    private static readonly FixturePackage Extra = new FixturePackage("cc-extra", "1.0.1").WithFile("data.txt", PackedFixtures.Noise(23, 100_000));
    private static readonly FixturePackage Solo = new("cc-solo", "3.1.4");

    private readonly IpmCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Four_processes_bundling_same_and_overlapping_packages_into_one_cache_all_succeed_and_leave_no_bad_entry()
    {
        verdaccio.EnsurePublished([Base, Util, A, B, Extra, Solo]);
        string[][] sets =
        [
            ["cc-a@^1.0.0", "cc-b@^2.0.0"],
            ["cc-a@^1.0.0", "cc-b@^2.0.0"],
            ["cc-b@^2.0.0", "cc-solo@^3.0.0"],
            ["cc-util@^1.0.0", "cc-extra@^1.0.0", "cc-solo@^3.0.0"],
        ];

        await using var slow = new ThrottlingProxy(verdaccio.Server.Port);

        var runs = sets.Select((specs, i) =>
        {
            var project = Directory.CreateDirectory(_cli.Combine($"p{i}")).FullName;
            return _cli.Start(_cli.BundleArgs(slow.Url, specs, output: Path.Combine(project, "gen")), project);
        }).ToList();
        var results = runs.Select(r => r.WaitForExit(TimeSpan.FromMinutes(3))).ToList();
        runs.ForEach(r => r.Dispose());
        var verify = _cli.VerifyCache();
        // More downloads than distinct archives means processes raced for the same entries (the point of the test).
        results.ForEach(r => output.WriteLine(r.StdOut.Split('\n').FirstOrDefault(l => l.StartsWith("fetch:", StringComparison.Ordinal))));

        Assert.All(results, r =>
        {
            Succeeded(r);
            Assert.DoesNotContain("warning IPM", r.StdErr, StringComparison.Ordinal);
        });
        Assert.Equal(6, (int)verify["entries"]!);
        Assert.Equal(0, (int)verify["removed"]!);
        Assert.Equal(0, (int)verify["staleTemporaryFiles"]!);
        Assert.Empty(TempFiles(_cli.Cache));
        // The same packages give byte-identical output, whichever process stored the archives.
        Assert.Equal(State(_cli.Combine("p0", "gen")), State(_cli.Combine("p1", "gen")));
        Assert.Contains("util+", File.ReadAllText(_cli.Combine("p3", "gen", "ipm_modules.c")), StringComparison.Ordinal);
    }
}
