using System.Security.Cryptography;
using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;
using Bundler.Core.Resolution;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Resolution;

/// <summary>A tarball URL dependency through the whole restore: read while resolving, locked with its digest, fetched and verified.</summary>
[Collection(VerdaccioFixture.Collection)]
public sealed class TarballUrlPipelineTests(VerdaccioFixture registry)
{
    private static readonly FixturePackage[] Packages =
    [
        new FixturePackage("rsurl-t", "1.0.0").DependsOn("rsurl-u", "^1"),
        new FixturePackage("rsurl-u", "1.0.0"),
    ];

    [Fact]
    public async Task Restore_locks_the_url_with_the_archive_digest_and_a_second_restore_reads_nothing_new()
    {
        registry.EnsurePublished(Packages);
        var url = $"{registry.Url}rsurl-t/-/rsurl-t-1.0.0.tgz";
        using var response = await registry.Server.Http.GetAsync(new Uri(url));
        var expected = "sha512-" + Convert.ToBase64String(SHA512.HashData(await response.Content.ReadAsByteArrayAsync()));
        using var dir = new TempDirectory();
        var request = new BundleRequest
        {
            Modules = [new ModuleRequest("rsurl-t", url)],
            ProjectDirectory = Directory.CreateDirectory(dir.Combine("project")).FullName,
            OutputDirectory = dir.Combine("gen"),
            Registry = registry.Url,
            CacheDirectory = dir.Combine("cache"),
        };

        var first = await BundlePipeline.RestoreAsync(request, new RecordingBundleLog(), CancellationToken.None);
        var (locked, _) = LockFile.Read(first.LockFile);
        var locked2 = await BundlePipeline.RestoreAsync(request with { Locked = true }, new RecordingBundleLog(), CancellationToken.None);

        var t = locked.Find("node_modules/rsurl-t")!;
        Assert.Equal((url, expected, "1.0.0"), (t.Resolved, t.Integrity, t.Version));
        Assert.Equal("1.0.0", locked.Find("node_modules/rsurl-u")!.Version);
        Assert.Equal(2, first.PackageCount);
        Assert.Equal(first.LockDigest, locked2.LockDigest);
    }
}
