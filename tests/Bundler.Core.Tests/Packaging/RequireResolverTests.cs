using Bundler.Core.Packaging;

namespace Bundler.Core.Tests.Packaging;

/// <summary>
/// The device's resolution order, case by case. The integration tests compare the same resolver with the compiled
/// C resolver over hundreds of requests; these name the rules.
/// </summary>
public sealed class RequireResolverTests
{
    private static readonly HashSet<string> Files = new(StringComparer.Ordinal)
    {
        "/app/x", "/app/x.js", "/app/y.js", "/app/y.json", "/app/z.json", "/app/dir/index.js", "/app/jdir/index.json",
        "/node_modules/p/lib/main.js", "/node_modules/p/index.js", "/node_modules/p/node_modules/q/index.js",
        "/node_modules/q/index.js", "/node_modules/node_modules/index.js", "/index.js",
    };

    private static readonly RequireResolver Resolver = new(Files.Contains, d => d == "/node_modules/p" ? "/node_modules/p/lib/main.js" : null);

    [Theory]
    [InlineData("/app", "./x", "/app/x")]
    [InlineData("/app", "./y", "/app/y.js")]
    [InlineData("/app", "./z", "/app/z.json")]
    [InlineData("/app", "./dir", "/app/dir/index.js")]
    [InlineData("/app", "./jdir", "/app/jdir/index.json")]
    [InlineData("/app", "./dir/", "/app/dir/index.js")]
    [InlineData("/app", "./x/", null)]
    [InlineData("/app/dir", "..", null)]
    [InlineData("/app/dir", ".", "/app/dir/index.js")]
    [InlineData("/app", "../../../index", "/index.js")]
    [InlineData("/app", "/app/y", "/app/y.js")]
    [InlineData("/app", "p", "/node_modules/p/lib/main.js")]
    [InlineData("/app", "p/", "/node_modules/p/lib/main.js")]
    [InlineData("/app", "p/index", "/node_modules/p/index.js")]
    [InlineData("/node_modules/p/lib", "q", "/node_modules/p/node_modules/q/index.js")]
    [InlineData("/node_modules/p/node_modules", "q", "/node_modules/p/node_modules/q/index.js")]
    [InlineData("/app", "q", "/node_modules/q/index.js")]
    [InlineData("/app", "missing", null)]
    [InlineData("/app", "", null)]
    [InlineData("/", ".", "/index.js")]
    public void Resolves_as_the_device_does(string from, string request, string? expected) =>
        Assert.Equal(expected, Resolver.Resolve(from, request));

    [Fact]
    public void A_folder_named_node_modules_is_not_searched_for_its_own_node_modules()
    {
        // From /node_modules, Node looks in /node_modules (not /node_modules/node_modules): so 'node_modules' names a package there.
        Assert.Equal("/node_modules/node_modules/index.js", Resolver.Resolve("/node_modules", "node_modules"));
    }
}
