using System.Text.Json.Nodes;

namespace Bundler.Integration.Tests.Resolution;

/// <summary>
/// The trees resolved by both npm and ipm. Each exercises a rule of arborist's placement; none states the expected
/// tree: npm's answer is the expectation. Ids are short because every package name starts with one.
/// </summary>
internal static partial class NpmScenarios
{
    /// <summary>
    /// Set to graph numbers (<c>300-399</c>, <c>107,235</c>) to add those pseudo-random graphs to the scenarios: a
    /// search for disagreements with npm, run by hand. The graphs it found differences in are kept below.
    /// </summary>
    public const string SweepVariable = "IPM_DIFFERENTIAL_SWEEP";

    public static IReadOnlyList<Scenario> All { get; } = [.. Chosen(), .. Sweep(Environment.GetEnvironmentVariable(SweepVariable))];

    private static IEnumerable<Scenario> Chosen() =>
    [
        NestTwoLevels(), Diamond(), ConflictsAtThreeDepths(), ReplaceOlderVersion(), DistTags(), Cycles(), Prereleases(),
        Deprecated(), Aliases(), Scoped(), LocaleOrder(), PeersInstalled(), PeerConflict(), PeersOfADependency(),
        MetaPeers(), OptionalPeerConflict(), OptionalFailures(), DevDependenciesIgnored(), Bundled(), LocalFolder(),
        TarballUrl(), PeerConflictOverridden(), UpdateReplacesAtTheRoot(), UpdateKeepsLockedVersions(), OptionalPeerInvalid(),
        PeerSetReplacement(), SelfLoop(), ExtraneousOptionalPeer(),

        // Random graphs, and the seeds of earlier sweeps that found a difference (fixed since).
        Random("rs31", 7), Random("rs32", 1234), Random("rs33", 99),
        Random("rs51", (51 * 7919) + 1, peers: true, count: 20, maxDeps: 6), // npm links a dependency loop
        Random("rs52", (52 * 7919) + 1, peers: true, count: 20, maxDeps: 6), // extraneous nodes in a fresh lock
        Random("rs53", (53 * 7919) + 1, peers: true, count: 20, maxDeps: 6),
        Random("rs65", (65 * 7919) + 1, peers: true, count: 20, maxDeps: 6),
        Random("rs92", 92 * 104729, peers: true, update: true), // a node only an optional peer reaches is pruned
        Random("rs94", 94 * 104729, peers: true, update: true),
        Random("rs95", 95 * 104729, peers: true, update: true),
        Random("rs148", (148 * 31337) + 5, peers: true, count: 23, maxDeps: 3, update: true), // extraneous nodes shape an update
    ];

