using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Bundler.Testing.Servers;

/// <summary>
/// The archive a registry serves for a <see cref="FixturePackage"/>: a gzipped tar or a zip whose entries sit under
/// <c>package/</c>, as <c>npm pack</c> lays them out; entries sorted and dated 2000-01-01, so equal input gives equal bytes.
/// </summary>
public static class PackageArchive
{
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Tarball(FixturePackage package)
    {
        using var dir = new TempDirectory("ipm-archive");
        var root = package.WriteTo(dir.Path);
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, path) in Entries(root))
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, "package/" + name)
                {
                    ModificationTime = FixedTime,
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    DataStream = new MemoryStream(File.ReadAllBytes(path)),
                };
                tar.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }

    /// <summary>The package as a zip; <paramref name="extra"/> entries are added with their names exactly as given.</summary>
    public static byte[] Zip(FixturePackage package, IEnumerable<(string Name, string Content)>? extra = null)
    {
        using var dir = new TempDirectory("ipm-archive");
        var root = package.WriteTo(dir.Path);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, path) in Entries(root))
            {
                var entry = zip.CreateEntry("package/" + name, CompressionLevel.Optimal);
                entry.LastWriteTime = FixedTime;
                using var stream = entry.Open();
                stream.Write(File.ReadAllBytes(path));
            }

            foreach (var (name, content) in extra ?? [])
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = FixedTime;
                using var stream = entry.Open();
                stream.Write(System.Text.Encoding.UTF8.GetBytes(content));
            }
        }

        return output.ToArray();
    }

    /// <summary>The <c>sha512-...</c> subresource-integrity string of <paramref name="bytes"/>.</summary>
    public static string Integrity(byte[] bytes) => "sha512-" + Convert.ToBase64String(SHA512.HashData(bytes));

    /// <summary>Lower-case SHA-1 hex, the registry's <c>shasum</c> and <c>zip_shasum</c>.</summary>
    public static string Shasum(byte[] bytes) => Convert.ToHexStringLower(SHA1.HashData(bytes));

    private static IEnumerable<(string Name, string Path)> Entries(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(root, f).Replace('\\', '/'), f))
            .OrderBy(e => e.Item1, StringComparer.Ordinal);
}
