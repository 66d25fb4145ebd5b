using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;

namespace Bundler.Core.Resolution;

/// <summary>What the resolver needs to know about the project.</summary>
public sealed record ResolveOptions
{
    /// <summary>The root's name in requirement chains (<c>app &gt; b@^2</c>).</summary>
    public string RootName { get; init; } = "root";

    /// <summary>Folder <c>file:</c> specs of the root are relative to, and the lock stores paths relative to.</summary>
    public required string ProjectDirectory { get; init; }
}

/// <summary>Resolves root requirements into a <see cref="ResolvedTree"/>, reusing a previous tree where it still fits.</summary>
public sealed class Resolver
{
    private readonly PackumentProvider _packuments;
    private readonly ITarballManifestSource? _tarballs;
    private readonly IBundleLog _log;

    /// <param name="sourceFor">The package source for a package name (registry selection is the caller's).</param>
    /// <param name="log">Receives warnings (deprecated versions, skipped optional dependencies).</param>
    /// <param name="tarballs">Reads the manifest of tarball URL dependencies; without it they are an error.</param>
    public Resolver(Func<string, IPackageSource> sourceFor, IBundleLog log, ITarballManifestSource? tarballs = null)
    {
        _packuments = new PackumentProvider(sourceFor);
        _tarballs = tarballs;
        _log = log;
    }

    /// <summary>How many packuments this resolver has read.</summary>
    public int PackumentReads => _packuments.Reads;

    public async Task<ResolvedTree> ResolveAsync(IReadOnlyDictionary<string, string> requires, ResolvedTree? previous, ResolveOptions options, CancellationToken cancellationToken)
    {
        var locals = new LocalPackages(options.ProjectDirectory);
        var specs = requires.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var declared = TreeBuilder.Declare(specs, PackageManifest.Empty, PackageManifest.Empty, [], locals.ProjectDirectory);
        var root = new TreeNode(options.RootName, options.RootName, "0.0.0", declared) { Chain = options.RootName };
        if (previous is not null)
        {
            Seed(root, previous, locals);
        }

        var builder = new TreeBuilder(_packuments, locals, _tarballs, _log);
        var rootChanged = previous is not null && !previous.Requires.OrderBy(kv => kv.Key, StringComparer.Ordinal).SequenceEqual(specs.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        await builder.BuildAsync(root, previous is not null, rootChanged, cancellationToken).ConfigureAwait(false);
        var required = TreeBuilder.RequiredNodes(root);
        var extraneous = TreeBuilder.Extraneous(root);
        var installed = root.Descendants().Where(n => !extraneous.Contains(n)).ToList();
        foreach (var n in installed.Where(n => n.Manifest?.Deprecated is not null).DistinctBy(n => n.PackageName + "@" + n.Version))
        {
            _log.Report(Messages.DeprecatedVersion(n.PackageName, n.Version, n.Manifest!.Deprecated!));
        }

        return new ResolvedTree(new SortedDictionary<string, string>(specs, StringComparer.Ordinal), Sorted(installed, n => !required.Contains(n)))
        {
            Extraneous = Sorted(extraneous, _ => true),
        };

        List<ResolvedPackage> Sorted(IEnumerable<TreeNode> nodes, Func<TreeNode, bool> optional) =>
            nodes.Select(n => ToResolved(n, locals) with { Optional = optional(n) }).OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>Rebuilds the mutable tree from a previous result (a lock file), so valid parts stay as they are.</summary>
    private static void Seed(TreeNode root, ResolvedTree previous, LocalPackages locals)
    {
        var byPath = new Dictionary<string, TreeNode>(StringComparer.Ordinal) { [string.Empty] = root };
        foreach (var p in previous.Packages.Concat(previous.Extraneous).OrderBy(p => p.Depth).ThenBy(p => p.Path, StringComparer.Ordinal))
        {
            var cut = p.Path.LastIndexOf("/node_modules/", StringComparison.Ordinal);
            var parentPath = cut < 0 ? string.Empty : p.Path[..cut];
            if (!byPath.TryGetValue(parentPath, out var parent))
            {
                continue;
            }

            var local = p.Resolved is { } r && r.StartsWith("file:", StringComparison.Ordinal) && p.LocalPath is null && !LooksLikeArchive(r)
                ? Path.GetFullPath(Path.Combine(locals.ProjectDirectory, r[5..]))
                : p.LocalPath;
            local = local is null ? null : Path.TrimEndingDirectorySeparator(local);
            var node = new TreeNode(p.Name, p.PackageName, p.Version,
                TreeBuilder.Declare(p.Dependencies, p.OptionalDependencies, p.PeerDependencies, p.OptionalPeers, local))
            {
                FromLock = p,
                Resolved = p.Resolved,
                Integrity = p.Integrity,
                LocalPath = local,
                Chain = p.Chain.Length > 0 ? p.Chain : $"{root.Chain} > {p.Name}",
                BundleDependencies = p.BundleDependencies,
            };
            node.AttachTo(parent);
            byPath[p.Path] = node;
        }
    }

    private static bool LooksLikeArchive(string resolved) =>
        resolved.EndsWith(".tgz", StringComparison.Ordinal) || resolved.EndsWith(".tar.gz", StringComparison.Ordinal) || resolved.EndsWith(".zip", StringComparison.Ordinal);

    private static ResolvedPackage ToResolved(TreeNode n, LocalPackages locals)
    {
        if (n.FromLock is { } locked && n.Manifest is null)
        {
            return locked with { Path = n.Location, LocalPath = n.LocalPath };
        }

        var m = n.Manifest!;
        var dist = m.Dist;
        var useZip = dist.Tarball is null && dist.Zip is not null;
        var isUrl = n.Integrity is not null && n.LocalPath is null;
        return new ResolvedPackage
        {
            Path = n.Location,
            Name = n.Name,
            PackageName = n.PackageName,
            Version = n.Version,
            Resolved = n.LocalPath is not null ? n.Resolved : isUrl ? Redact.Url(new Uri(n.Resolved!)) : ArchiveUrl(useZip ? dist.Zip : dist.Tarball, locals),
            Integrity = n.LocalPath is not null ? null : isUrl ? n.Integrity : useZip ? null : dist.Integrity,
            Shasum = n.LocalPath is not null ? null : useZip ? dist.ZipShasum : dist.Shasum,
            IsZip = useZip,
            Cid = dist.Cid,
            Dependencies = Without(m.Dependencies, m.OptionalDependencies),
            OptionalDependencies = m.OptionalDependencies,
            PeerDependencies = m.PeerDependencies,
            OptionalPeers = m.OptionalPeers,
            BundleDependencies = m.BundleDependencies,
            LocalPath = n.LocalPath,
            Chain = n.Chain,
        };
    }

    private static SortedDictionary<string, string> Without(IReadOnlyDictionary<string, string> deps, IReadOnlyDictionary<string, string> remove) =>
        new(deps.Where(kv => !remove.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    // Archives in a folder registry are written relative to the project, so a lock carries no machine path.
    private static string? ArchiveUrl(Uri? url, LocalPackages locals) =>
        url is null ? null : url.IsFile ? "file:" + locals.Relative(url.LocalPath) : Redact.Url(url);
}
