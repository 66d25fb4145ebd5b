using Bundler.Core.Versioning;

namespace Bundler.Core.Resolution;

internal enum Placement
{
    Conflict,
    Ok,
    Replace,
    Keep,
}

/// <summary>
/// arborist's can-place-dep.js: may <see cref="Dep"/> go into <see cref="Target"/>'s node_modules for
/// <see cref="Edge"/>, together with its peers? Reads the tree, never changes it. KEEP when what is there already
/// does, REPLACE when the newer version may take the place of the one there, OK when the name is free there and
/// nothing below would be shadowed, else CONFLICT (preferDedupe off, except for peers).
/// </summary>
internal sealed class CanPlaceDep
{
    private Placement? _peers;

    public CanPlaceDep(TreeNode dep, TreeNode target, Edge edge, CanPlaceDep? parent = null, IReadOnlyList<TreeNode>? peerPath = null, bool preferDedupe = false)
    {
        Dep = dep;
        Target = target;
        Edge = edge;
        Parent = parent;
        PeerPath = peerPath ?? [];
        PreferDedupe = preferDedupe || edge.IsPeer;
        Current = target.Children.GetValueOrDefault(edge.Name);
        TargetEdge = target.EdgeOut(edge.Name);
        EdgeOverride = !dep.Satisfies(edge);
        CanPlace = Check();
        CanPlaceSelf ??= CanPlace;
    }

    public TreeNode Dep { get; }

    public TreeNode Target { get; }

    public Edge Edge { get; }

    public CanPlaceDep? Parent { get; }

    public IReadOnlyList<TreeNode> PeerPath { get; }

    public bool PreferDedupe { get; }

    public TreeNode? Current { get; }

    public Edge? TargetEdge { get; }

    /// <summary>The dep does not satisfy the edge (a peer overridden while its set was built).</summary>
    public bool EdgeOverride { get; }

    public Placement CanPlace { get; }

    /// <summary>The verdict for the dep alone, before its peers were checked.</summary>
    public Placement? CanPlaceSelf { get; private set; }

    public List<CanPlaceDep> Children { get; } = [];

    public string Name => Edge.Name;

    public CanPlaceDep Top => Parent?.Top ?? this;

    public Edge PeerEntryEdge => Top.Edge;

    public IEnumerable<CanPlaceDep> ConflictChildren => AllChildren().Where(c => c.CanPlace == Placement.Conflict);

    private TreeNode DeepestNestingTarget => DepSets.DeepestNestingTarget(Parent?.DeepestNestingTarget ?? Edge.From, Name);

    private Placement Check()
    {
        if (Dep.IsFailure)
        {
            return Current is not null ? Placement.Replace : Placement.Ok; // placed where asked; reported or dropped at the end
        }

        if (TargetEdge is { IsPeer: true } && !Target.IsTop)
        {
            return Placement.Conflict; // a peer never goes inside its dependent
        }

        if (Current is null && TargetEdge is not null && !Dep.Satisfies(TargetEdge) && !ReferenceEquals(TargetEdge, Edge))
        {
            return Placement.Conflict;
        }

        return Current is not null ? CheckCurrent(Current) : CheckNoCurrent();
    }

    private Placement CheckCurrent(TreeNode current)
    {
        if (Dep.Matches(current) && (current.Satisfies(Edge) || EdgeOverride))
        {
            return Placement.Keep;
        }

        var tryReplace = NpmVersion.TryParse(current.Version, out var cur) && NpmVersion.TryParse(Dep.Version, out var next) && next!.CompareTo(cur) >= 0;
        if (tryReplace && Dep.CanReplace(current))
        {
            var peers = CanPlacePeers(Placement.Replace);
            if (peers != Placement.Conflict)
            {
                return peers;
            }
        }

        if (current.Satisfies(Edge))
        {
            return Placement.Keep;
        }

        if (PreferDedupe && !tryReplace && Dep.CanReplace(current))
        {
            var peers = CanPlacePeers(Placement.Replace);
            if (peers != Placement.Conflict)
            {
                return peers;
            }
        }

        // The deepest place the dep can go, and the one there could go deeper: push the current one down.
        if (!ReferenceEquals(Target, DeepestNestingTarget))
        {
            return Placement.Conflict;
        }

        if (!Edge.IsPeer && ReferenceEquals(Target, Edge.From))
        {
            return CanPlacePeers(Placement.Replace);
        }

        if (Parent is null && !Edge.IsPeer)
        {
            return Placement.Conflict;
        }

        return CanReplacePeerSets(current) ? CanPlacePeers(Placement.Replace) : Placement.Conflict;
    }

