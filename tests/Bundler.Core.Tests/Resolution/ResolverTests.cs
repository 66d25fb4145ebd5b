using Bundler.Core.Diagnostics;
using Bundler.Core.Resolution;
using Bundler.Testing;

namespace Bundler.Core.Tests.Resolution;

public sealed class ResolverTests
{
    private static async Task<(ResolvedTree Tree, RecordingBundleLog Log)> Resolve(FakeRegistry registry, ResolvedTree? previous = null, params string[] requires)
    {
        var log = new RecordingBundleLog();
        var resolver = new Resolver(_ => registry, log);
        var req = requires.Select(r => PackageSpec.ParseArgument(r)).ToDictionary(s => s.Name, s => s.Raw.Length == 0 ? "*" : s.Raw, StringComparer.Ordinal);
        var tree = await resolver.ResolveAsync(req, previous, new ResolveOptions { ProjectDirectory = Path.GetTempPath(), RootName = "app" }, CancellationToken.None);
        return (tree, log);
    }

    private static string Layout(ResolvedTree tree) => string.Join(" ", tree.Packages.Select(p => $"{p.Path}@{p.Version}"));

    [Fact]
    public async Task Hoists_shared_versions_and_nests_a_conflict_two_levels_deep()
    {
        var reg = new FakeRegistry()
            .Add("a", "1.0.0", "c@^1.0.0").Add("b", "1.0.0", "d@^1.0.0")
            .Add("d", "1.0.0", "c@^2.0.0").Add("c", "1.0.0").Add("c", "1.5.0").Add("c", "2.0.0").Add("c", "2.1.0");
        var (tree, _) = await Resolve(reg, null, "a@^1", "b@^1");
        Assert.Equal("node_modules/a@1.0.0 node_modules/b@1.0.0 node_modules/c@1.5.0 node_modules/d@1.0.0 node_modules/d/node_modules/c@2.1.0", Layout(tree));
    }

    [Fact]
    public async Task Diamond_dependencies_share_one_copy()
    {
        var reg = new FakeRegistry().Add("a", "1.0.0", "x@^1.1.0").Add("b", "1.0.0", "x@~1.2.0").Add("x", "1.1.0").Add("x", "1.2.5").Add("x", "1.3.0");
        var (tree, _) = await Resolve(reg, null, "a", "b");
        Assert.Equal("node_modules/a@1.0.0 node_modules/b@1.0.0 node_modules/b/node_modules/x@1.2.5 node_modules/x@1.3.0", Layout(tree));
    }

    [Fact]
    public async Task Root_dependency_wins_the_top_level_slot()
    {
        var reg = new FakeRegistry().Add("a", "1.0.0", "x@^2.0.0").Add("x", "1.0.0").Add("x", "2.0.0");
        var (tree, _) = await Resolve(reg, null, "a", "x@^1");
        Assert.Equal("node_modules/a@1.0.0 node_modules/a/node_modules/x@2.0.0 node_modules/x@1.0.0", Layout(tree));
    }

    [Fact]
    public async Task Cycles_terminate_and_share_nodes()
    {
        var reg = new FakeRegistry().Add("a", "1.0.0", "b@^1").Add("b", "1.0.0", "a@^1");
        var (tree, _) = await Resolve(reg, null, "a");
        Assert.Equal("node_modules/a@1.0.0 node_modules/b@1.0.0", Layout(tree));
    }

