using Bundler.Core.Diagnostics;

namespace Bundler.Core.Resolution;

/// <summary>Loading nodes for edges, with their peer sets, in virtual roots (build-ideal-tree.js #nodeFromEdge, #loadPeerSet).</summary>
internal sealed partial class TreeBuilder
{
    private readonly PackumentProvider _packuments;
    private readonly LocalPackages _locals;
    private readonly ITarballManifestSource? _tarballs;
    private readonly Dictionary<TreeNode, TreeNode> _virtualRoots = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TreeNode, TreeNode> _peerSetSource = new(ReferenceEqualityComparer.Instance);

    /// <summary>A detached node with <paramref name="source"/>'s dependencies: where a new dep and its peers are loaded
    /// before placement, so the peers agree with what the dependent itself asks for.</summary>
    private TreeNode VirtualRoot(TreeNode source, bool reuse)
    {
        if (reuse && _virtualRoots.TryGetValue(source, out var existing))
        {
            return existing;
        }

        var vr = new TreeNode(source.Name, source.PackageName, source.Version, source.Declared)
        {
            SourceReference = source,
            Chain = source.Chain,
            LocalPath = source.LocalPath,
        };
        _virtualRoots[source] = vr;
        return vr;
    }

    /// <summary>Loads a node for <paramref name="edge"/> into <paramref name="parent"/> (by default a fresh virtual
    /// root of the dependent), then its peers beside it. With <paramref name="secondEdge"/>, a peer's own wish is tried
    /// too and kept when it also satisfies the dependent's edge.</summary>
    private async Task<TreeNode> NodeFromEdgeAsync(Edge edge, TreeNode? parent, Edge? secondEdge, HashSet<TreeNode> required, CancellationToken cancellationToken)
    {
        parent ??= VirtualRoot(edge.From, reuse: false);
        var first = await NodeFromSpecAsync(edge, edge.Spec, parent, cancellationToken).ConfigureAwait(false);
        var second = secondEdge is not null && !secondEdge.Valid
            ? await NodeFromSpecAsync(edge, secondEdge.Spec with { Name = edge.Name }, parent, cancellationToken).ConfigureAwait(false)
            : null;
        var node = second is not null && edge.Valid ? second : first;
        node.AttachTo(parent);
        if ((required.Contains(edge.From) && edge.Type != EdgeType.PeerOptional)
            || (secondEdge is not null && required.Contains(secondEdge.From) && secondEdge.Type != EdgeType.PeerOptional))
        {
            required.Add(node);
        }

        if (parent.SourceReference is { } source)
        {
            _peerSetSource[node] = source;
        }

        return await LoadPeerSetAsync(node, required, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TreeNode> NodeFromSpecAsync(Edge edge, PackageSpec spec, TreeNode parent, CancellationToken cancellationToken)
    {
        var node = await CreateNodeAsync(edge.From, spec, cancellationToken).ConfigureAwait(false);
        node.AttachTo(parent);
        return node;
    }

    /// <summary>Loads the peers (and their peers) of <paramref name="node"/> beside it in its virtual root.</summary>
    private async Task<TreeNode> LoadPeerSetAsync(TreeNode node, HashSet<TreeNode> required, CancellationToken cancellationToken)
    {
        var peerEdges = node.EdgesOut.Where(e => e.IsPeer && !(e.Valid && e.To is not null)).OrderBy(e => e.Name, LocaleOrder.Instance).ToList();
        foreach (var edge in peerEdges)
        {
            if (node.Parent is not { } parent)
            {
                break; // replaced by a compatible peer meanwhile
            }

            if (edge.Valid && edge.To is not null)
            {
                continue;
            }

            var parentEdge = parent.EdgeOut(edge.Name);
            var conflictOk = !ReferenceEquals(parent.SourceReference, _root);
            if (edge.To is null)
            {
                if (parentEdge is null)
                {
                    await NodeFromEdgeAsync(edge, parent, null, required, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                // The dependent asks for this name too: use its spec, with the peer's as a hint for a version both accept.
                var dep = await NodeFromEdgeAsync(parentEdge, parent, edge, required, cancellationToken).ConfigureAwait(false);
                if (edge.Valid)
                {
                    continue;
                }

                if (conflictOk || !required.Contains(dep))
                {
                    edge.PeerConflicted = true;
                    continue;
                }

                if (node.Parent is null)
                {
                    break;
                }

                throw new IpmException(ExplainPeerSetConflict(edge, parentEdge));
            }

            // Something is there and this peer does not accept it: may what it wants replace it for everyone?
            var current = edge.To;
            var wanted = await NodeFromEdgeAsync(edge, null, null, required, cancellationToken).ConfigureAwait(false);
            if (wanted.CanReplace(current))
            {
                await NodeFromEdgeAsync(edge, parent, null, required, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (conflictOk || !required.Contains(edge.From))
            {
                continue;
            }

            throw new IpmException(ExplainPeerSetConflict(edge, parentEdge));
        }

        return node;
    }

    private static Diagnostic ExplainPeerSetConflict(Edge edge, Edge? currentEdge)
    {
        var current = edge.From.Resolve(edge.Name);
        var by = currentEdge is null ? current?.Chain : currentEdge.From.Chain + " > " + currentEdge.Spec;
        return Messages.PeerConflict(edge.Name, edge.Spec.Raw, edge.From.Chain, edge.From.PackageName + "@" + edge.From.Version, edge.From.Chain,
            current?.Version ?? "(none)", by ?? "(nothing)");
    }

    /// <summary>
    /// Failed dependencies stay in the tree as failure nodes until the end (as in arborist): one the root needs
    /// without an optional edge on the way is an error; otherwise it and what only it needed are dropped, with a warning.
    /// </summary>
    private void DropFailedOptional()
    {
        var attached = _placedFailures.Where(f => ReferenceEquals(f.Root, _root)).ToList();
        if (attached.Count == 0)
        {
            return;
        }

        var required = RequiredNodes(_root);
        if (attached.FirstOrDefault(required.Contains) is { } fatal)
        {
            throw new IpmException(fatal.Error!);
        }

        var inert = new HashSet<TreeNode>(ReferenceEqualityComparer.Instance);
        foreach (var failure in attached)
        {
            inert.UnionWith(DepSets.OptionalSet(failure, inert));
            Log.Report(Messages.OptionalSkipped(failure.Name, failure.RequestedSpec, failure.RequiredBy, failure.Error!.Message));
        }

        foreach (var n in inert)
        {
            n.Detach();
        }
    }

    /// <summary>Nodes reached from the root without crossing an optional edge; the rest are optional, as npm marks them.</summary>
    internal static HashSet<TreeNode> RequiredNodes(TreeNode root)
    {
        var seen = new HashSet<TreeNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<TreeNode>([root]);
        while (stack.TryPop(out var n))
        {
            if (!seen.Add(n))
            {
                continue;
            }

            foreach (var e in n.EdgesOut.Where(e => !e.IsOptional))
            {
                if (e.To is { } d)
                {
                    stack.Push(d);
                }
            }
        }

        return seen;
    }

    /// <summary>
    /// Extraneous nodes: those no edge from the root reaches (left over after a replacement or a changed range). As
    /// in arborist's calcDepFlags, an optional peer edge alone does not keep a node.
    /// </summary>
    internal static HashSet<TreeNode> Extraneous(TreeNode root)
    {
        var reached = new HashSet<TreeNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<TreeNode>([root]);
        while (stack.TryPop(out var n))
        {
            if (!reached.Add(n))
            {
                continue;
            }

            foreach (var e in n.EdgesOut)
            {
                if (e.Type != EdgeType.PeerOptional && e.To is { } to)
                {
                    stack.Push(to);
                }
            }
        }

        return new HashSet<TreeNode>(root.Descendants().Where(n => !reached.Contains(n)), ReferenceEqualityComparer.Instance);
    }

    /// <summary>
    /// npm prunes extraneous nodes only when it started from a lock and something changed; otherwise they stay in the
    /// tree (and its lock, flagged), where they can still shape a later re-resolution. The caller keeps them out of the bundle.
    /// </summary>
    private static void PruneExtraneous(TreeNode root, bool prune)
    {
        if (prune)
        {
            foreach (var n in Extraneous(root))
            {
                n.Detach();
            }
        }
    }
}
