using Bundler.Core.Registry;

namespace Bundler.Core.Resolution;

internal enum EdgeType
{
    Prod,
    Optional,
    Peer,
    PeerOptional,
}

/// <summary>A dependency declared by a node.</summary>
internal sealed record Edge(PackageSpec Spec, EdgeType Type)
{
    public string Name => Spec.Name;

    public bool IsOptional => Type is EdgeType.Optional or EdgeType.PeerOptional;
}

/// <summary>A mutable node of the tree while it is being built. Only the builder touches these.</summary>
internal sealed class TreeNode
{
    public TreeNode(string name, string packageName, string version, TreeNode? parent)
    {
        Name = name;
        PackageName = packageName;
        Version = version;
        Parent = parent;
    }

    public string Name { get; }

    public string PackageName { get; }

    public string Version { get; }

    public TreeNode? Parent { get; set; }

    public SortedDictionary<string, TreeNode> Children { get; } = new(StringComparer.Ordinal);

    public List<Edge> Edges { get; } = [];

    public PackageManifest? Manifest { get; init; }

    public string? LocalPath { get; init; }

    public string? Resolved { get; init; }

    public string Chain { get; init; } = string.Empty;

    /// <summary>Set for nodes that came inside a parent's tarball (bundleDependencies): never re-placed.</summary>
    public bool Bundled { get; init; }

    public IReadOnlyList<string> BundleDependencies { get; init; } = [];

    public ResolvedPackage? FromLock { get; init; }

    /// <summary>The packument's dist-tags when the node was picked from one; null for nodes read from the lock.</summary>
    public IReadOnlyDictionary<string, string>? DistTags { get; init; }

    /// <summary>True when a dist-tag spec names this node's version (a node from the lock is trusted).</summary>
    public bool TagMatches(string tag) =>
        DistTags is null || (DistTags.TryGetValue(tag.Length == 0 ? "latest" : tag, out var v) && string.Equals(v, Version, StringComparison.Ordinal));

    public int Depth => Parent is null ? 0 : Parent.Depth + 1;

    public string Location => Parent is null ? string.Empty : (Parent.Parent is null ? "" : Parent.Location + "/") + "node_modules/" + Name;

    /// <summary>The node a require of <paramref name="name"/> from this node finds (its own node_modules first).</summary>
    public TreeNode? Resolve(string name)
    {
        for (var n = this; n is not null; n = n.Parent)
        {
            if (n.Children.TryGetValue(name, out var found))
            {
                return found;
            }
        }

        return null;
    }

    public IEnumerable<TreeNode> Descendants()
    {
        foreach (var c in Children.Values)
        {
            yield return c;
            foreach (var d in c.Descendants())
            {
                yield return d;
            }
        }
    }

    public override string ToString() => $"{Location} {PackageName}@{Version}";
}
