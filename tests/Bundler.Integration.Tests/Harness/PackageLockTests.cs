using Bundler.Testing;

namespace Bundler.Integration.Tests.Harness;

/// <summary>package-lock.json reading, on lock files written by hand in npm's documented v3 shape.</summary>
public sealed class PackageLockTests
{
    private const string Lock = """
        {
          "name": "proj", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
          "packages": {
            "": { "name": "proj", "version": "1.0.0", "dependencies": { "x": "npm:real@^1.0.0" } },
            "node_modules/x": { "name": "real", "version": "1.4.0", "resolved": "http://r/real/-/real-1.4.0.tgz", "integrity": "sha512-AA==" },
            "node_modules/b": { "version": "2.0.0", "dev": true },
            "node_modules/b/node_modules/@s/c": { "version": "3.0.0", "optional": true, "peer": true },
            "node_modules/b/node_modules/@s/c/node_modules/d": { "version": "0.1.0", "inBundle": true },
            "node_modules/ws": { "resolved": "packages/ws", "link": true },
            "packages/ws": { "name": "ws", "version": "0.0.0" }
          }
        }
        """;

    [Fact]
    public void Entries_come_ordered_by_path_with_real_names_and_flags()
    {
        var packages = PackageLock.Parse(Lock);

        Assert.Equal(
            [
                "node_modules/b b@2.0.0",
                "node_modules/b/node_modules/@s/c @s/c@3.0.0",
                "node_modules/b/node_modules/@s/c/node_modules/d d@0.1.0",
                "node_modules/x real@1.4.0",
                "packages/ws ws@0.0.0",
            ],
            packages.Select(p => p.ToString()).ToArray());
        var alias = packages.Single(p => p.Path == "node_modules/x");
        Assert.Equal(("x", "http://r/real/-/real-1.4.0.tgz", "sha512-AA=="), (alias.FolderName, alias.Resolved, alias.Integrity));
        var c = packages.Single(p => p.Name == "@s/c");
        Assert.Equal((false, true, true, false), (c.Dev, c.Optional, c.Peer, c.InBundle));
        Assert.True(packages.Single(p => p.Name == "b").Dev);
        Assert.True(packages.Single(p => p.Name == "d").InBundle);
    }

    [Fact]
    public void Lockfile_version_1_has_no_packages_section_and_is_rejected()
    {
        var e = Assert.Throws<FormatException>(() => PackageLock.Parse("""{"lockfileVersion": 1, "dependencies": {}}"""));

        Assert.Contains("lockfileVersion 1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node_modules/a", "a")]
    [InlineData("node_modules/@s/a", "@s/a")]
    [InlineData("node_modules/a/node_modules/@s/b", "@s/b")]
    [InlineData("node_modules/@s/a/node_modules/b", "b")]
    public void Folder_name_is_what_follows_the_last_node_modules(string path, string expected) =>
        Assert.Equal(expected, PackageLock.FolderName(path));
}
