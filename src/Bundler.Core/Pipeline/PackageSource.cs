namespace Bundler.Core.Pipeline;

/// <summary>
/// Where one package's files are read from: a folder on disk (local packages, or an archive extracted to disk) or
/// an archive's entries held in memory. Paths are package-relative with '/'.
/// </summary>
internal abstract class PackageSource
{
    /// <summary>Every file, package-relative, ordinally sorted (including files of bundled packages below node_modules).</summary>
    public abstract IReadOnlyList<string> ListFiles();

    /// <summary>The bytes of one listed file.</summary>
    public abstract byte[] Read(string relative);

    /// <summary>The length in bytes of one listed file.</summary>
    public abstract long Length(string relative);

    /// <summary>True when <paramref name="relative"/> is a file of this package.</summary>
    public abstract bool Exists(string relative);

    /// <summary>The files below <paramref name="folder"/> (package-relative) as a package of their own.</summary>
    public abstract PackageSource Below(string folder);

    /// <summary>
    /// The full path of a file of a local package folder, so diagnostics point at a file an IDE can open; null for
    /// archives (held in memory or in a staging folder deleted after the run), which keep their virtual path.
    /// </summary>
    public virtual string? UserPath(string relative) => null;

    /// <summary>A folder on disk.</summary>
    public static PackageSource Disk(string folder, bool local) => new DiskSource(folder, local);

    /// <summary>Files held in memory, keyed by package-relative path.</summary>
    public static PackageSource Memory(IReadOnlyDictionary<string, byte[]> files) => new MemorySource(files, "");

    private sealed class DiskSource(string folder, bool local) : PackageSource
    {
        public override IReadOnlyList<string> ListFiles() => ContentStage.ListFiles(folder, local);

        public override byte[] Read(string relative) => File.ReadAllBytes(Path.Combine(folder, relative));

        public override long Length(string relative) => new FileInfo(Path.Combine(folder, relative)).Length;

        public override bool Exists(string relative) => File.Exists(Path.Combine(folder, relative));

        public override PackageSource Below(string inner) => new DiskSource(Path.Combine(folder, inner), local);

        public override string? UserPath(string relative) => local ? Path.GetFullPath(Path.Combine(folder, relative)) : null;
    }

    private sealed class MemorySource(IReadOnlyDictionary<string, byte[]> files, string prefix) : PackageSource
    {
        public override IReadOnlyList<string> ListFiles() => files.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();

        public override byte[] Read(string relative) =>
            files.TryGetValue(prefix + relative, out var bytes) ? bytes : throw new FileNotFoundException($"no file '{prefix + relative}' in the package");

        public override long Length(string relative) => Read(relative).LongLength;

        public override bool Exists(string relative) => files.ContainsKey(prefix + relative);

        public override PackageSource Below(string inner) => new MemorySource(files, prefix + inner.TrimEnd('/') + "/");
    }
}
