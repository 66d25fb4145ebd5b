using System.Security.Cryptography;
using Bundler.Core.Diagnostics;
using Bundler.Core.Fetching;
using Bundler.Core.Pipeline;
using Bundler.Core.Resolution;
using Bundler.Core.Tests.Archives;
using Bundler.Testing;

namespace Bundler.Core.Tests.Pipeline;

/// <summary>
/// The bytes the content stage extracts are the bytes verified, whether they come from the cache or from a folder
/// registry and whether they land in memory or in the staging folder; and memory never holds more than the budget.
/// </summary>
public sealed class ContentStageIntegrityTests
{
    private static readonly byte[] ArchiveA = new TarBuilder()
        .File("package/package.json", "{\"name\":\"a\",\"version\":\"1.0.0\"}")
        .File("package/index.js", "module.exports = require('./lib/big');\n")
        .File("package/lib/big.js", "module.exports = '" + new string('a', 3000) + "';\n")
        .End().TarGz();

    private static readonly byte[] ArchiveB = new TarBuilder()
        .File("package/package.json", "{\"name\":\"b\",\"version\":\"2.0.0\"}")
        .File("package/index.js", "module.exports = 'b';\n")
        .End().TarGz();

    private static readonly byte[] OtherB = new TarBuilder()
        .File("package/package.json", "{\"name\":\"b\",\"version\":\"2.0.0\"}")
        .File("package/index.js", "module.exports = 'not what was verified';\n")
        .End().TarGz();

