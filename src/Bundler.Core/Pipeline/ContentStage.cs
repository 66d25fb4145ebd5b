using Bundler.Core.Archives;
using Bundler.Core.Diagnostics;
using Bundler.Core.Packaging;
using Bundler.Core.Resolution;

namespace Bundler.Core.Pipeline;

/// <summary>One package's files as they sit on disk after extraction (or in a local folder).</summary>
internal sealed record PackageContent(string Name, string Version, string VirtualDirectory, string Folder, IReadOnlyList<string> Files, string? Main);

/// <summary>Extracts every archive into a staging folder and lists each package's device files.</summary>
internal static class ContentStage
{
    public static IReadOnlyList<PackageContent> Collect(BundleRequest request, ResolvedTree tree, IReadOnlyDictionary<string, FetchedArchive> archives, string staging, IBundleLog log, CancellationToken cancellationToken)
    {
        var contents = new List<PackageContent>();
        var index = 0;
        foreach (var p in tree.Packages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var label = $"{p.PackageName}@{p.Version}";
            string folder;
            if (p.LocalPath is not null)
            {
                folder = p.LocalPath;
            }
            else
            {
                folder = Path.Combine(staging, (index++).ToString(System.Globalization.CultureInfo.InvariantCulture));
                var archive = archives[p.Path];
                if (archive.Fetched is not null)
                {
                    // Re-verified while read: a cache entry changed since it was fetched is caught here.
                    PackageExtractor.ExtractFetched(archive.Cache!, archive.Fetched, folder, request.ExtractionLimits, cancellationToken);
                }
                else
                {
                    PackageExtractor.Extract(archive.Path, p.IsZip ? ArchiveFormat.Zip : ArchiveFormat.TarGz, folder, label, request.ExtractionLimits, cancellationToken);
                    ManifestCheck.Verify(folder, p.PackageName, p.Version, label);
                }
            }

            var module = request.Modules.FirstOrDefault(m => string.Equals(m.Name, p.Name, StringComparison.Ordinal) && p.Depth == 1);
            var all = ListFiles(folder, p.LocalPath is not null);
            var selected = FileSelector.Select(all.Where(f => !IsNested(f)), Glob.List(module?.Files), Glob.List(module?.ExcludeFiles));
            contents.Add(Content(p.Name, p.Version, "/" + p.Path, folder, selected));

            // bundleDependencies arrive inside the tarball under its own node_modules: each is a package too.
            foreach (var inner in BundledRoots(all))
            {
                var innerFiles = FileSelector.Select(all.Where(f => f.StartsWith(inner + "/", StringComparison.Ordinal)).Select(f => f[(inner.Length + 1)..]).Where(f => !IsNested(f)), [], []);
                var innerFolder = Path.Combine(folder, inner);
                var manifest = LocalPackages.ReadManifest(Path.Combine(innerFolder, "package.json"), inner["node_modules/".Length..]);
                contents.Add(Content(inner["node_modules/".Length..], manifest.Version, $"/{p.Path}/{inner}", innerFolder, innerFiles));
            }
        }

        log.Summary($"ipm: selected {contents.Sum(c => c.Files.Count)} files from {contents.Count} packages");
        return contents;
    }

    private static PackageContent Content(string name, string version, string virtualDir, string folder, IReadOnlyList<string> files)
    {
        var set = files.ToHashSet(StringComparer.Ordinal);
        var pkgJson = Path.Combine(folder, "package.json");
        var mainField = File.Exists(pkgJson) ? PackageMain.ReadMainField(File.ReadAllBytes(pkgJson)) : null;
        var main = PackageMain.Resolve(set, mainField);
        return new PackageContent(name, version, virtualDir, folder, files, main is null ? null : virtualDir + "/" + main);
    }

    // Files of packages nested inside this one (bundled) are listed under their own package.
    private static bool IsNested(string relative) => relative.StartsWith("node_modules/", StringComparison.Ordinal);

    private static IEnumerable<string> BundledRoots(IReadOnlyList<string> files) =>
        files.Where(f => f.StartsWith("node_modules/", StringComparison.Ordinal) && f.EndsWith("/package.json", StringComparison.Ordinal))
            .Select(f => f[..^"/package.json".Length])
            .Where(d => d.Count(c => c == '/') == (d.Contains('@', StringComparison.Ordinal) ? 2 : 1))
            .Order(StringComparer.Ordinal);

    /// <summary>Package-relative paths with '/', ordinally sorted; a local folder skips node_modules and VCS folders.</summary>
    internal static IReadOnlyList<string> ListFiles(string folder, bool local)
    {
        var files = new List<string>();
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var f in Directory.EnumerateFiles(dir))
            {
                files.Add(Path.GetRelativePath(folder, f).Replace('\\', '/'));
            }

            foreach (var d in Directory.EnumerateDirectories(dir))
            {
                var n = Path.GetFileName(d);
                if (local && n is "node_modules" or ".git" or ".svn" or ".hg")
                {
                    continue;
                }

                if ((File.GetAttributes(d) & FileAttributes.ReparsePoint) != 0)
                {
                    continue; // a local folder's links are not followed
                }

                pending.Push(d);
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
