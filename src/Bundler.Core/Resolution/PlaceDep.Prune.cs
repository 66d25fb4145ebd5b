using Bundler.Core.Diagnostics;

namespace Bundler.Core.Resolution;

/// <summary>The tree surgery of a placement: replacing a node, pruning what it leaves behind, explaining conflicts.</summary>
internal sealed partial class PlaceDep
{
    private void ReplaceOldDep(TreeNode oldDep)
    {
        var target = oldDep.Parent!;

        // Dependencies only the old node had (and only it used) go with it, so a cycle it closed cannot block anything.
        var oldDeps = new List<TreeNode>();
        foreach (var edge in oldDep.EdgesOut)
        {
            if (Placed!.EdgeOut(edge.Name) is null && edge.To is { } to)
            {
                oldDeps.AddRange(DepSets.Gather([to], e => !ReferenceEquals(e.To, to)));
            }
        }

        // Peer sets at this level the new node does not satisfy: re-placed deeper when they can go deeper.
        var prunePeerSets = new List<TreeNode>();
        foreach (var edge in oldDep.EdgesIn())
        {
            if (Placed!.Satisfies(edge) || !edge.IsPeer || !ReferenceEquals(edge.From.Parent, target) || edge.PeerConflicted)
            {
                continue;
            }

            foreach (var (entryEdge, _) in DepSets.PeerEntrySets(edge.From))
            {
                var entryNode = entryEdge.To!;
                if (!ReferenceEquals(DepSets.DeepestNestingTarget(entryNode, null), target) && !entryEdge.From.IsTop)
                {
                    prunePeerSets.AddRange(DepSets.Gather([entryNode], e => !ReferenceEquals(e.To, entryNode) && !e.PeerConflicted));
                }
                else
                {
                    WarnPeerConflict(edge, Dep);
                }
            }
        }

        Placed!.Replace(oldDep);
        PruneForReplacement(Placed, oldDeps);
        foreach (var dep in prunePeerSets)
        {
            foreach (var edge in dep.EdgesIn())
            {
                NeedEvaluation.Add(edge.From);
            }

            dep.Detach();
        }
    }

    private static void PruneForReplacement(TreeNode node, List<TreeNode> oldDeps)
    {
        var invalid = new List<TreeNode>();
        foreach (var e in node.EdgesOut)
        {
            if (e.To is { } to && !e.Valid)
            {
                invalid.Add(to);
            }
        }

        foreach (var dep in oldDeps)
        {
            invalid.AddRange(DepSets.Gather([dep], e => !ReferenceEquals(e.To, dep) && e.Valid));
        }

        foreach (var dep in DepSets.Gather(invalid, e => !ReferenceEquals(e.From, node) && !ReferenceEquals(e.To, node) && e.Valid))
        {
            dep.Detach();
        }
    }

    /// <summary>Removes <paramref name="node"/> (and what only it needed) when a copy further up serves its dependents.</summary>
    private static void PruneDedupable(TreeNode node, bool descend = true)
    {
        if (node.CanDedupe())
        {
            foreach (var dep in DepSets.Gather([node], e => !ReferenceEquals(e.To, node) && e.Valid))
            {
                dep.Detach();
            }

            return;
        }

        if (descend)
        {
            foreach (var child in node.Children.Values.OrderBy(c => c.Location, LocaleOrder.Instance).ToList())
            {
                PruneDedupable(child);
            }
        }
    }

    /// <summary>arborist's explainPeerConflict, reduced to the two requirement chains that disagree.</summary>
    private Diagnostic ExplainConflict()
    {
        Edge wanting;
        TreeNode? found;
        if (Parent is not null)
        {
            wanting = Edge;
            found = Current ?? Top.Edge.From.Resolve(Name);
        }
        else if (CanPlaceSelf is { CanPlaceSelf: not Placement.Conflict } self
            && self.ConflictChildren.FirstOrDefault(c => c.Current is not null) is { } peer)
        {
            wanting = peer.Edge;
            found = peer.Current;
        }
        else
        {
            wanting = Edge;
            found = Current;
        }

        return Messages.PeerConflict(wanting.Name, wanting.Spec.Raw, wanting.From.Chain, Top.Dep.PackageName + "@" + Top.Dep.Version, Top.Edge.From.Chain,
            found?.Version ?? "(none)", found?.Chain ?? "(nothing)");
    }
}
