using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;
using Bundler.Core.Versioning;

namespace Bundler.Core.Resolution;

/// <summary>
/// Builds the node_modules tree as npm's arborist does: nodes are processed breadth-first (by depth, then path);
/// each missing or invalid dependency gets a version picked from its packument and is placed as high as it can go
/// without conflicting with a package already there (hoisting), else nested under the dependent.
/// Starting from a seed tree (the lock), only invalid edges are re-resolved, so a changed range moves only what it must.
/// </summary>
internal sealed partial class TreeBuilder
{
    private readonly PackumentProvider _packuments;
    private readonly LocalPackages _locals;
    private readonly IBundleLog _log;
    // Keys are taken when a node is queued: a SortedSet must never see an element's key change (a replaced node's
    // Depth and Location do when it is detached), or Min and Remove stop agreeing and the loop never ends.
    private readonly SortedSet<QueueEntry> _queue = new(QueueOrder.Instance);
    private long _queued;

    public TreeBuilder(PackumentProvider packuments, LocalPackages locals, IBundleLog log)
    {
        _packuments = packuments;
        _locals = locals;
        _log = log;
    }

    public async Task<TreeNode> BuildAsync(TreeNode root, CancellationToken cancellationToken)
    {
        Enqueue(root);
        foreach (var n in root.Descendants())
        {
            Enqueue(n);
        }

        while (_queue.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = _queue.Min;
            _queue.Remove(entry);
            var node = entry.Node;
            if (!IsAttached(node))
            {
                continue;
            }

            if (node.Depth != entry.Depth || !string.Equals(node.Location, entry.Location, StringComparison.Ordinal))
            {
                Enqueue(node); // moved since it was queued: take its place in the order again
                continue;
            }

            var problems = node.Edges.Where(e => !IsValid(node, e)).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
            _packuments.Prefetch(problems.Where(e => e.Spec.Kind is SpecKind.Registry or SpecKind.Alias).Select(e => e.Spec.PackageName), cancellationToken);
            foreach (var edge in problems)
            {
                if (IsValid(node, edge))
                {
                    continue; // placed meanwhile by an earlier edge of the same node (a peer, a shared dependency)
                }

                var dep = await CreateNodeAsync(node, edge, cancellationToken).ConfigureAwait(false);
                if (dep is not null)
                {
                    Place(node, edge, dep);
                }
            }
        }

        Prune(root);
        return root;
    }

    private static bool IsAttached(TreeNode node)
    {
        for (var n = node; n.Parent is not null; n = n.Parent)
        {
            if (!n.Parent.Children.TryGetValue(n.Name, out var same) || !ReferenceEquals(same, n))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsValid(TreeNode from, Edge edge)
    {
        if (from.Parent is not null && from.LocalPath is null && from.BundleDependencies.Contains(edge.Name, StringComparer.Ordinal))
        {
            return true; // arrives inside the dependent's own tarball
        }

        var target = from.Resolve(edge.Name);
        if (target is null)
        {
            // A missing optional peer is fine; a missing optional dependency is re-tried (and warned about once).
            return edge.Type == EdgeType.PeerOptional || (edge.IsOptional && _failedOptional.Contains(Key(from, edge)));
        }

        return Satisfies(target, edge);
    }

    internal static bool Satisfies(TreeNode node, Edge edge)
    {
        var spec = edge.Spec;
        switch (spec.Kind)
        {
            case SpecKind.Directory:
                return node.LocalPath is not null && string.Equals(node.LocalPath, spec.Range, StringComparison.Ordinal);
            case SpecKind.Tarball:
                return string.Equals(node.Resolved, spec.Range, StringComparison.Ordinal);
            case SpecKind.Git:
                return false;
        }

        if (!string.Equals(node.PackageName, spec.PackageName, StringComparison.Ordinal) || !NpmVersion.TryParse(node.Version, out var v))
        {
            return false;
        }

        return NpmRange.TryParse(spec.Range, out var range) ? range!.IsSatisfiedBy(v!) : node.TagMatches(spec.Range);
    }

    private void Enqueue(TreeNode node) => _queue.Add(new QueueEntry(node.Depth, node.Location, _queued++, node));

    private readonly record struct QueueEntry(int Depth, string Location, long Sequence, TreeNode Node);

    /// <summary>Breadth-first as arborist's queue: by depth, then location; queue order breaks ties.</summary>
    private sealed class QueueOrder : IComparer<QueueEntry>
    {
        public static readonly QueueOrder Instance = new();

        public int Compare(QueueEntry x, QueueEntry y)
        {
            var d = x.Depth.CompareTo(y.Depth);
            if (d != 0)
            {
                return d;
            }

            var p = string.CompareOrdinal(x.Location, y.Location);
            return p != 0 ? p : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
