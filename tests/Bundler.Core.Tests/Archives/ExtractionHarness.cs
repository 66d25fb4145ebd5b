using Bundler.Core.Archives;
using Bundler.Core.Diagnostics;
using Bundler.Testing;

namespace Bundler.Core.Tests.Archives;

/// <summary>
/// Runs an extraction into <c>work/out</c>, beside an empty <c>work/canary</c>, with the archive outside
/// <c>work</c>. After a rejection nothing at all may have changed anywhere under the temporary folder.
/// Every archive also goes through the in-memory extraction the bundle pipeline uses: it must reject with the
/// same code, and accept with the same files.
/// </summary>
internal static class ExtractionHarness
{
    public const string Package = "evil@6.6.6";

    public static IpmException AssertRejected(byte[] archive, ArchiveFormat format, string code, ExtractionLimits? limits = null)
    {
        using var temp = new TempDirectory("ipm-hostile");
        var work = Directory.CreateDirectory(temp.Combine("work")).FullName;
        var output = Directory.CreateDirectory(Path.Combine(work, "out")).FullName;
        File.WriteAllText(Path.Combine(output, "marker.txt"), "before");
        Directory.CreateDirectory(Path.Combine(work, "canary"));
        var archivePath = temp.Combine("archive.bin");
        File.WriteAllBytes(archivePath, archive);
        var before = Snapshot(temp.Path);

        var ex = Assert.Throws<IpmException>(() => PackageExtractor.Extract(archivePath, format, output, Package, limits ?? ExtractionLimits.Default));

        Assert.True(code == ex.Code, $"expected {code}, got {ex.Diagnostic}");
        Assert.Contains(Package, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(temp.Path));
        Assert.Equal("before", File.ReadAllText(Path.Combine(output, "marker.txt")));

        using var stream = new MemoryStream(archive, writable: false);
        var inMemory = Assert.Throws<IpmException>(() => PackageExtractor.ExtractToMemory(stream, format, Package, limits ?? ExtractionLimits.Default));
        Assert.True(code == inMemory.Code, $"in memory: expected {code}, got {inMemory.Diagnostic}");
        Assert.Contains(Package, inMemory.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(temp.Path));
        return ex;
    }

    public static string Extract(TempDirectory temp, byte[] archive, ArchiveFormat format, ExtractionLimits? limits = null)
    {
        var archivePath = temp.Combine("archive.bin");
        File.WriteAllBytes(archivePath, archive);
        var output = temp.Combine("out");
        var onDisk = PackageExtractor.Extract(archivePath, format, output, Package, limits ?? ExtractionLimits.Default);

        using var stream = new MemoryStream(archive, writable: false);
        var inMemory = PackageExtractor.ExtractToMemory(stream, format, Package, limits ?? ExtractionLimits.Default);
        var diskFiles = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(output, p).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
        Assert.Equal(diskFiles.Keys.Order(StringComparer.Ordinal), inMemory.Files.Keys);
        Assert.All(diskFiles, f => Assert.Equal(f.Value, inMemory.Files[f.Key]));
        Assert.Equal(onDisk.Bytes, inMemory.Bytes);
        return output;
    }

    /// <summary>Every path under <paramref name="root"/> (folders end with '/') with each file's size.</summary>
    public static string Snapshot(string root) => string.Join("\n",
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => Directory.Exists(p)
                ? Path.GetRelativePath(root, p) + "/"
                : $"{Path.GetRelativePath(root, p)} {new FileInfo(p).Length}")
            .Order(StringComparer.Ordinal));

    /// <summary>The files under <paramref name="root"/> as relative path ('/'-separated) and content.</summary>
    public static SortedDictionary<string, string> Files(string root)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(root, p).Replace('\\', '/')] = File.ReadAllText(p);
        }

        return files;
    }
}