    [Theory]
    [InlineData(ContentStage.MemoryBudget)]
    [InlineData(0L)]
    public void A_cache_entry_changed_after_the_fetch_is_refused_with_IPM4010(long memoryBudget)
    {
        using var temp = new TempDirectory("ipm-content");
        var cache = new ContentCache(temp.Combine("cache"));
        var a = Cached(cache, "a", "1.0.0", ArchiveA);
        var b = Cached(cache, "b", "2.0.0", ArchiveB);
        File.WriteAllBytes(b.Path, OtherB);

        var ex = Assert.Throws<IpmException>(() => Collect(temp, Tree(), new() { ["node_modules/a"] = a, ["node_modules/b"] = b }, memoryBudget));

        Assert.Equal("IPM4010", ex.Code);
        Assert.Contains(b.Path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cache_entries_that_stay_whole_are_extracted_in_memory_and_on_disk_alike()
    {
        using var temp = new TempDirectory("ipm-content");
        var cache = new ContentCache(temp.Combine("cache"));
        var archives = new Dictionary<string, FetchedArchive>(StringComparer.Ordinal)
        {
            ["node_modules/a"] = Cached(cache, "a", "1.0.0", ArchiveA),
            ["node_modules/b"] = Cached(cache, "b", "2.0.0", ArchiveB),
        };

        var inMemory = Collect(temp, Tree(), archives, ContentStage.MemoryBudget, "memory");
        var onDisk = Collect(temp, Tree(), archives, 0, "disk");

        Assert.Equal(Describe(onDisk), Describe(inMemory));
        Assert.Equal("module.exports = 'b';\n", System.Text.Encoding.UTF8.GetString(inMemory[1].Source.Read("index.js")));
    }

    [Theory]
    [InlineData(ContentStage.MemoryBudget)]
    [InlineData(0L)]
    public void A_folder_registry_archive_changed_after_the_fetch_is_refused_with_IPM4001(long memoryBudget)
    {
        using var temp = new TempDirectory("ipm-content");
        var archives = Folder(temp);
        File.WriteAllBytes(temp.Combine("b.tgz"), OtherB);

        var ex = Assert.Throws<IpmException>(() => Collect(temp, Tree(), archives, memoryBudget));

        Assert.Equal("IPM4001", ex.Code);
        Assert.Contains("b@2.0.0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_archive_that_would_go_past_the_memory_left_is_extracted_to_the_staging_folder_instead()
    {
        using var temp = new TempDirectory("ipm-content");
        var archives = Folder(temp);
        var reference = Collect(temp, Tree(), archives, ContentStage.MemoryBudget, "reference");
        var bytesA = Unpacked(reference[0]);
        var bytesB = Unpacked(reference[1]);
        Assert.True(bytesA > bytesB, "the test needs a larger than b");

        // a fits exactly; b would go one budget byte over, so it goes to disk.
        var aInMemory = Collect(temp, Tree(), archives, bytesA + bytesB - 1, "a-in-memory");
        // a does not fit; b, checked against the whole budget still left, does.
        var bInMemory = Collect(temp, Tree(), archives, bytesA - 1, "b-in-memory");

        Assert.Equal(["b"], Staged(temp, "a-in-memory"));
        Assert.Equal(["a"], Staged(temp, "b-in-memory"));
        Assert.Equal(Describe(reference), Describe(aInMemory));
        Assert.Equal(Describe(reference), Describe(bInMemory));
        Assert.False(Directory.Exists(temp.Combine("staging-reference")));
    }

    private static List<PackageContent> Collect(TempDirectory temp, ResolvedTree tree, Dictionary<string, FetchedArchive> archives, long memoryBudget, string name = "x")
    {
        var request = new BundleRequest { Modules = [], ProjectDirectory = temp.Path, OutputDirectory = temp.Combine("out"), RootName = "app" };
        return [.. ContentStage.Collect(request, tree, archives, temp.Combine("staging-" + name), NullBundleLog.Instance, CancellationToken.None, memoryBudget)];
    }

    private static ResolvedTree Tree() => new(
        new Dictionary<string, string>(StringComparer.Ordinal) { ["a"] = "1.0.0", ["b"] = "2.0.0" },
        [
            new() { Path = "node_modules/a", Name = "a", PackageName = "a", Version = "1.0.0", Resolved = "file:a.tgz", Integrity = Sri(ArchiveA) },
            new() { Path = "node_modules/b", Name = "b", PackageName = "b", Version = "2.0.0", Resolved = "file:b.tgz", Integrity = Sri(ArchiveB) },
        ]);

    private static Dictionary<string, FetchedArchive> Folder(TempDirectory temp)
    {
        File.WriteAllBytes(temp.Combine("a.tgz"), ArchiveA);
        File.WriteAllBytes(temp.Combine("b.tgz"), ArchiveB);
        return new(StringComparer.Ordinal)
        {
            ["node_modules/a"] = new(temp.Combine("a.tgz"), null, null),
            ["node_modules/b"] = new(temp.Combine("b.tgz"), null, null),
        };
    }

    /// <summary>An entry stored the way the fetcher stores one, and the fetch result pointing at it.</summary>
    private static FetchedArchive Cached(ContentCache cache, string name, string version, byte[] data)
    {
        var sri = Sri(data);
        var temp = cache.NewTempPath(ExpectedIntegrity.Parse(sri, null, name)!);
        File.WriteAllBytes(temp, data);
        var path = cache.Commit(temp, "sha512", SHA512.HashData(data));
        var request = new TarballRequest(name, version, new Uri($"http://127.0.0.1:9/{name}/-/{name}-{version}.tgz"), sri, null);
        return new FetchedArchive(path, new FetchedTarball(request, path, sri, data.Length, FromCache: false), cache);
    }

    private static string Sri(byte[] data) => "sha512-" + Convert.ToBase64String(SHA512.HashData(data));

    private static long Unpacked(PackageContent c) => c.Files.Sum(c.Source.Length);

    // The package names whose files were extracted to the staging folder (each archive has its own folder).
    private static string[] Staged(TempDirectory temp, string name)
    {
        var staging = temp.Combine("staging-" + name);
        return Directory.Exists(staging)
            ? [.. Directory.EnumerateFiles(staging, "package.json", SearchOption.AllDirectories)
                .Select(f => System.Text.Json.JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("name").GetString()!)
                .Order(StringComparer.Ordinal)]
            : [];
    }

    private static List<string> Describe(IReadOnlyList<PackageContent> contents) =>
        contents.SelectMany(c => c.Files.Select(f => $"{c.Name}@{c.Version} {c.VirtualDirectory}/{f} " +
            Convert.ToHexString(SHA256.HashData(c.Source.Read(f))))).ToList();
}
