using Bundler.Core.Diagnostics;
using Bundler.Core.Generation;
using Bundler.Core.JavaScript;

namespace Bundler.Core.Packaging;

/// <summary>One package's files as pruning sees them.</summary>
internal sealed record PackageFiles
{
    public required string Name { get; init; }

    public required string Version { get; init; }

    /// <summary>Its folder in the bundle, e.g. <c>/node_modules/a/node_modules/b</c>.</summary>
    public required string Directory { get; init; }

    /// <summary>Package-relative paths that may ship: every file of the package except the <c>ExcludeFiles</c> matches.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>The package-relative main file among <see cref="Files"/> (see <see cref="PackageMain.FromPackageJson"/>), or null.</summary>
    public string? Main { get; init; }

    /// <summary><c>Files</c> globs: their matches ship and are followed like any main.</summary>
    public IReadOnlyList<Glob> Include { get; init; } = [];

    /// <summary>Names of its dependencies, loaded when a computed <c>require</c> makes the package fall back.</summary>
    public IReadOnlyList<string> Dependencies { get; init; } = [];

    /// <summary>A declared module: its main is a root even when nothing bundled requires it.</summary>
    public bool TopLevel { get; init; }

    public string Label => $"{Name}@{Version}";
}

/// <summary>What pruning keeps.</summary>
/// <param name="Shipped">Every file to ship (virtual path), with why: <c>entry</c>, <c>main</c>, <c>package.json</c>,
/// <c>Files GLOB</c>, <c>fallback</c> or the <c>file:line</c> that requires it. Ordinally sorted.</param>
/// <param name="FallbackPackages">Folders of the packages shipped with their default file set because of a computed require.</param>
/// <param name="Warnings">IPM6003 (computed require) and IPM7005 (unresolvable require), in the order found.</param>
/// <param name="CoreRequires">Built-in modules asked for and answered by no package, with the first <c>file:line</c> asking.</param>
internal sealed record PruneResult(
    IReadOnlyDictionary<string, string> Shipped,
    IReadOnlyList<string> FallbackPackages,
    IReadOnlyList<Diagnostic> Warnings,
    IReadOnlyDictionary<string, string> CoreRequires);

/// <summary>
/// Pruning: ships only what the device can load. Roots are the application entry, the mains of the declared
/// modules, <c>Files</c> matches and every package's package.json; from them static <c>require('literal')</c> calls are
/// followed with the device's resolution (<see cref="RequireResolver"/>) across packages and into the project folder.
/// A computed <c>require(expr)</c> is a warning, and its package falls back to its whole default file set plus
/// its dependencies' mains, since the computed name may be any of them.
/// </summary>
internal sealed class RequireGraph
{
    private readonly Dictionary<string, PackageFiles> _packages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _files = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _isProjectFile;
    private readonly Func<string, RequireScan> _scan;
    private readonly RequireResolver _resolver;
    private readonly SortedDictionary<string, string> _shipped = new(StringComparer.Ordinal);
    private readonly Queue<(string Path, bool AsModule)> _queue = new();
    private readonly SortedSet<string> _fallback = new(StringComparer.Ordinal);
    private readonly List<Diagnostic> _warnings = [];
    private readonly SortedDictionary<string, string> _core = new(StringComparer.Ordinal);

    private RequireGraph(IReadOnlyList<PackageFiles> packages, Func<string, bool> isProjectFile, Func<string, RequireScan> scan)
    {
        foreach (var p in packages)
        {
            _packages[p.Directory] = p;
            _files[p.Directory] = p.Files.ToHashSet(StringComparer.Ordinal);
        }

        _isProjectFile = isProjectFile;
        _scan = scan;
        _resolver = new RequireResolver(IsFile, PackageMainOf);
    }

    /// <summary>
    /// Walks the require graph. <paramref name="entry"/> is the application entry's virtual path (a project file) or
    /// null; <paramref name="isProjectFile"/> says whether a virtual path outside every package is a file of the
    /// project folder; <paramref name="scan"/> reads a file's require calls (it may throw IPM6004 for bad JavaScript).
    /// </summary>
    public static PruneResult Walk(IReadOnlyList<PackageFiles> packages, string? entry, Func<string, bool> isProjectFile, Func<string, RequireScan> scan)
    {
        var graph = new RequireGraph(packages, isProjectFile, scan);
        return graph.Run(packages.OrderBy(p => p.Directory, StringComparer.Ordinal).ToList(), entry);
    }

