using Bundler.Core.Archives;
using Bundler.Core.Diagnostics;
using Bundler.Core.Packaging;
using Bundler.Core.Resolution;

namespace Bundler.Core.Pipeline;

/// <summary>One package's files as extracted (in memory, or on disk) or in a local folder.</summary>
/// <param name="Name">The folder name it is installed under.</param>
/// <param name="Version">Its exact version.</param>
/// <param name="VirtualDirectory">Its folder in the bundle, e.g. <c>/node_modules/a</c>.</param>
/// <param name="Source">Where its files are read from.</param>
/// <param name="Files">Every file of the package, package-relative with '/', ordinally sorted; files of packages
/// nested in its own node_modules are listed under those packages.</param>
/// <param name="Include">The module's <c>Files</c> globs (declared modules only).</param>
/// <param name="Exclude">The module's <c>ExcludeFiles</c> globs (declared modules only).</param>
/// <param name="Dependencies">Names of its dependencies and optional dependencies.</param>
/// <param name="TopLevel">A declared module installed at the top of the tree.</param>
/// <param name="Local">Installed from a local folder (<c>file:</c>), i.e. the user's own code.</param>
internal sealed record PackageContent(
    string Name,
    string Version,
    string VirtualDirectory,
    PackageSource Source,
    IReadOnlyList<string> Files,
    IReadOnlyList<Glob> Include,
    IReadOnlyList<Glob> Exclude,
    IReadOnlyList<string> Dependencies,
    bool TopLevel,
    bool Local = false);

/// <summary>Extracts every archive (into memory, or a staging folder past a budget) and lists each package's files;
/// pruning comes later (ModelStage).</summary>
internal static partial class ContentStage
{
    /// <summary>Unpacked bytes held in memory at most; an archive that would go past it is extracted to the staging folder.</summary>
    internal const long MemoryBudget = 256L * 1024 * 1024;

    public static IReadOnlyList<PackageContent> Collect(BundleRequest request, ResolvedTree tree, IReadOnlyDictionary<string, FetchedArchive> archives, string staging, IBundleLog log,
        CancellationToken cancellationToken, long memoryBudget = MemoryBudget)
    {
        var contents = new List<PackageContent>();
        var index = 0;
        long inMemory = 0;
        foreach (var p in tree.Packages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            PackageSource source;
            if (p.LocalPath is not null)
            {
                source = PackageSource.Disk(p.LocalPath, local: true);
            }
            else
            {
                var archive = OpenArchive(request, tree, p, archives[p.Path]);
                if (ExtractToMemory(request, p, archive, memoryBudget - inMemory, cancellationToken) is { } files)
                {
                    inMemory += files.Bytes;
                    source = PackageSource.Memory(files.Files);
                }
                else
                {
                    var folder = Path.Combine(staging, (index++).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    ExtractToFolder(request, p, archive, folder, cancellationToken);
                    source = PackageSource.Disk(folder, local: false);
                }
            }

            var topLevel = p.Depth == 1 && tree.Requires.ContainsKey(p.Name);
            var module = p.Depth == 1 ? request.Modules.FirstOrDefault(m => Declares(m, p, request.ProjectDirectory)) : null;
            var all = source.ListFiles();
            var dependencies = p.Dependencies.Keys.Concat(p.OptionalDependencies.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            contents.Add(new PackageContent(p.Name, p.Version, "/" + p.Path, source, all.Where(f => !IsNested(f)).ToList(),
                Glob.List(module?.Files), Glob.List(module?.ExcludeFiles), dependencies, topLevel || module is not null, p.LocalPath is not null));

            // bundleDependencies arrive inside the tarball under its own node_modules: each is a package too.
            foreach (var inner in BundledRoots(all))
            {
                var innerFiles = all.Where(f => f.StartsWith(inner + "/", StringComparison.Ordinal)).Select(f => f[(inner.Length + 1)..]).Where(f => !IsNested(f)).ToList();
                var innerSource = source.Below(inner);
                var virtualDirectory = $"/{p.Path}/{inner}";
                var manifest = LocalPackages.ReadManifest(innerSource.Read("package.json"), virtualDirectory + "/package.json", inner["node_modules/".Length..]);
                var innerDependencies = manifest.Dependencies.Keys.Concat(manifest.OptionalDependencies.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                contents.Add(new PackageContent(inner["node_modules/".Length..], manifest.Version, virtualDirectory, innerSource, innerFiles, [], [], innerDependencies, false));
            }
        }

        log.Summary($"ipm: extracted {contents.Sum(c => c.Files.Count)} files of {contents.Count} packages");
        return contents;
    }

    // A module declared by name, or (name empty) as a local folder: the package installed from that folder.
    private static bool Declares(ModuleRequest m, ResolvedPackage p, string projectDirectory)
    {
        if (m.Name.Length > 0)
        {
            return string.Equals(m.Name, p.Name, StringComparison.Ordinal);
        }

        if (p.LocalPath is null || !m.Spec.StartsWith("file:", StringComparison.Ordinal))
        {
            return false;
        }

        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(m.Spec["file:".Length..], projectDirectory));
        return string.Equals(folder, Path.TrimEndingDirectorySeparator(Path.GetFullPath(p.LocalPath)), StringComparison.Ordinal);
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
