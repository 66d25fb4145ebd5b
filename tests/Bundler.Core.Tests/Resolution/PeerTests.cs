using Bundler.Core.Diagnostics;
using static Bundler.Core.Tests.Resolution.Resolve;

namespace Bundler.Core.Tests.Resolution;

/// <summary>Peer dependencies as npm 7+ handles them (each case is also compared with npm in the integration tests).</summary>
public sealed class PeerTests
{
    [Fact]
    public async Task A_peer_is_installed_beside_its_dependent()
    {
        var reg = new FakeRegistry().Add("plugin", "1.0.0", "!host@^2").Add("host", "1.0.0").Add("host", "2.0.0").Add("host", "2.1.0");

        var (tree, _) = await RunAsync(reg, "plugin@^1");

        Assert.Equal("host@2.1.0 plugin@1.0.0", Layout(tree));
    }

    [Fact]
    public async Task A_peer_never_goes_inside_its_dependent_but_beside_it()
    {
        // lib's own host conflicts with the root's; plugin (nested under lib) needs host@2 as a peer: both go under lib.
        var reg = new FakeRegistry().Add("lib", "1.0.0", "plugin@^1").Add("plugin", "1.0.0", "!host@^2").Add("host", "1.0.0").Add("host", "2.0.0");

        var (tree, _) = await RunAsync(reg, "host@^1", "lib@^1");

        Assert.Equal("host@1.0.0 lib@1.0.0 lib/host@2.0.0 lib/plugin@1.0.0", Layout(tree));
    }

    [Fact]
    public async Task A_peer_the_root_rules_out_is_an_eresolve_error_naming_both_chains()
    {
        var reg = new FakeRegistry().Add("plugin", "1.0.0", "!host@^2").Add("host", "1.0.0").Add("host", "2.0.0");

        var ex = await Assert.ThrowsAsync<IpmException>(() => RunAsync(reg, "host@^1", "plugin@^1"));

        Assert.Equal("IPM3008", ex.Code);
        Assert.Contains("app > plugin@^1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'host@^2'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'host@1.0.0' (required by app > host@^1)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conflict_inside_a_dependency_set_is_overridden_with_a_warning()
    {
        // Not the project's own conflict: npm warns ("overriding peer dependency") and keeps x's host@1.
        var reg = new FakeRegistry().Add("x", "1.0.0", "host@^1", "plugin@^1").Add("plugin", "1.0.0", "!host@^2").Add("host", "1.0.0").Add("host", "2.0.0");

        var (tree, log) = await RunAsync(reg, "x@^1", "host@^1");

        Assert.Equal("host@1.0.0 plugin@1.0.0 x@1.0.0", Layout(tree));
        Assert.Contains(log.Diagnostics, d => d.Code == "IPM3013" && d.Message.Contains("'host@^2'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Peers_of_peers_agree_on_a_version_older_than_latest()
    {
        var reg = new FakeRegistry()
            .Add("a", "1.0.0", "!b@^1").Add("b", "1.0.0", "!c@^1").Add("b", "2.0.0", "!c@^2")
            .Add("c", "1.0.0").Add("c", "1.2.0").Add("c", "2.0.0");

        var (tree, _) = await RunAsync(reg, "a@^1");

        Assert.Equal("a@1.0.0 b@1.0.0 c@1.2.0", Layout(tree));
    }

    [Fact]
    public async Task An_absent_optional_peer_is_not_installed()
    {
        var reg = new FakeRegistry().Add("ui", "1.0.0", "!?theme@^1").Add("theme", "1.0.0");

        var (tree, _) = await RunAsync(reg, "ui@^1");

        Assert.Equal("ui@1.0.0", Layout(tree));
    }

    [Fact]
    public async Task An_optional_peer_uses_a_copy_already_in_the_tree()
    {
        var reg = new FakeRegistry().Add("ui", "1.0.0", "!?theme@^1").Add("deep", "1.0.0", "theme@~1.0.0").Add("theme", "1.0.0").Add("theme", "1.1.0");

        var (tree, _) = await RunAsync(reg, "ui@^1", "deep@^1");

        Assert.Equal("deep@1.0.0 theme@1.0.0 ui@1.0.0", Layout(tree));
    }

    [Fact]
    public async Task An_optional_peer_the_root_rules_out_is_an_eresolve_error()
    {
        var reg = new FakeRegistry().Add("ui", "1.0.0", "!?theme@^1").Add("theme", "1.0.0").Add("theme", "2.0.0");

        var ex = await Assert.ThrowsAsync<IpmException>(() => RunAsync(reg, "theme@^2", "ui@^1"));

        Assert.Equal("IPM3008", ex.Code);
    }

    [Fact]
    public async Task A_dependency_also_listed_as_peer_is_a_regular_dependency()
    {
        // arborist loads peers first and lets dependencies replace them: x may nest under a.
        var reg = new FakeRegistry().Add("a", "1.0.0", "!x@^2", "x@^2").Add("x", "1.0.0").Add("x", "2.0.0");

        var (tree, _) = await RunAsync(reg, "a@^1", "x@^1");

        Assert.Equal("a@1.0.0 a/x@2.0.0 x@1.0.0", Layout(tree));
    }
}
