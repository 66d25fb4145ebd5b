using Bundler.Core.Diagnostics;

namespace Bundler.Core.Resolution;

/// <summary>
/// arborist's place-dep.js: puts <see cref="Dep"/> (a node in a virtual root, loaded with its peer set) into the
/// tree for <see cref="Edge"/>: walks up from the deepest allowed folder while <see cref="CanPlaceDep"/> does not
/// conflict, takes the highest such folder, replaces or keeps what is there, prunes what became redundant, and then
/// places the dep's unmet peers next to it (<see cref="Children"/>).
/// </summary>
internal sealed partial class PlaceDep
{
    private readonly TreeBuilder _builder;

    public PlaceDep(TreeBuilder builder, TreeNode dep, Edge edge, PlaceDep? parent)
    {
        _builder = builder;
        Dep = dep;
        Edge = edge;
        Parent = parent;
        Top = parent?.Top ?? this;
        Current = edge.To;
        if (edge.To is not null && edge.Valid)
        {
            return; // nothing to do: the edge is fine as it is
        }

        Run();
    }

    public TreeNode Dep { get; }

    public Edge Edge { get; }

    public PlaceDep? Parent { get; }

    public PlaceDep Top { get; }

    public TreeNode? Current { get; }

    public CanPlaceDep? CanPlace { get; private set; }

    public CanPlaceDep? CanPlaceSelf { get; private set; }

    public TreeNode? Placed { get; private set; }

    public List<PlaceDep> Children { get; } = [];

    /// <summary>Nodes whose dependencies must be looked at again (their peer sets were pruned for a replacement).</summary>
    public HashSet<TreeNode> NeedEvaluation { get; } = new(ReferenceEqualityComparer.Instance);

    private string Name => Edge.Name;

    private void Run()
    {
        foreach (var candidate in StartNode().Ancestry())
        {
            // A folder whose package has this name as a peer cannot hold it (the peer must sit beside that package).
            if (!candidate.IsTop && candidate.EdgeOut(Name) is { IsPeer: true })
            {
                continue;
            }

            var check = new CanPlaceDep(Dep, candidate, Edge, Parent?.CanPlace, preferDedupe: false);
            if (check.CanPlaceSelf != Placement.Conflict)
            {
                CanPlaceSelf = check;
            }

            if (check.CanPlace == Placement.Conflict)
            {
                break;
            }

            CanPlace = check;
            if (Dep.IsFailure)
            {
                break; // goes where first asked; it is reported or dropped at the end anyway
            }
        }

        if (CanPlace is null)
        {
            if (IsMine)
            {
                throw new IpmException(ExplainConflict());
            }

            if (CanPlaceSelf is null)
            {
                WarnPeerConflict(Edge, Dep);
                return;
            }

            CanPlace = CanPlaceSelf;
        }

        var target = CanPlace.Target;
        var placement = CanPlace.CanPlace == Placement.Conflict ? CanPlace.CanPlaceSelf : CanPlace.CanPlace;
        if (placement == Placement.Keep)
        {
            if (Edge.IsPeer && !Edge.Valid)
            {
                WarnPeerConflict(Edge, Dep);
            }

            PruneDedupable(target);
            return;
        }

        for (var p = target; p is not null; p = p.Parent)
        {
            if (p.Matches(Dep) && !p.IsTop)
            {
                // npm links back to the ancestor in a loop like a1 > b1 > a2 > b2 > a1; a bundle has no links.
                throw new IpmException(Messages.DependencyLoopNeedsLink(Dep.Name, Dep.Version, Edge.ToString()));
            }
        }

        var virtualRoot = Dep.Parent;
        Placed = Dep.Copy();
        if (target.Children.TryGetValue(Name, out var oldDep))
        {
            ReplaceOldDep(oldDep);
        }
        else
        {
            Placed.AttachTo(target);
        }

        if (Edge.IsPeer && !Placed.Satisfies(Edge))
        {
            WarnPeerConflict(Edge, Dep);
        }

        if (Edge.To is { } to && !ReferenceEquals(to, Placed) && Edge.Valid)
        {
            PruneDedupable(to, descend: false);
        }

        // Copies deeper down that this one now makes redundant.
        foreach (var node in target.Root.SelfAndDescendants().Where(n => string.Equals(n.Name, Name, StringComparison.Ordinal)).ToList())
        {
            if (node.IsDescendantOf(target) && !node.IsTop)
            {
                PruneDedupable(node, descend: false);
                if (ReferenceEquals(node.Root, target.Root))
                {
                    foreach (var kid in node.Children.Values.ToList())
                    {
                        PruneDedupable(kid, descend: false);
                    }
                }
            }
        }

        foreach (var peerEdge in Placed.EdgesOut)
        {
            if (peerEdge.Valid || !peerEdge.IsPeer || peerEdge.PeerConflicted)
            {
                continue;
            }

            // Peers come from the same virtual root, where the peer set was loaded; one missing there is an optional peer.
            if (virtualRoot?.Children.GetValueOrDefault(peerEdge.Name) is { } peer && peer.Satisfies(peerEdge))
            {
                Children.Add(new PlaceDep(_builder, peer, peerEdge, this));
            }
        }
    }

    /// <summary>A peer must sit at least as high as its dependent; everything else starts at its dependent.</summary>
    private TreeNode StartNode() => DepSets.DeepestNestingTarget(Parent?.StartNode() ?? Edge.From, Name);

    /// <summary>The conflict is the project's own (a root dependency, or a peer the root brought in): an error.</summary>
    private bool IsMine
    {
        get
        {
            var edge = Top.Edge;
            var node = edge.From;
            if (node.IsTop)
            {
                return true;
            }

            if (!edge.IsPeer)
            {
                return false;
            }

            var hasPeerEdges = false;
            foreach (var e in node.EdgesIn())
            {
                if (e.IsPeer)
                {
                    hasPeerEdges = true;
                }
                else if (e.From.IsTop)
                {
                    return true;
                }
            }

            return hasPeerEdges && DepSets.PeerEntrySets(node).Any(s => s.Entry.From.IsTop);
        }
    }

    private void WarnPeerConflict(Edge edge, TreeNode dep)
    {
        edge.PeerConflicted = true;
        var current = edge.From.Resolve(edge.Name);
        _builder.Log.Report(Messages.PeerConflictOverridden(edge.Name, edge.Spec.Raw, edge.From.Chain, dep.Version,
            current?.Version, current?.Chain));
    }
}
