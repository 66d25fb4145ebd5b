namespace Bundler.Integration.Tests.Resolution;

/// <summary>Overridden peer conflicts, peer set replacement, and re-resolution with a lock present.</summary>
internal static partial class NpmScenarios
{
    private static Scenario PeerConflictOverridden()
    {
        var s = new Scenario("rs22", "a peer conflict inside a dependency's own set is not the project's: npm overrides it");
        s.P("x", "1.0.0").DependsOn(s.N("host"), "^1").DependsOn(s.N("plugin"), "^1");
        s.P("plugin", "1.0.0").Peer(s.N("host"), "^2");
        s.P("host", "1.0.0");
        s.P("host", "2.0.0");
        return s.Requires("x", "^1").Requires("host", "^1");
    }

    private static Scenario UpdateReplacesAtTheRoot()
    {
        var s = new Scenario("rs23", "with a lock: a new root range replaces the top copy and the old one nests where it is needed");
        s.P("a", "1.0.0").DependsOn(s.N("c"), "^1");
        s.P("b", "1.0.0").DependsOn(s.N("c"), "^1").DependsOn(s.N("only1"), "^1");
        s.P("b", "2.0.0").DependsOn(s.N("c"), "^2");
        s.P("c", "1.0.0");
        s.P("c", "2.0.0");
        s.P("only1", "1.0.0");
        s.Oracle = OracleKind.Update;
        s.Requires("a", "^1").Requires("b", "^1");
        return s.Updates("a", "^1").Updates("b", "^2").Updates("c", "^2");
    }

    private static Scenario UpdateKeepsLockedVersions()
    {
        var s = new Scenario("rs24", "with a lock: versions that still satisfy stay, even when newer ones exist");
        s.P("x", "1.0.0");
        s.P("x", "1.1.0");
        s.P("y", "1.0.0").DependsOn(s.N("x"), "~1.0.0");
        s.P("y", "1.1.0").DependsOn(s.N("x"), "^1");
        s.P("z", "1.0.0").DependsOn(s.N("x"), ">=1.0.0");
        s.Oracle = OracleKind.Update;
        s.Requires("x", "1.0.0").Requires("y", "1.0.0");
        return s.Updates("x", "^1").Updates("y", "^1").Updates("z", "^1");
    }

    private static Scenario OptionalPeerInvalid()
    {
        var s = new Scenario("rs25", "an optional peer that the root's own version does not satisfy");
        s.P("ui", "1.0.0").Peer(s.N("theme"), "^1", optional: true);
        s.P("theme", "1.0.0");
        s.P("theme", "2.0.0");
        return s.Requires("theme", "^2").Requires("ui", "^1");
    }

    private static Scenario PeerSetReplacement()
    {
        // arborist's own example: peer sets (a@1, b@1) and (a@2, b@2) that must move together.
        var s = new Scenario("rs26", "peer sets that have to agree: a range wide enough for either set");
        s.P("v", "1.0.0").Peer(s.N("a"), "1 || 2");
        s.P("w", "1.0.0").Peer(s.N("b"), "^1");
        s.P("a", "1.0.0").Peer(s.N("b"), "^1");
        s.P("a", "2.0.0").Peer(s.N("b"), "^2");
        s.P("b", "1.0.0").Peer(s.N("a"), "^1");
        s.P("b", "2.0.0").Peer(s.N("a"), "^2");
        return s.Requires("v", "^1").Requires("w", "^1");
    }

    private static Scenario SelfLoop()
    {
        var s = new Scenario("rs27", "a package needing another version of itself, which needs the first: npm links, ipm refuses");
        s.P("a", "1.0.0").DependsOn(s.N("a"), "^2");
        s.P("a", "2.0.0").DependsOn(s.N("a"), "^1");
        return s.Requires("a", "^1");
    }

    private static Scenario ExtraneousOptionalPeer()
    {
        var s = new Scenario("rs28", "an optional peer placed beside a nested dependent is extraneous: kept in the lock, not installed");
        s.P("lib", "1.0.0").DependsOn(s.N("ui"), "^1");
        s.P("ui", "1.0.0").Peer(s.N("theme"), "^2", optional: true);
        s.P("ui", "2.0.0");
        s.P("theme", "1.0.0");
        s.P("theme", "2.0.0");
        s.Oracle = OracleKind.Update;
        s.Requires("lib", "^1").Requires("theme", "^1").Requires("ui", "^2");
        return s.Updates("lib", "^1").Updates("theme", "^1").Updates("ui", "^2").Updates("extra", $"npm:{s.N("theme")}@^1");
    }

    /// <summary>
    /// A pseudo-random registry (fixed seed): packages with three versions, each depending on a few others with
    /// assorted ranges, some optional, cycles allowed. Shapes nobody thought of, judged by npm.
    /// </summary>
    private static Scenario Random(string id, int seed, bool peers = false, int count = 12, int maxDeps = 4, bool update = false)
    {
        var s = new Scenario(id, $"pseudo-random dependency graph (seed {seed}{(peers ? ", with peers" : "")}{(update ? ", then changed" : "")})");
        var rng = new System.Random(seed);
        string[] versions = ["1.0.0", "1.1.0", "2.0.0"];
        string[] ranges = ["^1", "^2", "~1.0.0", "*", ">=1.1.0", "1.x", "^1.1.0", "1.0.0 || 2.0.0"];
        for (var i = 0; i < count; i++)
        {
            foreach (var v in versions)
            {
                var p = s.P("p" + i, v);
                var deps = rng.Next(0, maxDeps);
                for (var d = 0; d < deps; d++)
                {
                    var target = rng.Next(0, count);
                    if (target == i)
                    {
                        continue;
                    }

                    var range = ranges[rng.Next(ranges.Length)];
                    var kind = rng.Next(8);
                    if (kind == 0)
                    {
                        p.Optional(s.N("p" + target), range);
                    }
                    else if (peers && kind == 1)
                    {
                        p.Peer(s.N("p" + target), range, optional: rng.Next(3) == 0);
                    }
                    else
                    {
                        p.DependsOn(s.N("p" + target), range);
                    }
                }
            }
        }

        for (var r = 0; r < 4; r++)
        {
            s.Requires("p" + rng.Next(0, count), ranges[rng.Next(ranges.Length)]);
        }

        if (update)
        {
            s.Oracle = OracleKind.Update;
            foreach (var (name, range) in s.Root)
            {
                s.Update[name] = rng.Next(3) == 0 ? ranges[rng.Next(ranges.Length)] : range;
            }

            s.Updates("p" + rng.Next(0, count), ranges[rng.Next(ranges.Length)]);
        }

        return s;
    }
}
