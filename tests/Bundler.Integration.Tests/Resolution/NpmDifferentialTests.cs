using Bundler.Core.Archives;
using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;
using Bundler.Core.Registry;
using Bundler.Core.Registry.Http;
using Bundler.Core.Resolution;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Resolution;

/// <summary>
/// ipm's resolver against npm's, on the same registry: for every scenario the set of (install path, package,
/// version) must equal what <c>npm install --package-lock-only</c> writes into package-lock.json (or, where npm's
/// lock keeps packages it would not install, what <c>npm install</c> installs), and a conflict npm refuses with
/// ERESOLVE must be refused by ipm too.
/// </summary>
[Collection(VerdaccioFixture.Collection)]
public sealed class NpmDifferentialTests(VerdaccioFixture registry, NpmOracleFixture oracles) : IClassFixture<NpmOracleFixture>
{
    public static TheoryData<string> Scenarios => new(NpmScenarios.All.Select(s => s.Id));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Tree_matches_npm(string id)
    {
        var scenario = NpmScenarios.Get(id);
        var oracle = oracles.For(registry);
        var npm = oracle.Answer(id);
        var log = new RecordingBundleLog();

        if (scenario.Oracle == OracleKind.Conflict)
        {
            Assert.True(npm.ErrorCode == "ERESOLVE", $"npm was expected to refuse {scenario} but answered:\n{npm.Output}");
            var ex = await Assert.ThrowsAsync<IpmException>(() => ResolveAsync(scenario, oracle, log));
            Assert.Equal("IPM3008", ex.Code);
            return;
        }

        if (npm.ErrorCode == "ERESOLVE")
        {
            Assert.Equal("IPM3008", (await Assert.ThrowsAsync<IpmException>(() => ResolveAsync(scenario, oracle, log))).Code);
            return;
        }

        if (npm.ErrorCode == "timeout")
        {
            // Say whether ipm finishes where npm did not (it has been seen to loop on some peer-heavy graphs).
            var ours = Task.Run(() => ResolveAsync(scenario, oracle, log));
            string outcome;
            try
            {
                outcome = $"resolved {(await ours.WaitAsync(TimeSpan.FromMinutes(1))).Packages.Count} packages";
            }
            catch (Exception e)
            {
                outcome = e is TimeoutException ? "did not finish within a minute either" : "failed: " + e.Message;
            }

            Assert.Fail($"npm did not finish {scenario}; ipm {outcome}");
        }

        Assert.True(npm.ErrorCode is null, $"npm failed on {scenario}:\n{npm.Output}");
        if (npm.Links.Count > 0)
        {
            // npm links a package to its own copy further up to end a loop like a1 > b1 > a2 > b2 > a1; a bundle
            // holds no links, so ipm refuses at the same point, naming the chain.
            Assert.Equal("IPM3014", (await Assert.ThrowsAsync<IpmException>(() => ResolveAsync(scenario, oracle, log))).Code);
            return;
        }

        var tree = await ResolveAsync(scenario, oracle, log);
        if (scenario.Oracle == OracleKind.Update)
        {
            AssertSame(scenario, "tree before the change", npm.Before!.Entries, tree.Packages);
            AssertSame(scenario, "extraneous packages before the change", npm.Before.Extraneous, tree.Extraneous);

            // Through the lock file, as 'ipm lock' after an edit would: what the lock keeps is all the resolver gets.
            var lockPath = Path.Combine(oracle.ProjectDirectory(scenario), LockFile.DefaultName);
            LockFile.WriteIfChanged(lockPath, tree);
            tree = await ResolveAsync(scenario, oracle, log, LockFile.Read(lockPath).Tree);
        }

        AssertSame(scenario, "tree", npm.Entries, tree.Packages);
        AssertSame(scenario, "extraneous packages", npm.Extraneous, tree.Extraneous);
    }

    [Fact]
    public async Task Peer_conflict_names_both_requirement_chains()
    {
        var scenario = NpmScenarios.Get("rs13");
        var oracle = oracles.For(registry);

        var ex = await Assert.ThrowsAsync<IpmException>(() => ResolveAsync(scenario, oracle, new RecordingBundleLog()));

        Assert.Contains($"root > {scenario.N("plugin")}@^1", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{scenario.N("host")}@^2.0.0", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"root > {scenario.N("host")}@^1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_optional_dependencies_are_warnings_naming_each_one()
    {
        var scenario = NpmScenarios.Get("rs17");
        var log = new RecordingBundleLog();

        await ResolveAsync(scenario, oracles.For(registry), log);

        var skipped = log.Diagnostics.Where(d => d.Code == "IPM3007").Select(d => d.Message).ToList();
        Assert.Equal(3, skipped.Count);
        Assert.Contains(skipped, m => m.Contains($"'{scenario.N("missing")}@^1'", StringComparison.Ordinal));
        Assert.Contains(skipped, m => m.Contains($"'{scenario.N("nomatch")}@^3'", StringComparison.Ordinal));
        Assert.Contains(skipped, m => m.Contains($"'{scenario.N("gone")}@^1'", StringComparison.Ordinal) && m.Contains(scenario.N("o"), StringComparison.Ordinal));
    }

    private static void AssertSame(Scenario scenario, string what, IReadOnlyList<string> npm, IEnumerable<ResolvedPackage> packages)
    {
        var ours = packages.Select(p => NpmOracle.Entry(p.Path, p.PackageName, p.Version)).Order(StringComparer.Ordinal).ToList();
        var onlyNpm = npm.Except(ours, StringComparer.Ordinal).ToList();
        var onlyOurs = ours.Except(npm, StringComparer.Ordinal).ToList();
        Assert.True(onlyNpm.Count == 0 && onlyOurs.Count == 0,
            $"{scenario}: {what}\nonly in npm's:\n  {string.Join("\n  ", onlyNpm)}\nonly in ipm's:\n  {string.Join("\n  ", onlyOurs)}\nnpm's:\n  {string.Join("\n  ", npm)}");
    }

    /// <summary>ipm's resolver in-process, over real HTTP to the same Verdaccio, in the folder npm resolved.</summary>
    private static async Task<ResolvedTree> ResolveAsync(Scenario scenario, NpmOracle oracle, IBundleLog log, ResolvedTree? previous = null)
    {
        using var transport = new HttpTransport(NoCredentials.Instance, new TransportOptions(), log);
        var source = new HttpRegistry(new Uri(oracle.Registry.Url), transport);
        var resolver = new Resolver(_ => source, log, new TarballManifests(transport, ExtractionLimits.Default));
        var options = new ResolveOptions { ProjectDirectory = oracle.ProjectDirectory(scenario), RootName = "root" };
        var root = scenario.RootFor(oracle.Registry.Url, updated: previous is not null);
        return await resolver.ResolveAsync(root, previous, options, CancellationToken.None);
    }
}
