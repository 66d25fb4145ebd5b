using System.Text.Json.Nodes;

namespace Bundler.Integration.Tests.Resolution;

/// <summary>Peer sets, optional and dev dependencies, bundles, local folders and tarball URLs.</summary>
internal static partial class NpmScenarios
{
    private static Scenario PeerConflict()
    {
        var s = new Scenario("rs13", "a peer the root's own version rules out is an ERESOLVE error");
        s.P("plugin", "1.0.0").Peer(s.N("host"), "^2.0.0");
        s.P("host", "1.0.0");
        s.P("host", "2.0.0");
        s.Oracle = OracleKind.Conflict;
        return s.Requires("host", "^1").Requires("plugin", "^1");
    }

    private static Scenario PeersOfADependency()
    {
        var s = new Scenario("rs14", "a dependency's peer set that conflicts with the root nests under that dependency");
        s.P("lib", "1.0.0").DependsOn(s.N("plugin"), "^1");
        s.P("plugin", "1.0.0").Peer(s.N("host"), "^2.0.0");
        s.P("host", "1.0.0");
        s.P("host", "2.0.0");
        return s.Requires("host", "^1").Requires("lib", "^1");
    }

    private static Scenario MetaPeers()
    {
        var s = new Scenario("rs15", "peers of peers: the set agrees on versions older than latest");
        s.P("a", "1.0.0").Peer(s.N("b"), "^1");
        s.P("b", "1.0.0").Peer(s.N("c"), "^1");
        s.P("b", "2.0.0").Peer(s.N("c"), "^2");
        s.P("c", "1.0.0");
        s.P("c", "1.2.0");
        s.P("c", "2.0.0");
        s.P("d", "1.0.0").DependsOn(s.N("c"), "^2");
        return s.Requires("a", "^1").Requires("d", "^1");
    }

    private static Scenario OptionalPeerConflict()
    {
        var s = new Scenario("rs16", "optional peers: not installed when absent, used when a copy is there");
        s.P("ui", "1.0.0").Peer(s.N("theme"), "^1", optional: true).Peer(s.N("icons"), "^1", optional: true);
        s.P("theme", "1.0.0");
        s.P("theme", "1.1.0");
        s.P("icons", "1.0.0");
        s.P("deep", "1.0.0").DependsOn(s.N("theme"), "~1.0.0");
        return s.Requires("ui", "^1").Requires("deep", "^1");
    }

    private static Scenario OptionalFailures()
    {
        var s = new Scenario("rs17", "optional dependencies that fail are left out with what only they needed");
        s.P("a", "1.0.0")
            .DependsOn(s.N("k"), "^1")
            .Optional(s.N("missing"), "^1")
            .Optional(s.N("nomatch"), "^3")
            .Optional(s.N("o"), "^1");
        s.P("nomatch", "1.0.0");
        s.P("o", "1.0.0").DependsOn(s.N("gone"), "^1").DependsOn(s.N("k"), "^1").DependsOn(s.N("m"), "^1");
        s.P("k", "1.0.0");
        s.P("m", "1.0.0");
        s.Oracle = OracleKind.Installed;
        return s.Requires("a", "^1");
    }

    private static Scenario DevDependenciesIgnored()
    {
        var s = new Scenario("rs18", "devDependencies of dependencies are never installed");
        s.P("a", "1.0.0").DependsOn(s.N("b"), "^1").Dev(s.N("b"), "^2").Dev(s.N("nowhere"), "^9").Dev(s.N("c"), "^1");
        s.P("b", "1.0.0");
        s.P("b", "2.0.0");
        s.P("c", "1.0.0");
        return s.Requires("a", "^1");
    }

    private static Scenario Bundled()
    {
        var s = new Scenario("rs19", "bundled dependencies come inside the tarball; the registry copy is placed apart");
        var inner = new Bundler.Testing.FixturePackage(s.N("b"), "1.0.0");
        s.P("a", "1.0.0").Bundles(inner).DependsOn(s.N("c"), "^1");
        s.P("b", "2.0.0");
        s.P("c", "1.0.0").DependsOn(s.N("b"), "^1 || ^2");
        return s.Requires("a", "^1").Requires("b", "^2");
    }

    private static Scenario LocalFolder()
    {
        var s = new Scenario("rs20", "a local folder package (copied, as npm --install-links) brings its dependencies");
        s.P("x", "1.0.0");
        s.P("x", "2.0.0");
        s.P("y", "1.0.0").DependsOn(s.N("x"), "^1");
        s.LocalFolders["app"] = new JsonObject
        {
            ["name"] = s.N("app"),
            ["version"] = "0.3.0",
            ["dependencies"] = new JsonObject { [s.N("x")] = "^2", [s.N("y")] = "^1" },
        };
        s.NpmArgs.Add("--install-links");
        return s.Requires("app", "file:../app").Requires("x", "^1");
    }

    private static Scenario TarballUrl()
    {
        var s = new Scenario("rs21", "a tarball URL dependency is read from its archive, its dependencies resolved");
        s.P("t", "1.0.0").DependsOn(s.N("u"), "^1");
        s.P("u", "1.0.0");
        s.P("u", "2.0.0");
        return s.Requires("t", $"{Scenario.RegistryToken}{s.N("t")}/-/{s.N("t")}-1.0.0.tgz").Requires("u", "^2");
    }
}
