using Bundler.Core.Diagnostics;

namespace Bundler.Core.Resolution;

/// <summary>
/// Builds the node_modules tree as npm's arborist (build-ideal-tree.js) does: nodes are taken from a queue ordered by
/// depth, then path; each one's missing or invalid dependencies are loaded (with their peer sets, in a virtual root)
/// and placed by <see cref="PlaceDep"/> as high as they can go. Starting from a seed tree (the lock), only nodes
/// with missing or invalid edges are looked at, so a changed range moves only what it must.
/// </summary>
internal sealed partial class TreeBuilder
{
    private readonly DepsQueue _queue = new();
    private readonly HashSet<TreeNode> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly List<TreeNode> _placedFailures = [];
    private TreeNode _root = null!;
    private bool _mutated;

    public TreeBuilder(PackumentProvider packuments, LocalPackages locals, ITarballManifestSource? tarballs, IBundleLog log)
    {
        _packuments = packuments;
        _locals = locals;
        _tarballs = tarballs;
        Log = log;
    }

    public IBundleLog Log { get; }

    /// <param name="root">The project root, with the lock's tree below it when there is one.</param>
    /// <param name="seeded">The tree came from a lock.</param>
    /// <param name="rootChanged">The root's requirements differ from the lock's (arborist's "flags suspect").</param>
    /// <param name="cancellationToken">Stops the build between placements.</param>
    public async Task<TreeNode> BuildAsync(TreeNode root, bool seeded, bool rootChanged, CancellationToken cancellationToken)
    {
        _root = root;
        foreach (var node in ReachableFrom(root))
        {
            if (node.EdgesOut.Any(e => e.To is null || !e.Valid))
            {
                _queue.Push(node);
            }
        }

        _queue.Push(root);
        while (_queue.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var node = _queue.Pop();
            if (!_seen.Add(node) || !ReferenceEquals(node.Root, root))
            {
                continue;
            }

            await StepAsync(node, cancellationToken).ConfigureAwait(false);
        }

        DropFailedOptional();
        PruneExtraneous(root, seeded && (_mutated || rootChanged));
        return root;
    }

    private async Task StepAsync(TreeNode node, CancellationToken cancellationToken)
    {
        var problems = ProblemEdges(node);
        _packuments.Prefetch(problems.Where(e => e.Spec.Kind is SpecKind.Registry or SpecKind.Alias).Select(e => e.Spec.PackageName), cancellationToken);
        var peerSource = _peerSetSource.GetValueOrDefault(node) ?? node;
        var tasks = new List<(Edge Edge, TreeNode Dep)>();
        foreach (var edge in problems)
        {
            if (edge.PeerConflicted)
            {
                continue;
            }

            // Peers are loaded in the virtual root of whatever brought this node's peer set in; other deps in the node's own.
            var source = edge.IsPeer ? peerSource : node;
            var virtualRoot = VirtualRoot(source, reuse: true);
            var vrEdge = virtualRoot.EdgeOut(edge.Name);
            var vrDep = vrEdge is not null && vrEdge.Valid ? vrEdge.To : null;
            var required = new HashSet<TreeNode>(ReferenceEqualityComparer.Instance) { edge.From };
            var dep = vrDep is not null && vrDep.Satisfies(edge) ? vrDep : null;
            if (dep is null && edge.Type == EdgeType.PeerOptional)
            {
                dep = FindHoistableNode(edge.From.Parent ?? edge.From, edge);
            }

            dep ??= await NodeFromEdgeAsync(edge, edge.IsPeer ? virtualRoot : null, null, required, cancellationToken).ConfigureAwait(false);
            tasks.Add((edge, dep));
        }

        foreach (var (edge, dep) in tasks.OrderBy(t => t.Edge.Name, LocaleOrder.Instance))
        {
            Visit(new PlaceDep(this, dep, edge, null));
        }
    }

    /// <summary>Queues what a placement touched: the placed node, dependents it broke, and re-opened peer sets.</summary>
    private void Visit(PlaceDep pd)
    {
        if (pd.Placed is { } placed)
        {
            _mutated = true;
            if (placed.IsFailure)
            {
                _placedFailures.Add(placed);
            }

            foreach (var edgeIn in placed.EdgesIn())
            {
                if (!ReferenceEquals(edgeIn, pd.Edge) && !edgeIn.PeerConflicted && !edgeIn.Valid)
                {
                    _seen.Remove(edgeIn.From);
                    _queue.Push(edgeIn.From);
                }
            }

            _queue.Push(placed);
            foreach (var n in pd.NeedEvaluation)
            {
                _seen.Remove(n);
                _queue.Push(n);
            }
        }

        foreach (var child in pd.Children)
        {
            Visit(child);
        }
    }

    /// <summary>Edges to (re)resolve: missing or invalid ones, except bundled names, known failures and absent optional peers.</summary>
    private List<Edge> ProblemEdges(TreeNode node)
    {
        var problems = new List<Edge>();
        foreach (var edge in node.EdgesOut)
        {
            if (edge.IsBundled)
            {
                continue;
            }

            var to = edge.To;
            if (to is null)
            {
                if (edge.Type != EdgeType.PeerOptional)
                {
                    problems.Add(edge);
                }
            }
            else if (!to.IsFailure && !edge.Valid)
            {
                problems.Add(edge);
            }
        }

        return problems;
    }

    /// <summary>An optional peer that is not there yet may use a copy already in the tree (the closest to the root).</summary>
    private static TreeNode? FindHoistableNode(TreeNode root, Edge edge)
    {
        var queue = new Queue<TreeNode>(root.Children.Values);
        while (queue.TryDequeue(out var node))
        {
            if (string.Equals(node.Name, edge.Name, StringComparison.Ordinal) && node.Satisfies(edge))
            {
                return node;
            }

            foreach (var child in node.Children.Values)
            {
                queue.Enqueue(child);
            }
        }

        return null;
    }

    private static IEnumerable<TreeNode> ReachableFrom(TreeNode root)
    {
        var seen = new HashSet<TreeNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<TreeNode>([root]);
        while (stack.TryPop(out var n))
        {
            if (!seen.Add(n))
            {
                continue;
            }

            yield return n;
            foreach (var e in n.EdgesOut)
            {
                if (e.To is { } to)
                {
                    stack.Push(to);
                }
            }
        }
    }

    /// <summary>arborist's deps queue: each node once until re-queued, taken by depth, then path in locale order.</summary>
    private sealed class DepsQueue
    {
        private readonly List<TreeNode> _items = [];
        private bool _sorted = true;

        public int Count => _items.Count;

        public void Push(TreeNode node)
        {
            if (!_items.Contains(node))
            {
                _items.Add(node);
                _sorted = false;
            }
        }

        public TreeNode Pop()
        {
            if (!_sorted)
            {
                var ordered = _items.OrderBy(n => n.Depth).ThenBy(n => n.Location, LocaleOrder.Instance).ToList();
                _items.Clear();
                _items.AddRange(ordered);
                _sorted = true;
            }

            var first = _items[0];
            _items.RemoveAt(0);
            return first;
        }
    }
}