    private static IEnumerable<Scenario> Sweep(string? setting)
    {
        if (string.IsNullOrEmpty(setting))
        {
            return [];
        }

        static int Number(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var numbers = setting.Split(',').SelectMany(part => part.Split('-') is [var from, var to]
            ? Enumerable.Range(Number(from), Number(to) - Number(from) + 1)
            : [Number(part)]);
        return numbers.Select(i =>
            Random($"sw{i}", (i * 31337) + 5, peers: i % 3 != 0, count: 10 + (i % 15), maxDeps: 3 + (i % 4), update: i % 4 == 0));
    }

    public static Scenario Get(string id) => All.Single(s => s.Id == id);

    private static Scenario NestTwoLevels()
    {
        var s = new Scenario("rs01", "a shared version hoists, a conflict two levels down nests");
        s.P("a", "1.0.0").DependsOn(s.N("c"), "^1.0.0");
        s.P("b", "1.0.0").DependsOn(s.N("d"), "^1.0.0");
        s.P("d", "1.0.0").DependsOn(s.N("c"), "^2.0.0");
        foreach (var v in new[] { "1.0.0", "1.5.0", "2.0.0", "2.1.0" })
        {
            s.P("c", v);
        }

        return s.Requires("a", "^1").Requires("b", "^1");
    }

    private static Scenario Diamond()
    {
        var s = new Scenario("rs02", "diamond: two ranges of one package, the newer hoisted, the other nested");
        s.P("a", "1.0.0").DependsOn(s.N("x"), "^1.1.0");
        s.P("b", "1.0.0").DependsOn(s.N("x"), "~1.2.0");
        s.P("c", "1.0.0").DependsOn(s.N("x"), ">=1.1.0 <1.4.0");
        foreach (var v in new[] { "1.1.0", "1.2.5", "1.3.0" })
        {
            s.P("x", v);
        }

        return s.Requires("a", "^1").Requires("b", "^1").Requires("c", "^1");
    }

    private static Scenario ConflictsAtThreeDepths()
    {
        var s = new Scenario("rs03", "the root's version wins; conflicts nest at depths one, two and three");
        s.P("a", "1.0.0").DependsOn(s.N("b"), "^1").DependsOn(s.N("x"), "^2").DependsOn(s.N("e"), "^1").DependsOn(s.N("g"), "^3");
        s.P("b", "1.0.0").DependsOn(s.N("c"), "^1");
        s.P("c", "1.0.0").DependsOn(s.N("x"), "^3").DependsOn(s.N("d"), "^1");
        s.P("d", "1.0.0").DependsOn(s.N("x"), "^2");
        s.P("e", "1.0.0").DependsOn(s.N("f"), "^1").DependsOn(s.N("g"), "^1");
        s.P("e", "2.0.0").DependsOn(s.N("f"), "^2");
        foreach (var v in new[] { "1.0.0", "2.0.0" })
        {
            s.P("f", v);
        }

        foreach (var v in new[] { "1.0.0", "2.0.0", "3.0.0" })
        {
            s.P("x", v);
            s.P("g", v);
        }

        return s.Requires("a", "^1").Requires("x", "^1").Requires("e", "^2").Requires("g", "^2");
    }

    private static Scenario ReplaceOlderVersion()
    {
        var s = new Scenario("rs04", "a newer version replaces an older one at the top when every dependent accepts it");
        s.P("a", "1.0.0").DependsOn(s.N("x"), "^1.0.0");
        s.P("b", "1.0.0").DependsOn(s.N("c"), "^1.0.0");
        s.P("c", "1.0.0").DependsOn(s.N("x"), "^1.5.0").DependsOn(s.N("y"), "^1.0.0");
        s.P("d", "1.0.0").DependsOn(s.N("y"), "~1.0.0");
        s.P("x", "1.0.0").TaggedAs("latest").DependsOn(s.N("old"), "^1");
        s.P("x", "1.5.0");
        s.P("x", "1.6.0");
        s.P("old", "1.0.0");
        s.P("y", "1.0.0");
        s.P("y", "1.1.0");
        return s.Requires("a", "^1").Requires("b", "^1").Requires("d", "^1");
    }

    private static Scenario DistTags()
    {
        var s = new Scenario("rs05", "dist-tag specs: the tagged version, and any registry version satisfies a tag");
        s.P("y", "1.0.0");
        s.P("y", "1.1.0");
        s.P("y", "2.0.0-beta.1").TaggedAs("beta");
        s.P("a", "1.0.0").DependsOn(s.N("y"), "^1");
        s.P("d", "1.0.0").DependsOn(s.N("y"), "latest");
        s.P("e", "1.0.0").DependsOn(s.N("z"), "stable");
        s.P("z", "1.0.0").TaggedAs("stable");
        s.P("z", "1.1.0");
        return s.Requires("y", "beta").Requires("a", "^1").Requires("d", "^1").Requires("e", "^1").Requires("z", "^1.1");
    }

    private static Scenario Cycles()
    {
        var s = new Scenario("rs06", "dependency cycles, one of them through a nested older version");
        s.P("a", "1.0.0").DependsOn(s.N("b"), "^1");
        s.P("a", "2.0.0").DependsOn(s.N("b"), "^1");
        s.P("b", "1.0.0").DependsOn(s.N("a"), "^1");
        s.P("c", "1.0.0").DependsOn(s.N("d"), "^1");
        s.P("d", "1.0.0").DependsOn(s.N("c"), "^1").DependsOn(s.N("d2"), "^1");
        s.P("d2", "1.0.0").DependsOn(s.N("d"), "^1");
        return s.Requires("a", "^2").Requires("c", "^1");
    }

    private static Scenario Prereleases()
    {
        var s = new Scenario("rs07", "prereleases: only ranges naming them pick them, '*' accepts them");
        s.P("x", "1.0.0");
        s.P("x", "1.1.0-beta.1");
        s.P("x", "2.0.0-rc.1").TaggedAs("rc");
        s.P("a", "1.0.0").DependsOn(s.N("x"), "*");
        s.P("b", "1.0.0").DependsOn(s.N("x"), ">=1.0.0");
        s.P("c", "1.0.0").DependsOn(s.N("x"), "^2.0.0-rc.0");
        s.P("d", "1.0.0").DependsOn(s.N("x"), "");
        return s.Requires("x", "^1.1.0-beta.0").Requires("a", "^1").Requires("b", "^1").Requires("c", "^1").Requires("d", "^1");
    }

    private static Scenario Deprecated()
    {
        var s = new Scenario("rs08", "deprecated versions are avoided when another satisfies, even as latest");
        s.P("x", "1.0.0");
        s.P("x", "1.1.0").Deprecated("x 1.1.0 is broken");
        s.P("y", "1.0.0").Deprecated("all of y is old");
        s.P("y", "1.1.0").Deprecated("all of y is old");
        s.P("z", "1.0.0");
        s.P("z", "2.0.0").Deprecated("z 2 is withdrawn");
        s.P("a", "1.0.0").DependsOn(s.N("z"), "^2");
        return s.Requires("x", "^1").Requires("y", "^1").Requires("z", "*").Requires("a", "^1");
    }

    private static Scenario Aliases()
    {
        var s = new Scenario("rs09", "npm: aliases install a package under another name, at the root and deeper");
        foreach (var v in new[] { "1.0.0", "1.5.0", "2.0.0" })
        {
            s.P("real", v);
        }

        s.P("x", "1.0.0");
        s.P("a", "1.0.0").DependsOn(s.N("y"), $"npm:{s.N("real")}@~1.0.0").DependsOn(s.N("real"), "^1");
        s.P("b", "1.0.0").DependsOn(s.N("x"), "^1");
        return s.Requires("x", $"npm:{s.N("real")}@^1").Requires("real", "^2").Requires("a", "^1").Requires("b", "^1");
    }

    private static Scenario Scoped()
    {
        var s = new Scenario("rs10", "scoped packages conflict and nest like any other");
        s.P("@a", "1.0.0").DependsOn(s.N("@b"), "^1").DependsOn(s.N("c"), "^1");
        s.P("@b", "1.0.0").DependsOn(s.N("@util"), "^1");
        s.P("@b", "2.0.0").DependsOn(s.N("@util"), "^2");
        s.P("c", "1.0.0").DependsOn(s.N("@b"), "^2");
        s.P("@util", "1.0.0");
        s.P("@util", "2.0.0");
        return s.Requires("@a", "^1").Requires("c", "^1").Requires("@util", "^2");
    }

    private static Scenario LocaleOrder()
    {
        // Ordinal order puts "p-a" before "p_a"; npm's collator puts '_' first, so p_a's choice is hoisted.
        var s = new Scenario("rs11", "placement order follows npm's locale collation, not ordinal order");
        s.P("p_a", "1.0.0").DependsOn(s.N("q"), "^1");
        s.P("p-a", "1.0.0").DependsOn(s.N("q"), "^2");
        s.P("p.a", "1.0.0").DependsOn(s.N("q"), "^3");
        foreach (var v in new[] { "1.0.0", "2.0.0", "3.0.0" })
        {
            s.P("q", v);
        }

        return s.Requires("p-a", "^1").Requires("p_a", "^1").Requires("p.a", "^1");
    }

    private static Scenario PeersInstalled()
    {
        var s = new Scenario("rs12", "peer dependencies are installed automatically, beside their dependent");
        s.P("plugin", "1.0.0").Peer(s.N("host"), "^2.0.0");
        s.P("other", "1.0.0").Peer(s.N("host"), ">=2.0.0").DependsOn(s.N("plugin"), "^1");
        foreach (var v in new[] { "1.0.0", "2.0.0", "2.1.0" })
        {
            s.P("host", v);
        }

        return s.Requires("plugin", "^1").Requires("other", "^1");
    }
}
