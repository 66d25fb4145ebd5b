using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;
using Bundler.Testing;
using Bundler.Testing.Servers;

namespace Bundler.Core.Tests.Pipeline;

/// <summary>
/// A cache entry deleted or corrupted by another process between fetching and extracting: the run fetches that
/// archive once more and succeeds with the registry's bytes (BundlePipeline catches IPM4010).
/// </summary>
public sealed class PipelineRefetchTests
{
    [Theory]
    [InlineData("deleted")]
    [InlineData("corrupted")]
    public async Task A_cache_entry_lost_between_fetch_and_extract_is_fetched_once_more(string what)
    {
        await using var registry = new MiniRegistry();
        registry.Publish([
            new FixturePackage("rf-app", "1.0.0").DependsOn("rf-dep", "^1").WithFile("index.js", "module.exports = require('rf-dep') + 1;\n"),
            new FixturePackage("rf-dep", "1.0.0").WithFile("index.js", "module.exports = 41;\n"),
        ]);
        using var temp = new TempDirectory("ipm-refetch");
        var request = new BundleRequest
        {
            Modules = [new ModuleRequest("rf-app", "^1.0.0")],
            ProjectDirectory = Directory.CreateDirectory(temp.Combine("project")).FullName,
            OutputDirectory = temp.Combine("gen"),
            Registry = registry.Url,
            CacheDirectory = temp.Combine("cache"),
            Template = Path.Combine(RepoPaths.Templates, "generic"),
            Minify = false,
        };
        var touched = 0;
        var log = new RecordingBundleLog();

        var result = await BundlePipeline.RunAsync(request, log, CancellationToken.None, archives =>
        {
            // Only the first extraction attempt meets the damage, as when another process cleaned the cache once.
            if (touched++ > 0)
            {
                return;
            }

            var entry = archives["node_modules/rf-dep"].Path;
            if (what == "deleted")
            {
                File.Delete(entry);
            }
            else
            {
                File.WriteAllBytes(entry, [1, 2, 3]);
            }
        });

        Assert.Equal(2, touched);
        Assert.Equal(2, registry.Server.CountRequests("/rf-dep/-/rf-dep-1.0.0.tgz"));
        Assert.Equal(1, registry.Server.CountRequests("/rf-app/-/rf-app-1.0.0.tgz"));
        Assert.Contains(Path.Combine(request.OutputDirectory, "ipm_modules.c"), result.GeneratedFiles);
        Assert.Contains("module.exports = 41;", File.ReadAllText(Path.Combine(request.OutputDirectory, "ipm_modules.c")), StringComparison.Ordinal);
        Assert.Equal(2, result.PackageCount);
    }

    [Fact]
    public async Task A_cache_entry_lost_again_after_the_second_fetch_fails_the_run_with_IPM4010()
    {
        await using var registry = new MiniRegistry();
        registry.Publish([new FixturePackage("rf-one", "1.0.0").WithFile("index.js", "module.exports = 1;\n")]);
        using var temp = new TempDirectory("ipm-refetch");
        var request = new BundleRequest
        {
            Modules = [new ModuleRequest("rf-one", "1.0.0")],
            ProjectDirectory = Directory.CreateDirectory(temp.Combine("project")).FullName,
            OutputDirectory = temp.Combine("gen"),
            Registry = registry.Url,
            CacheDirectory = temp.Combine("cache"),
            Template = Path.Combine(RepoPaths.Templates, "generic"),
        };

        var ex = await Assert.ThrowsAsync<IpmException>(() => BundlePipeline.RunAsync(request, new RecordingBundleLog(), CancellationToken.None,
            archives => File.Delete(archives["node_modules/rf-one"].Path)));

        Assert.Equal("IPM4010", ex.Code);
        Assert.Equal(2, registry.Server.CountRequests("/rf-one/-/rf-one-1.0.0.tgz"));
        Assert.False(Directory.Exists(request.OutputDirectory));
    }
}
