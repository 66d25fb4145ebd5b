using System.Text;
using Bundler.Core.Registry;
using Bundler.Core.Resolution;
using static Bundler.Core.Tests.Resolution.Resolve;

namespace Bundler.Core.Tests.Resolution;

/// <summary>Registry documents as they come over the wire (through the packument reader), shapes npm treats specially.</summary>
public sealed class PackumentShapeTests
{
    [Theory]
    [InlineData("\"\"")]
    [InlineData("false")]
    public async Task An_empty_or_false_deprecation_is_not_a_deprecation(string value)
    {
        var source = new JsonSource().Add("x", """
            {"name":"x","dist-tags":{"latest":"1.1.0"},"versions":{
              "1.0.0":{"name":"x","version":"1.0.0","dist":{"tarball":"http://r.invalid/x-1.0.0.tgz"}},
              "1.1.0":{"name":"x","version":"1.1.0","deprecated":VALUE,"dist":{"tarball":"http://r.invalid/x-1.1.0.tgz"}}}}
            """.Replace("VALUE", value, StringComparison.Ordinal));

        var (tree, log) = await RunAsync(source, "x@^1");

        Assert.Equal("x@1.1.0", Layout(tree));
        Assert.DoesNotContain(log.Diagnostics, d => d.Code == "IPM3009");
    }

    [Fact]
    public async Task A_version_key_that_is_not_semver_is_skipped_with_one_warning()
    {
        var source = new JsonSource()
            .Add("x", """
                {"name":"x","dist-tags":{"latest":"1.0.0"},"versions":{
                  "1.0.0":{"name":"x","version":"1.0.0","dist":{"tarball":"http://r.invalid/x-1.0.0.tgz"}},
                  "banana":{"name":"x","version":"banana","dist":{"tarball":"http://r.invalid/x-banana.tgz"}}}}
                """)
            .Add("a", """{"name":"a","dist-tags":{"latest":"1.0.0"},"versions":{"1.0.0":{"name":"a","version":"1.0.0","dependencies":{"x":"~1.0.0"},"dist":{"tarball":"http://r.invalid/a.tgz"}}}}""");

        var (tree, log) = await RunAsync(source, "x@^1", "a@^1");

        Assert.Equal("a@1.0.0 x@1.0.0", Layout(tree));
        Assert.Single(log.Diagnostics, d => d.Code == "IPM3010" && d.Message.Contains("banana", StringComparison.Ordinal));
    }

    private static async Task<(ResolvedTree Tree, Diagnostics.RecordingBundleLog Log)> RunAsync(JsonSource source, params string[] requires)
    {
        var log = new Diagnostics.RecordingBundleLog();
        var resolver = new Resolver(_ => source, log);
        return (await resolver.ResolveAsync(Requires(requires), null, new ResolveOptions { ProjectDirectory = Path.GetTempPath() }, CancellationToken.None), log);
    }

    private sealed class JsonSource : IPackageSource
    {
        private readonly Dictionary<string, string> _documents = new(StringComparer.Ordinal);

        public string Display => "json://registry";

        public JsonSource Add(string name, string json)
        {
            _documents[name] = json;
            return this;
        }

        public Task<Packument?> GetPackumentAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult(_documents.TryGetValue(name, out var json)
                ? PackumentReader.Parse(name, Encoding.UTF8.GetBytes(json), new Uri("http://r.invalid/" + name), "application/json")
                : null);
    }
}
