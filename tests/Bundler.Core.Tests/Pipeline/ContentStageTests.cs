using System.Text;
using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;
using Bundler.Core.Resolution;
using Bundler.Core.Tests.Archives;
using Bundler.Testing;

namespace Bundler.Core.Tests.Pipeline;

/// <summary>
/// The content stage keeps archives in memory up to a budget and extracts the rest to a staging folder: both ways
/// must give the same packages, the same file lists and the same bytes, bundled dependencies included.
/// </summary>
public sealed class ContentStageTests
{
    [Fact]
    public void Archives_in_memory_and_on_disk_give_the_same_packages_and_bytes()
    {
        using var temp = new TempDirectory("ipm-content");
        var (tree, archives) = Tree(temp);
        var request = new BundleRequest { Modules = [], ProjectDirectory = temp.Path, OutputDirectory = temp.Combine("out"), RootName = "app" };

        var inMemory = ContentStage.Collect(request, tree, archives, temp.Combine("staging-memory"), NullBundleLog.Instance, CancellationToken.None);
        var onDisk = ContentStage.Collect(request, tree, archives, temp.Combine("staging-disk"), NullBundleLog.Instance, CancellationToken.None, memoryBudget: 0);

        Assert.False(Directory.Exists(temp.Combine("staging-memory")), "nothing is written while the budget lasts");
        Assert.True(Directory.Exists(temp.Combine("staging-disk")), "past the budget archives are extracted to the staging folder");
        Assert.Equal(["/node_modules/a", "/node_modules/a/node_modules/inner", "/node_modules/b"], inMemory.Select(c => c.VirtualDirectory));
        Assert.Equal(Describe(onDisk), Describe(inMemory));

        var inner = inMemory.Single(c => c.Name == "inner");
        Assert.Equal("3.0.0", inner.Version);
        Assert.Equal(["dep"], inner.Dependencies);
        Assert.Equal(["index.js", "package.json"], inner.Files);
        Assert.Equal("module.exports = 'inner';\n", Encoding.UTF8.GetString(inner.Source.Read("index.js")));
        Assert.Equal(["index.js", "lib/x.js", "package.json"], inMemory[0].Files);
    }

    [Fact]
    public void An_archive_whose_manifest_names_another_package_is_refused_in_memory_too()
    {
        using var temp = new TempDirectory("ipm-content");
        var (tree, archives) = Tree(temp);
        var wrong = tree with { Packages = [.. tree.Packages.Select(p => p.Name == "b" ? p with { Version = "9.9.9" } : p)] };
        var request = new BundleRequest { Modules = [], ProjectDirectory = temp.Path, OutputDirectory = temp.Combine("out"), RootName = "app" };

        var ex = Assert.Throws<IpmException>(() => ContentStage.Collect(request, wrong, archives, temp.Combine("staging"), NullBundleLog.Instance, CancellationToken.None));

        Assert.Equal("IPM5012", ex.Code);
        Assert.Contains("b@9.9.9", ex.Message, StringComparison.Ordinal);
    }

    private static (ResolvedTree Tree, IReadOnlyDictionary<string, FetchedArchive> Archives) Tree(TempDirectory temp)
    {
        var a = new TarBuilder()
            .File("package/package.json", "{\"name\":\"a\",\"version\":\"1.0.0\",\"bundleDependencies\":[\"inner\"]}")
            .File("package/index.js", "module.exports = require('inner');\n")
            .File("package/lib/x.js", "exports.x = 1;\n")
            .File("package/node_modules/inner/package.json", "{\"name\":\"inner\",\"version\":\"3.0.0\",\"dependencies\":{\"dep\":\"^1\"}}")
            .File("package/node_modules/inner/index.js", "module.exports = 'inner';\n")
            .End().TarGz();
        var b = new TarBuilder()
            .File("package/package.json", "{\"name\":\"b\",\"version\":\"2.0.0\"}")
            .File("package/index.js", "module.exports = 'b';\n")
            .End().TarGz();
        File.WriteAllBytes(temp.Combine("a.tgz"), a);
        File.WriteAllBytes(temp.Combine("b.tgz"), b);

        var packages = new List<ResolvedPackage>
        {
            new() { Path = "node_modules/a", Name = "a", PackageName = "a", Version = "1.0.0", Resolved = "file:a.tgz" },
            new() { Path = "node_modules/b", Name = "b", PackageName = "b", Version = "2.0.0", Resolved = "file:b.tgz" },
        };
        var archives = new Dictionary<string, FetchedArchive>(StringComparer.Ordinal)
        {
            ["node_modules/a"] = new(temp.Combine("a.tgz"), null, null),
            ["node_modules/b"] = new(temp.Combine("b.tgz"), null, null),
        };
        var requires = new Dictionary<string, string>(StringComparer.Ordinal) { ["a"] = "1.0.0", ["b"] = "2.0.0" };
        return (new ResolvedTree(requires, packages), archives);
    }

    private static List<string> Describe(IReadOnlyList<PackageContent> contents) =>
        contents.SelectMany(c => c.Files.Select(f => $"{c.Name}@{c.Version} {c.VirtualDirectory}/{f} {c.Source.Length(f)} " +
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(c.Source.Read(f))) + $" deps={string.Join(',', c.Dependencies)} top={c.TopLevel}"))
            .ToList();
}
