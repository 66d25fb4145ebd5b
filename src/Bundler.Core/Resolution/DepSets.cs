namespace Bundler.Core.Resolution;

/// <summary>arborist's graph helpers: gather-dep-set, peer-entry-sets, deepest-nesting-target, optional-set.</summary>
internal static class DepSets
{
    /// <summary>
    /// The nodes of <paramref name="start"/> plus everything they depend on (through edges <paramref name="filter"/>
    /// accepts), minus any node that something outside the set still depends on.
    /// </summary>
    public static HashSet<TreeNode> Gather(IEnumerable<TreeNode> start, Func<Edge, bool> filter)
    {
        var deps = new HashSet<TreeNode>(ReferenceEqualityComparer.Instance);
        var order = new List<TreeNode>();
        foreach (var n in start)
        {
            if (deps.Add(n))
            {
                order.Add(n);
            }
        }

        for (var i = 0; i < order.Count; i++)
        {
            foreach (var edge in order[i].EdgesOut)
            {
                if (edge.To is { } to && filter(edge) && deps.Add(to))
                {
                    order.Add(to);
                }
            }
        }

        var changed = true;
        while (changed && deps.Count > 0)
        {
            changed = false;
            foreach (var dep in deps.ToList())
            {
                if (dep.EdgesIn().Any(e => !deps.Contains(e.From) && filter(e)))
                {
                    deps.Remove(dep);
                    changed = true;
                }
            }
        }

        return deps;
    }

    /// <summary>
    /// The peer sets <paramref name="node"/> belongs to, keyed by the edge that brought each set in (a non-peer edge,
    /// or a peer edge from a top node).
    /// </summary>
    public static List<(Edge Entry, HashSet<TreeNode> Set)> PeerEntrySets(TreeNode node)
    {
        var union = new List<TreeNode> { node };
        var seen = new HashSet<TreeNode>(ReferenceEqualityComparer.Instance) { node };
        for (var i = 0; i < union.Count; i++)
        {
            var n = union[i];
            foreach (var e in n.EdgesOut)
            {
                if (e.IsPeer && e.To is { } to && e.Valid && seen.Add(to))
                {
                    union.Add(to);
                }
            }

            foreach (var e in n.EdgesIn())
            {
                if (e.IsPeer && e.Valid && seen.Add(e.From))
                {
                    union.Add(e.From);
                }
            }
        }

        var result = new List<(Edge, HashSet<TreeNode>)>();
        foreach (var peer in union)
        {
            foreach (var edge in peer.EdgesIn())
            {
                if (!edge.Valid || (edge.IsPeer && !edge.From.IsTop))
                {
                    continue;
                }

                var sub = new HashSet<TreeNode>(ReferenceEqualityComparer.Instance) { peer };
                var queue = new List<TreeNode> { peer };
                for (var i = 0; i < queue.Count; i++)
                {
                    foreach (var e in queue[i].EdgesOut)
                    {
                        if (e.IsPeer && e.To is { } to && e.Valid && sub.Add(to))
                        {
                            queue.Add(to);
                        }
                    }
                }

                if (sub.Contains(node))
                {
                    result.Add((edge, sub));
                }
            }
        }

        return result;
    }

    /// <summary>The deepest folder at or above <paramref name="start"/> where <paramref name="name"/> may go: above
    /// any node that has it as a peer (a peer can never be nested inside its dependent).</summary>
    public static TreeNode DeepestNestingTarget(TreeNode start, string? name)
    {
        foreach (var target in start.Ancestry())
        {
            if (target.Parent is null)
            {
                return target;
            }

            var edge = name is null ? null : target.EdgeOut(name);
            if (edge is null || !edge.IsPeer)
            {
                return target;
            }
        }

        return start.Root;
    }

    /// <summary>
    /// When an optional dependency fails: the nodes to drop, from the failed one up to the first optional edge, plus
    /// what only they needed; edges from nodes already in <paramref name="inert"/> do not keep anything.
    /// </summary>
    public static HashSet<TreeNode> OptionalSet(TreeNode node, ISet<TreeNode> inert)
    {
        var set = new HashSet<TreeNode>(ReferenceEqualityComparer.Instance) { node };
        var list = new List<TreeNode> { node };
        for (var i = 0; i < list.Count; i++)
        {
            foreach (var e in list[i].EdgesIn())
            {
                if (!e.IsOptional && set.Add(e.From))
                {
                    list.Add(e.From);
                }
            }
        }

        return Gather(list, e => !set.Contains(e.To!) && !inert.Contains(e.From));
    }
}