    [Fact]
    public async Task Missing_package_names_the_chain_that_required_it()
    {
        var reg = new FakeRegistry().Add("a", "1.0.0", "b@^2").Add("b", "2.0.0", "c@~1.4");
        var ex = await Assert.ThrowsAsync<IpmException>(() => Resolve(reg, null, "a@^1"));
        Assert.Equal("IPM2001", ex.Code);
        Assert.Contains("'c'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("range '~1.4', required by app > a@^1 > b@^2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsatisfiable_range_lists_the_versions_that_exist()
    {
        var reg = new FakeRegistry().Add("a", "1.0.0").Add("a", "1.1.0");
        var ex = await Assert.ThrowsAsync<IpmException>(() => Resolve(reg, null, "a@^2"));
        Assert.Equal("IPM3001", ex.Code);
        Assert.Contains("'a' satisfies '^2' (required by app)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1.0.0, 1.1.0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_optional_dependency_is_a_warning_and_is_left_out()
    {
        var reg = new FakeRegistry().Add("a", "1.0.0", "?gone@^1", "b@^1").Add("b", "1.0.0");
        var (tree, log) = await Resolve(reg, null, "a");
        Assert.Equal("node_modules/a@1.0.0 node_modules/b@1.0.0", Layout(tree));
        Assert.Contains(log.Diagnostics, d => d.Code == "IPM3007" && d.Message.Contains("gone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Alias_installs_the_real_package_under_the_declared_name()
    {
        var reg = new FakeRegistry().Add("real", "1.4.0");
        var (tree, _) = await Resolve(reg, null, "nick@npm:real@^1");
        var p = Assert.Single(tree.Packages);
        Assert.Equal(("node_modules/nick", "nick", "real", "1.4.0"), (p.Path, p.Name, p.PackageName, p.Version));
    }

    [Fact]
    public async Task Git_specs_are_rejected_with_a_code()
    {
        var reg = new FakeRegistry().Add("a", "1.0.0");
        var ex = await Assert.ThrowsAsync<IpmException>(() => Resolve(reg, null, "a@github:user/a"));
        Assert.Equal("IPM3002", ex.Code);
    }

    [Fact]
    public async Task Lock_round_trip_keeps_the_tree_and_reads_no_packument()
    {
        var reg = new FakeRegistry().Add("a", "1.0.0", "c@^1.0.0").Add("b", "1.0.0", "c@^2.0.0").Add("c", "1.0.0").Add("c", "2.0.0");
        var (tree, _) = await Resolve(reg, null, "a", "b");
        using var dir = new TempDirectory();
        var path = dir.Combine(LockFile.DefaultName);
        var digest = LockFile.WriteIfChanged(path, tree);
        var (read, readDigest) = LockFile.Read(path);
        Assert.Equal(digest, readDigest);
        Assert.Equal(Layout(tree), Layout(read));
        reg.Reads.Clear();
        var (again, _) = await Resolve(reg, read, "a", "b");
        Assert.Equal(Layout(tree), Layout(again));
        Assert.Empty(reg.Reads);
        Assert.DoesNotContain("\r", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_range_re_resolves_only_what_it_must()
    {
        var reg = new FakeRegistry().Add("a", "1.0.0").Add("b", "1.0.0").Add("b", "2.0.0");
        var (tree, _) = await Resolve(reg, null, "a", "b@^1");
        reg.Add("a", "1.1.0");
        reg.Reads.Clear();
        var (next, _) = await Resolve(reg, tree, "a", "b@^2");
        Assert.Equal("node_modules/a@1.0.0 node_modules/b@2.0.0", Layout(next));
        Assert.Equal(["b"], reg.Reads);
    }

    [Fact]
    public async Task A_changed_range_beside_a_local_package_replaces_the_old_version()
    {
        // Replacing a node detaches it, which changes its depth and location: the queue must not lose track of it
        // (it once did here and never finished).
        using var dir = new TempDirectory();
        dir.Write("app/package.json", "{ \"name\": \"app\", \"version\": \"1.0.0\" }");
        var reg = new FakeRegistry().Add("b", "1.0.0").Add("b", "2.0.0");
        var (tree, _) = await Resolve(reg, null, "app@file:" + dir.Combine("app"), "b@^1");

        // On a thread of its own, so that a hang fails the test instead of blocking it; nothing is timed.
        var next = Task.Run(() => Resolve(reg, tree, "app@file:" + dir.Combine("app"), "b@2.0.0"));

        var (resolved, _) = await next.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("node_modules/app@1.0.0 node_modules/b@2.0.0", Layout(resolved));
    }

    [Fact]
    public async Task Edited_lock_is_detected_by_its_digest()
    {
        var reg = new FakeRegistry().Add("a", "1.0.0");
        var (tree, _) = await Resolve(reg, null, "a");
        using var dir = new TempDirectory();
        var path = dir.Combine(LockFile.DefaultName);
        LockFile.WriteIfChanged(path, tree);
        File.WriteAllText(path, File.ReadAllText(path).Replace("1.0.0", "1.0.1", StringComparison.Ordinal));
        Assert.Equal("IPM3011", Assert.Throws<IpmException>(() => LockFile.Read(path)).Code);
    }
}
