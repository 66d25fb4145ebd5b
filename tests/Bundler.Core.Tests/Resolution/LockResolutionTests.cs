using Bundler.Core.Resolution;
using Bundler.Testing;
using static Bundler.Core.Tests.Resolution.Resolve;

namespace Bundler.Core.Tests.Resolution;

/// <summary>Resolution seeded from ipm-lock.json: what is kept, what is re-read, what the lock has to remember.</summary>
public sealed class LockResolutionTests
{
    private static ResolvedTree RoundTrip(ResolvedTree tree, TempDirectory dir)
    {
        var path = dir.Combine(LockFile.DefaultName);
        LockFile.WriteIfChanged(path, tree);
        return LockFile.Read(path).Tree;
    }

    [Fact]
    public async Task The_lock_is_written_into_a_folder_that_does_not_exist_yet_and_an_unwritable_place_is_IPM3016()
    {
        var (tree, _) = await RunAsync(new FakeRegistry().Add("a", "1.0.0"), "a@^1");
        using var dir = new TempDirectory();

        var nested = dir.Combine("locks", "fw", LockFile.DefaultName);
        var digest = LockFile.WriteIfChanged(nested, tree);
        Assert.Equal(digest, LockFile.Read(nested).Digest);

        // A file where the lock's folder should be: a coded error naming the path, and no temporary file left.
        File.WriteAllText(dir.Combine("blocker"), "x");
        var blocked = Path.Combine(dir.Combine("blocker"), LockFile.DefaultName);
        var ex = Assert.Throws<Bundler.Core.Diagnostics.IpmException>(() => LockFile.WriteIfChanged(blocked, tree));
        Assert.Equal("IPM3016", ex.Code);
        Assert.Contains(blocked, ex.Message, StringComparison.Ordinal);
        Assert.Equal([dir.Combine("blocker"), dir.Combine("locks")], Directory.EnumerateFileSystemEntries(dir.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_matching_lock_reads_no_packument_even_with_optional_peers_and_failed_optionals_absent()
    {
        var reg = new FakeRegistry().Add("ui", "1.0.0", "!?theme@^1", "core@^1").Add("core", "1.0.0").Add("theme", "1.0.0");
        var (tree, _) = await RunAsync(reg, "ui@^1");
        using var dir = new TempDirectory();
        var locked = RoundTrip(tree, dir);
        reg.Reads.Clear();

        var (again, _) = await RunAsync(reg, locked, Requires("ui@^1"));

        Assert.Equal(Layout(tree), Layout(again));
        Assert.Empty(reg.Reads);
        Assert.Equal(["theme"], locked.Find("node_modules/ui")!.OptionalPeers);
    }

    [Fact]
    public async Task A_new_root_range_replaces_the_top_copy_and_the_old_one_nests_where_still_needed()
    {
        var reg = new FakeRegistry()
            .Add("a", "1.0.0", "c@^1").Add("b", "1.0.0", "c@^1", "only1@^1").Add("b", "2.0.0", "c@^2")
            .Add("c", "1.0.0").Add("c", "2.0.0").Add("only1", "1.0.0");
        var (tree, _) = await RunAsync(reg, "a@^1", "b@^1");
        Assert.Equal("a@1.0.0 b@1.0.0 c@1.0.0 only1@1.0.0", Layout(tree));
        using var dir = new TempDirectory();
        reg.Reads.Clear();

        var (next, _) = await RunAsync(reg, RoundTrip(tree, dir), Requires("a@^1", "b@^2", "c@^2"));

        Assert.Equal("a@1.0.0 a/c@1.0.0 b@2.0.0 c@2.0.0", Layout(next));
        Assert.Equal(["b", "c"], reg.Reads.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Locked_versions_that_still_satisfy_stay_even_when_newer_ones_exist()
    {
        var reg = new FakeRegistry().Add("x", "1.0.0").Add("x", "1.1.0").Add("y", "1.0.0", "x@~1.0.0").Add("z", "1.0.0", "x@>=1.0.0");
        var (tree, _) = await RunAsync(reg, "x@1.0.0", "y@1.0.0");
        using var dir = new TempDirectory();

        var (next, _) = await RunAsync(reg, RoundTrip(tree, dir), Requires("x@^1", "y@^1", "z@^1"));

        Assert.Equal("x@1.0.0 y@1.0.0 z@1.0.0", Layout(next));
    }

    [Fact]
    public async Task Extraneous_packages_stay_in_a_fresh_lock_out_of_the_bundle_and_go_at_the_next_change()
    {
        // ui@1 (nested under lib) has an optional peer theme@^2 the root's theme@1 does not satisfy: npm places
        // theme@2 beside ui, where only that optional peer edge reaches it, so it is extraneous.
        var reg = new FakeRegistry()
            .Add("lib", "1.0.0", "ui@^1").Add("ui", "1.0.0", "!?theme@^2").Add("ui", "2.0.0")
            .Add("theme", "1.0.0").Add("theme", "2.0.0");

        var (tree, _) = await RunAsync(reg, "lib@^1", "theme@^1", "ui@^2");

        Assert.Equal("lib@1.0.0 lib/ui@1.0.0 theme@1.0.0 ui@2.0.0", Layout(tree));
        Assert.Equal(["lib/theme@2.0.0"], tree.Extraneous.Select(Short));
        using var dir = new TempDirectory();
        var locked = RoundTrip(tree, dir);
        Assert.Equal(["lib/theme@2.0.0"], locked.Extraneous.Select(Short));
        Assert.Equal(Layout(tree), Layout(locked));

        var (same, _) = await RunAsync(reg, locked, Requires("lib@^1", "theme@^1", "ui@^2"));
        Assert.Equal(["lib/theme@2.0.0"], same.Extraneous.Select(Short));

        var (changed, _) = await RunAsync(reg, locked, Requires("lib@^1", "theme@^1", "ui@^2", "extra@npm:theme@^1"));
        Assert.Empty(changed.Extraneous);
    }

    [Fact]
    public async Task A_removed_root_dependency_and_what_only_it_needed_leave_the_tree()
    {
        var reg = new FakeRegistry().Add("a", "1.0.0", "shared@^1").Add("b", "1.0.0", "shared@^1", "own@^1").Add("shared", "1.0.0").Add("own", "1.0.0");
        var (tree, _) = await RunAsync(reg, "a@^1", "b@^1");
        using var dir = new TempDirectory();
        reg.Reads.Clear();

        var (next, _) = await RunAsync(reg, RoundTrip(tree, dir), Requires("a@^1"));

        Assert.Equal("a@1.0.0 shared@1.0.0", Layout(next));
        Assert.Empty(reg.Reads);
    }
}
