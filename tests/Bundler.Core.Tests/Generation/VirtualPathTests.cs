using Bundler.Core.Generation;

namespace Bundler.Core.Tests.Generation;

public sealed class VirtualPathTests
{
    // Expectations from Node's documented path.posix.resolve() behaviour.
    [Theory]
    [InlineData("/a/b", "./c", "/a/b/c")]
    [InlineData("/a/b", "../c", "/a/c")]
    [InlineData("/a", "../../../c", "/c")]
    [InlineData("/a", "/x/./y//z/", "/x/y/z")]
    [InlineData("/", ".", "/")]
    [InlineData("/a/b", "lib/", "/a/b/lib")]
    public void Combine_resolves_like_node(string dir, string relative, string expected)
    {
        Assert.Equal(expected, VirtualPath.Combine(dir, relative));
    }

    [Theory]
    [InlineData("/a/b.js", "/a")]
    [InlineData("/b.js", "/")]
    public void Directory_of_a_file(string path, string expected)
    {
        Assert.Equal(expected, VirtualPath.Directory(path));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("/a//b")]
    [InlineData("/a/")]
    [InlineData("/a/./b")]
    [InlineData("/a/../b")]
    [InlineData("")]
    public void Non_canonical_paths_are_rejected(string path)
    {
        Assert.NotNull(VirtualPath.Problem(path));
    }

    [Fact]
    public void Package_main_follows_node_try_package()
    {
        var files = new HashSet<string>(StringComparer.Ordinal)
        {
            "/p/lib/main.js", "/p/dist/index.js", "/p/data.json", "/p/exact",
        };
        Assert.Equal("/p/lib/main.js", PackageMain.Resolve("/p", "lib/main", files.Contains));
        Assert.Equal("/p/lib/main.js", PackageMain.Resolve("/p", "./lib/main.js", files.Contains));
        Assert.Equal("/p/dist/index.js", PackageMain.Resolve("/p", "dist/", files.Contains));
        Assert.Equal("/p/data.json", PackageMain.Resolve("/p", "data", files.Contains));
        Assert.Equal("/p/exact", PackageMain.Resolve("/p", "exact", files.Contains));
        Assert.Null(PackageMain.Resolve("/p", "missing.js", files.Contains));
        Assert.Null(PackageMain.Resolve("/p", "", files.Contains));
        Assert.Null(PackageMain.Resolve("/p", null, files.Contains));
    }
}