    /// <summary>Every peer set the current node belongs to can be replaced by the new set, clobbered, or nested deeper.</summary>
    private bool CanReplacePeerSets(TreeNode current)
    {
        var replacements = Dep.Parent?.Children ?? new SortedDictionary<string, TreeNode>(StringComparer.Ordinal);
        var canReplace = true;
        foreach (var (entryEdge, currentPeers) in DepSets.PeerEntrySets(current))
        {
            if (ReferenceEquals(entryEdge, Edge) || ReferenceEquals(entryEdge, PeerEntryEdge))
            {
                continue;
            }

            var entryNode = entryEdge.To!;
            var entryRep = replacements.GetValueOrDefault(entryNode.Name);
            if (entryRep is not null && entryRep.CanReplace(entryNode, replacements.Keys))
            {
                continue;
            }

            if (entryRep is null && CanClobber(entryNode, replacements))
            {
                continue;
            }

            foreach (var currentPeer in currentPeers)
            {
                var curDeep = DepSets.DeepestNestingTarget(entryEdge.From, currentPeer.Name);
                if (ReferenceEquals(curDeep, Target) || Target.IsDescendantOf(curDeep))
                {
                    canReplace = false;
                    break;
                }
            }
        }

        return canReplace;
    }

    private static bool CanClobber(TreeNode entryNode, SortedDictionary<string, TreeNode> replacements)
    {
        var walk = new List<TreeNode> { entryNode };
        var seen = new HashSet<TreeNode>(ReferenceEqualityComparer.Instance) { entryNode };
        for (var i = 0; i < walk.Count; i++)
        {
            foreach (var edge in walk[i].EdgesOut)
            {
                if (!edge.IsPeer || !edge.Valid)
                {
                    continue;
                }

                if (!replacements.TryGetValue(edge.Name, out var rep))
                {
                    if (edge.To is { } to && seen.Add(to))
                    {
                        walk.Add(to);
                    }

                    continue;
                }

                if (!rep.Satisfies(edge))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private Placement CheckNoCurrent()
    {
        // Whoever below the target now finds this name further up must accept the dep, or it would be shadowed.
        var current = ReferenceEquals(Target, PeerEntryEdge.From) ? null : Target.Resolve(Name);
        if (current is not null)
        {
            foreach (var edge in current.EdgesIn())
            {
                if (edge.From.IsDescendantOf(Target) && edge.Valid && !Dep.Satisfies(edge))
                {
                    return Placement.Conflict;
                }
            }
        }

        return CanPlacePeers(Placement.Ok);
    }

    private Placement CanPlacePeers(Placement state)
    {
        CanPlaceSelf = state;
        if (_peers is { } known)
        {
            return known;
        }

        var peerPath = PeerPath.Append(Dep).ToList();
        var sawConflict = false;
        foreach (var peerEdge in Dep.EdgesOut)
        {
            if (!peerEdge.IsPeer || peerEdge.To is not { } peer || peerPath.Contains(peer))
            {
                continue;
            }

            var target = DepSets.DeepestNestingTarget(Target, peer.Name);
            var check = new CanPlaceDep(peer, target, peerEdge, this, peerPath, preferDedupe: true);
            Children.Add(check);
            sawConflict |= check.CanPlace == Placement.Conflict;
        }

        _peers = sawConflict ? Placement.Conflict : state;
        return _peers.Value;
    }

    private List<CanPlaceDep> AllChildren()
    {
        var all = new List<CanPlaceDep>(Children);
        for (var i = 0; i < all.Count; i++)
        {
            all.AddRange(all[i].Children.Where(c => !all.Contains(c)));
        }

        return all;
    }
}
