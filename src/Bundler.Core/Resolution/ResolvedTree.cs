namespace Bundler.Core.Resolution;

/// <summary>One installed package in the node_modules tree: where it sits, what it is, where its bytes come from.</summary>
public sealed record ResolvedPackage
{
    /// <summary>Install path, e.g. <c>node_modules/b/node_modules/a</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The folder name it is installed under (differs from <see cref="PackageName"/> for aliases).</summary>
    public required string Name { get; init; }

    /// <summary>The registry package name.</summary>
    public required string PackageName { get; init; }

    public required string Version { get; init; }

    /// <summary>Archive URL without credentials, or <c>file:</c> + path relative to the project for local folders.</summary>
    public string? Resolved { get; init; }

    public string? Integrity { get; init; }

    /// <summary>SHA-1 hex, used when the registry gives no integrity.</summary>
    public string? Shasum { get; init; }

    /// <summary>True when <see cref="Resolved"/> is a zip archive ("JS Registry" style).</summary>
    public bool IsZip { get; init; }

    /// <summary>IPFS content id, when the registry gave one.</summary>
    public string? Cid { get; init; }

    public IReadOnlyDictionary<string, string> Dependencies { get; init; } = Registry.PackageManifest.Empty;

    public IReadOnlyDictionary<string, string> OptionalDependencies { get; init; } = Registry.PackageManifest.Empty;

    public IReadOnlyDictionary<string, string> PeerDependencies { get; init; } = Registry.PackageManifest.Empty;

    /// <summary>Peer dependencies marked optional in <c>peerDependenciesMeta</c>.</summary>
    public IReadOnlyList<string> OptionalPeers { get; init; } = [];

    /// <summary>Names this package ships inside its own tarball (bundleDependencies).</summary>
    public IReadOnlyList<string> BundleDependencies { get; init; } = [];

    /// <summary>Only reachable through optional dependencies: a failed fetch is a warning.</summary>
    public bool Optional { get; init; }

    /// <summary>Only while reading or writing the lock: the entry belongs to <see cref="ResolvedTree.Extraneous"/>.</summary>
    internal bool Extraneous { get; init; }

    /// <summary>Absolute folder of a local (<c>file:</c>) package; never written to the lock.</summary>
    public string? LocalPath { get; init; }

    /// <summary>The requirement chain that first placed it (<c>app &gt; b@^2 &gt; c@~1.4</c>), for messages.</summary>
    public string Chain { get; init; } = string.Empty;

    /// <summary>Depth in the tree: 1 for <c>node_modules/x</c>.</summary>
    public int Depth => Path.Split("node_modules/").Length - 1;
}

/// <summary>The whole resolved tree and the root requirements it was resolved for.</summary>
/// <param name="Requires">The root requirements.</param>
/// <param name="Packages">Every package to install (and bundle).</param>
public sealed record ResolvedTree(IReadOnlyDictionary<string, string> Requires, IReadOnlyList<ResolvedPackage> Packages)
{
    /// <summary>
    /// Packages still in the tree that nothing depends on any more. npm keeps them in a fresh lock (flagged
    /// extraneous) and drops them at the next change; they shape that change, so the lock keeps them too. They are
    /// never installed or bundled.
    /// </summary>
    public IReadOnlyList<ResolvedPackage> Extraneous { get; init; } = [];

    public ResolvedPackage? Find(string path) => Packages.FirstOrDefault(p => string.Equals(p.Path, path, StringComparison.Ordinal));

    /// <summary>The package a request for <paramref name="name"/> from <paramref name="fromPath"/> finds (Node's walk-up).</summary>
    public ResolvedPackage? ResolveFrom(string fromPath, string name)
    {
        var at = fromPath;
        while (true)
        {
            var candidate = Find(at.Length == 0 ? $"node_modules/{name}" : $"{at}/node_modules/{name}");
            if (candidate is not null)
            {
                return candidate;
            }

            if (at.Length == 0)
            {
                return null;
            }

            var cut = at.LastIndexOf("/node_modules/", StringComparison.Ordinal);
            at = cut < 0 ? string.Empty : at[..cut];
        }
    }
}