    private PruneResult Run(List<PackageFiles> packages, string? entry)
    {
        if (entry is not null)
        {
            Enqueue(entry, "entry", asModule: true);
        }

        foreach (var p in packages.Where(p => p.TopLevel && p.Main is not null))
        {
            Enqueue(p.Directory + "/" + p.Main, "main", asModule: true);
        }

        foreach (var p in packages)
        {
            foreach (var f in p.Files)
            {
                if (p.Include.FirstOrDefault(g => g.IsMatch(f)) is { } glob)
                {
                    Enqueue(p.Directory + "/" + f, "Files " + glob.Pattern, asModule: false);
                }
            }

            if (_files[p.Directory].Contains("package.json"))
            {
                Enqueue(p.Directory + "/package.json", "package.json", asModule: false);
            }
        }

        while (_queue.Count > 0)
        {
            var (path, asModule) = _queue.Dequeue();
            Follow(path, asModule);
        }

        return new PruneResult(_shipped, _fallback.ToList(), _warnings, _core);
    }

    private void Follow(string path, bool asModule)
    {
        var scannable = !path.EndsWith(".json", StringComparison.Ordinal) && !path.EndsWith(".node", StringComparison.Ordinal)
            && (asModule || path.EndsWith(".js", StringComparison.Ordinal) || path.EndsWith(".cjs", StringComparison.Ordinal));
        if (!scannable)
        {
            return;
        }

        var scan = _scan(path);
        var from = VirtualPath.Directory(path);
        foreach (var call in scan.Static)
        {
            var target = _resolver.Resolve(from, call.Specifier);
            if (target is not null)
            {
                Enqueue(target, $"{path}:{call.Line}", asModule: true);
            }
            else if (CoreModules.IsCore(call.Specifier))
            {
                _core.TryAdd(call.Specifier, $"{path}:{call.Line}");
            }
            else
            {
                _warnings.Add(Messages.UnresolvedRequire(path, call.Line, call.Specifier));
            }
        }

        if (scan.Dynamic.Count == 0)
        {
            return;
        }

        var owner = Owner(path);
        foreach (var d in scan.Dynamic)
        {
            _warnings.Add(d.ToDiagnostic());
        }

        if (owner is not null && _fallback.Add(owner.Directory))
        {
            foreach (var f in owner.Files.Where(FileSelector.IsDefault))
            {
                Enqueue(owner.Directory + "/" + f, "fallback", asModule: false);
            }

            foreach (var dependency in owner.Dependencies)
            {
                if (_resolver.Resolve(owner.Directory, dependency) is { } main)
                {
                    Enqueue(main, "fallback", asModule: true);
                }
            }
        }
    }

    private void Enqueue(string path, string why, bool asModule)
    {
        if (_shipped.TryAdd(path, why))
        {
            _queue.Enqueue((path, asModule));
        }
    }

    private bool IsFile(string path)
    {
        if (Owner(path) is { } owner)
        {
            return _files[owner.Directory].Contains(path[(owner.Directory.Length + 1)..]);
        }

        // The project folder's own node_modules is not the bundle's: packages come from the resolved tree only.
        return !path.Split('/').Contains("node_modules", StringComparer.Ordinal) && _isProjectFile(path);
    }

    private string? PackageMainOf(string directory) =>
        _packages.TryGetValue(directory, out var p) && p.Main is not null ? directory + "/" + p.Main : null;

    /// <summary>The innermost package whose folder holds <paramref name="path"/>, or null for a project file.</summary>
    private PackageFiles? Owner(string path)
    {
        for (var dir = VirtualPath.Directory(path); ; dir = VirtualPath.Directory(dir))
        {
            if (_packages.TryGetValue(dir, out var p))
            {
                return p;
            }

            if (dir == "/")
            {
                return null;
            }
        }
    }
}
