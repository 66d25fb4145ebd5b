using Bundler.Core.Diagnostics;
using static Bundler.Core.Tests.Resolution.Resolve;

namespace Bundler.Core.Tests.Resolution;

/// <summary>Optional dependencies that fail, failures that are not optional, bundled names, deprecations.</summary>
public sealed class OptionalAndBundledTests
{
    [Fact]
    public async Task An_optional_package_whose_own_dependency_fails_is_left_out_with_what_only_it_needed()
    {
        // o is optional for a; o needs "gone" (not in the registry), k (also a's) and m (only o's).
        var reg = new FakeRegistry()
            .Add("a", "1.0.0", "k@^1", "?o@^1")
            .Add("o", "1.0.0", "gone@^1", "k@^1", "m@^1")
            .Add("k", "1.0.0").Add("m", "1.0.0");

        var (tree, log) = await RunAsync(reg, "a@^1");

        Assert.Equal("a@1.0.0 k@1.0.0", Layout(tree));
        var warning = Assert.Single(log.Diagnostics, d => d.Code == "IPM3007");
        Assert.Contains("'gone@^1'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("app > a@^1 > o@^1", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_optional_range_nothing_satisfies_is_a_warning()
    {
        var reg = new FakeRegistry().Add("a", "1.0.0", "?b@^3").Add("b", "1.0.0");

        var (tree, log) = await RunAsync(reg, "a@^1");

        Assert.Equal("a@1.0.0", Layout(tree));
        Assert.Contains(log.Diagnostics, d => d.Code == "IPM3007" && d.Message.Contains("'b@^3'", StringComparison.Ordinal) && d.Message.Contains("1.0.0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failure_the_root_needs_without_an_optional_edge_is_the_error_even_when_found_late()
    {
        // The failed package is also under an optional edge elsewhere; the required path makes it fatal.
        var reg = new FakeRegistry().Add("a", "1.0.0", "?gone@^1").Add("b", "1.0.0", "c@^1").Add("c", "1.0.0", "gone@^1");

        var ex = await Assert.ThrowsAsync<IpmException>(() => RunAsync(reg, "a@^1", "b@^1"));

        Assert.Equal("IPM2001", ex.Code);
    }

    [Fact]
    public async Task A_bundled_name_of_a_dependency_is_not_placed_but_the_same_name_elsewhere_is()
    {
        // a ships b inside its tarball; c needs a b from the registry.
        var reg = new FakeRegistry()
            .Add("a", "1.0.0", "b@1.0.0", "c@^1").Change("a", "1.0.0", m => m with { BundleDependencies = ["b"] })
            .Add("b", "2.0.0").Add("c", "1.0.0", "b@^2");

        var (tree, _) = await RunAsync(reg, "a@^1");

        Assert.Equal("a@1.0.0 b@2.0.0 c@1.0.0", Layout(tree));
        Assert.Equal(["b"], tree.Find("node_modules/a")!.BundleDependencies);
    }

    [Fact]
    public async Task A_deprecated_latest_is_avoided_and_only_installed_deprecations_are_reported_once()
    {
        var reg = new FakeRegistry()
            .Add("x", "1.0.0").AddDeprecated("x", "1.1.0", "x 1.1.0 is broken").Tag("x", "latest", "1.1.0")
            .AddDeprecated("y", "1.0.0", "old").Add("a", "1.0.0", "y@^1").Add("b", "1.0.0", "y@^1");

        var (tree, log) = await RunAsync(reg, "x@^1", "a@^1", "b@^1");

        Assert.Equal("a@1.0.0 b@1.0.0 x@1.0.0 y@1.0.0", Layout(tree));
        var deprecated = Assert.Single(log.Diagnostics, d => d.Code == "IPM3009");
        Assert.Contains("'y@1.0.0'", deprecated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_newer_version_replaces_an_older_one_at_the_top_and_its_leftovers_go()
    {
        // latest pins x to 1.0.0 (which needs "old"); c then wants ^1.5, which every x user accepts.
        var reg = new FakeRegistry()
            .Add("a", "1.0.0", "x@^1.0.0").Add("b", "1.0.0", "c@^1").Add("c", "1.0.0", "x@^1.5.0")
            .Add("x", "1.0.0", "old@^1").Add("x", "1.6.0").Tag("x", "latest", "1.0.0").Add("old", "1.0.0");

        var (tree, _) = await RunAsync(reg, "a@^1", "b@^1");

        Assert.Equal("a@1.0.0 b@1.0.0 c@1.0.0 x@1.6.0", Layout(tree));
    }

    [Fact]
    public async Task A_loop_npm_would_close_with_a_link_is_refused_with_the_chain()
    {
        // a@1 needs a@2 (nested in it), which needs a@1 again: only a link back to the top copy ends it.
        var reg = new FakeRegistry().Add("a", "1.0.0", "a@^2").Add("a", "2.0.0", "a@^1");

        var ex = await Assert.ThrowsAsync<IpmException>(() => RunAsync(reg, "a@^1"));

        Assert.Equal("IPM3014", ex.Code);
        Assert.Contains("'a@1.0.0'", ex.Message, StringComparison.Ordinal);
    }
}
