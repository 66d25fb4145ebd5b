using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;

namespace Bundler.Core.Resolution;

/// <summary>
/// A mutable node while the tree is built, modelled on arborist's Node: a package placed at a folder, its children
/// (its node_modules), and its outgoing edges in arborist's order (peer, optional peer, prod, optional).
/// Only the builder touches these.
/// </summary>
internal sealed partial class TreeNode
{
    private readonly Dictionary<string, Edge> _edgesByName = new(StringComparer.Ordinal);
    private readonly List<Edge> _edges = [];

    public TreeNode(string name, string packageName, string version, IReadOnlyList<Declared> declared)
    {
        Name = name;
        PackageName = packageName;
        Version = version;
        Declared = declared;
        foreach (var d in declared)
        {
            if (_edgesByName.Remove(d.Spec.Name, out var old))
            {
                _edges.Remove(old); // a later kind wins and moves to the end, as arborist's Edge constructor does
            }

            var edge = new Edge(this, d.Spec, d.Type);
            _edgesByName[edge.Name] = edge;
            _edges.Add(edge);
        }
    }

    public string Name { get; }

    public string PackageName { get; }

    /// <summary>The version; empty for a node whose manifest could not be loaded (<see cref="Error"/>).</summary>
    public string Version { get; }

    public IReadOnlyList<Declared> Declared { get; }

    public TreeNode? Parent { get; private set; }

    public SortedDictionary<string, TreeNode> Children { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<Edge> EdgesOut => _edges;

    public PackageManifest? Manifest { get; init; }

    public string? LocalPath { get; init; }

    /// <summary>For local packages <c>file:</c> + relative path; for tarball URL dependencies the URL.</summary>
    public string? Resolved { get; init; }

    /// <summary>Integrity computed from a tarball URL dependency's archive.</summary>
    public string? Integrity { get; init; }

    public string Chain { get; init; } = string.Empty;

    /// <summary>The chain of the dependent that asked for this node (<see cref="Chain"/> without the last link).</summary>
    public string RequiredBy { get; init; } = string.Empty;

    /// <summary>The spec it was asked for with, as written.</summary>
    public string RequestedSpec { get; init; } = string.Empty;

    public IReadOnlyList<string> BundleDependencies { get; init; } = [];

    public ResolvedPackage? FromLock { get; init; }

    /// <summary>Why the package could not be loaded: a failure node, reported only if the tree still needs it at the end.</summary>
    public Diagnostic? Error { get; init; }

    /// <summary>For a virtual root: the node whose dependencies it models (arborist's sourceReference).</summary>
    public TreeNode? SourceReference { get; init; }

    public bool IsTop => Parent is null;

    public TreeNode Root
    {
        get
        {
            var n = this;
            while (n.Parent is not null)
            {
                n = n.Parent;
            }

            return n;
        }
    }

    public int Depth => Parent is null ? 0 : Parent.Depth + 1;

    public string Location => Parent is null ? string.Empty : (Parent.Parent is null ? "" : Parent.Location + "/") + "node_modules/" + Name;

    public Edge? EdgeOut(string name) => _edgesByName.GetValueOrDefault(name);

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

    public IEnumerable<TreeNode> Ancestry()
    {
        for (var n = this; n is not null; n = n.Parent)
        {
            yield return n;
        }
    }

    public bool IsDescendantOf(TreeNode node) => Ancestry().Any(a => ReferenceEquals(a, node));

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

    public IEnumerable<TreeNode> SelfAndDescendants() => Descendants().Prepend(this);

    /// <summary>Edges that resolve to this node: only nodes under its parent can reach it by walking up.</summary>
    public List<Edge> EdgesIn()
    {
        var result = new List<Edge>();
        if (Parent is null)
        {
            return result;
        }

        foreach (var n in Parent.SelfAndDescendants())
        {
            if (n.EdgeOut(Name) is { } e && ReferenceEquals(n.Resolve(Name), this))
            {
                result.Add(e);
            }
        }

        return result;
    }

    /// <summary>Moves this node (with its subtree) under <paramref name="parent"/>, evicting what had its name there.</summary>
    public void AttachTo(TreeNode parent)
    {
        if (ReferenceEquals(Parent, parent) && parent.Children.TryGetValue(Name, out var same) && ReferenceEquals(same, this))
        {
            return;
        }

        Detach();
        if (parent.Children.TryGetValue(Name, out var current))
        {
            current.Detach();
        }

        parent.Children[Name] = this;
        Parent = parent;
    }

    /// <summary>Takes the place of <paramref name="old"/>, adopting its children (arborist's replace).</summary>
    public void Replace(TreeNode old)
    {
        var parent = old.Parent!;
        foreach (var kid in old.Children.Values.ToList())
        {
            kid.AttachTo(this);
        }

        AttachTo(parent);
    }

    /// <summary>Removes this node and its subtree from the tree (arborist's <c>node.root = null</c>).</summary>
    public void Detach()
    {
        if (Parent is not null && Parent.Children.TryGetValue(Name, out var same) && ReferenceEquals(same, this))
        {
            Parent.Children.Remove(Name);
        }

        Parent = null;
    }

    /// <summary>A fresh node for the same package, with no parent, children or edge state (what PlaceDep puts in the tree).</summary>
    public TreeNode Copy() => new(Name, PackageName, Version, Declared)
    {
        Manifest = Manifest,
        LocalPath = LocalPath,
        Resolved = Resolved,
        Integrity = Integrity,
        Chain = Chain,
        RequiredBy = RequiredBy,
        RequestedSpec = RequestedSpec,
        BundleDependencies = BundleDependencies,
        FromLock = FromLock,
        Error = Error,
    };

    public override string ToString() => $"{Location} {PackageName}@{Version}";
}
