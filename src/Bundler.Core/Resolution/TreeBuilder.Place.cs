using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;
using Bundler.Core.Versioning;

namespace Bundler.Core.Resolution;

internal sealed partial class TreeBuilder
{
    private readonly HashSet<string> _failedOptional = new(StringComparer.Ordinal);

    private static string Key(TreeNode from, Edge edge) => from.Location + "|" + edge.Name;

    /// <summary>Picks the version for an edge and makes a detached node for it; null when an optional edge fails.</summary>
    private async Task<TreeNode?> CreateNodeAsync(TreeNode from, Edge edge, CancellationToken cancellationToken)
    {
        var chain = from.Chain.Length == 0 ? edge.Spec.ToString() : $"{from.Chain} > {edge.Spec}";
        try
        {
            return edge.Spec.Kind switch
            {
                SpecKind.Git => throw new IpmException(Messages.GitSpecUnsupported(edge.Name, edge.Spec.Raw, from.Chain)),
                SpecKind.Directory => _locals.CreateNode(edge, from, chain),
                SpecKind.Tarball => throw new IpmException(Messages.BadSpec(edge.Spec.ToString(), "tarball URL dependencies are resolved by 'ipm lock' from a registry only")),
                _ => await FromRegistryAsync(from, edge, chain, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (IpmException ex) when (edge.IsOptional)
        {
            _log.Report(Messages.OptionalSkipped(edge.Name, edge.Spec.Raw, from.Chain, ex.Diagnostic.Message));
            _failedOptional.Add(Key(from, edge));
            return null;
        }
    }

    private async Task<TreeNode> FromRegistryAsync(TreeNode from, Edge edge, string chain, CancellationToken cancellationToken)
    {
        var name = edge.Spec.PackageName;
        var packument = await _packuments.GetAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new IpmException(Messages.PackageNotFound(name, _packuments.SourceFor(name).Display, from.Chain));
        var candidates = new List<VersionCandidate>();
        foreach (var (version, listed) in packument.Versions)
        {
            if (NpmVersion.TryParse(version, out _))
            {
                candidates.Add(new VersionCandidate(version, listed.Deprecated is not null));
            }
            else
            {
                _log.Report(Messages.UnparseableVersion(name, version));
            }
        }

        string? picked;
        try
        {
            picked = ManifestPicker.Pick(edge.Spec.Range, packument.DistTags, candidates);
        }
        catch (FormatException)
        {
            throw new IpmException(Messages.InvalidVersionRange(edge.Spec.Range, name, from.Chain));
        }

        if (picked is null)
        {
            var sorted = candidates.Select(c => NpmVersion.Parse(c.Version)).Order().Select(v => v.ToString());
            throw new IpmException(Messages.NoMatchingVersion(name, edge.Spec.Range, from.Chain, sorted));
        }

        var manifest = packument.Versions[picked];
        if (manifest.Deprecated is not null)
        {
            _log.Report(Messages.DeprecatedVersion(name, picked, manifest.Deprecated));
        }

        var node = new TreeNode(edge.Name, name, picked, parent: null)
        {
            Manifest = manifest,
            Chain = chain,
            DistTags = packument.DistTags,
            BundleDependencies = manifest.BundleDependencies,
        };
        AddEdges(node, manifest.Dependencies, manifest.OptionalDependencies, manifest.PeerDependencies, manifest.OptionalPeers, baseDirectory: null);
        return node;
    }

    /// <summary>Declares a node's outgoing edges; an optional dependency also listed in dependencies stays optional, as in npm.</summary>
    internal static void AddEdges(TreeNode node, IReadOnlyDictionary<string, string> deps, IReadOnlyDictionary<string, string> optional,
        IReadOnlyDictionary<string, string> peers, IReadOnlyList<string> optionalPeers, string? baseDirectory)
    {
        PackageSpec Spec(string n, string s) => LocalPackages.Anchor(PackageSpec.Parse(n, s), baseDirectory);

        foreach (var (n, s) in deps)
        {
            if (!optional.ContainsKey(n))
            {
                node.Edges.Add(new Edge(Spec(n, s), EdgeType.Prod));
            }
        }

        foreach (var (n, s) in optional)
        {
            node.Edges.Add(new Edge(Spec(n, s), EdgeType.Optional));
        }

        foreach (var (n, s) in peers)
        {
            if (!deps.ContainsKey(n) && !optional.ContainsKey(n))
            {
                node.Edges.Add(new Edge(Spec(n, s), optionalPeers.Contains(n, StringComparer.Ordinal) ? EdgeType.PeerOptional : EdgeType.Peer));
            }
        }
    }

    /// <summary>
    /// Puts <paramref name="dep"/> at the highest ancestor of the dependent (peers: of its parent) where no other
    /// version is in the way and no package below would be shadowed by a version it does not accept.
    /// </summary>
    private void Place(TreeNode from, Edge edge, TreeNode dep)
    {
        var start = edge.Type is EdgeType.Peer or EdgeType.PeerOptional ? from.Parent ?? from : from;
        TreeNode? target = null;
        TreeNode? replace = null;
        for (var t = start; t is not null; t = t.Parent)
        {
            if (t.Children.TryGetValue(dep.Name, out var current))
            {
                if (string.Equals(current.PackageName, dep.PackageName, StringComparison.Ordinal) && string.Equals(current.Version, dep.Version, StringComparison.Ordinal))
                {
                    return; // the same version is already here; the edge now resolves to it or is shadowed below
                }

                if (CanReplace(current, dep))
                {
                    target = t;
                    replace = current;
                    continue;
                }

                break;
            }

            if (WouldShadow(t, dep))
            {
                break;
            }

            target = t;
            replace = null;
        }

        if (target is null)
        {
            if (edge.Type is EdgeType.Peer or EdgeType.PeerOptional && start.Children.TryGetValue(dep.Name, out var blocking))
            {
                throw new IpmException(Messages.PeerConflict(edge.Name, edge.Spec.Raw, from.Chain, blocking.Version, blocking.Chain));
            }

            target = from; // conflicts all the way: nest under the dependent itself
            from.Children.TryGetValue(dep.Name, out replace);
        }

        if (replace is not null)
        {
            target.Children.Remove(replace.Name);
            replace.Parent = null;
        }

        dep.Parent = target;
        target.Children[dep.Name] = dep;
        Enqueue(dep);
    }

    /// <summary>A newer version may take the place of an older one when every package using the old one accepts it.</summary>
    private bool CanReplace(TreeNode current, TreeNode dep)
    {
        if (current.Bundled || current.LocalPath is not null || !string.Equals(current.PackageName, dep.PackageName, StringComparison.Ordinal)
            || !NpmVersion.TryParse(current.Version, out var cv) || !NpmVersion.TryParse(dep.Version, out var dv) || dv!.CompareTo(cv) <= 0)
        {
            return false;
        }

        var root = current;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        foreach (var n in root.Descendants().Prepend(root))
        {
            foreach (var e in n.Edges.Where(e => string.Equals(e.Name, current.Name, StringComparison.Ordinal)))
            {
                if (ReferenceEquals(n.Resolve(e.Name), current) && !Satisfies(dep, e))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>True when placing at <paramref name="target"/> would change, for the worse, what some package below resolves.</summary>
    private static bool WouldShadow(TreeNode target, TreeNode dep)
    {
        foreach (var n in target.Descendants().Prepend(target))
        {
            foreach (var e in n.Edges.Where(e => string.Equals(e.Name, dep.Name, StringComparison.Ordinal)))
            {
                var now = n.Resolve(e.Name);
                var resolvesAboveTarget = now is null || !IsUnder(now, target);
                if (resolvesAboveTarget && now is not null && !Satisfies(dep, e) && Satisfies(now, e))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsUnder(TreeNode node, TreeNode ancestor)
    {
        for (var n = node.Parent; n is not null; n = n.Parent)
        {
            if (ReferenceEquals(n, ancestor))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Removes nodes no edge from the root reaches any more (left over after a range changed).</summary>
    private static void Prune(TreeNode root)
    {
        var reached = new HashSet<TreeNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<TreeNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!reached.Add(n))
            {
                continue;
            }

            foreach (var e in n.Edges)
            {
                if (n.Resolve(e.Name) is { } d)
                {
                    stack.Push(d);
                }
            }

            foreach (var b in n.Children.Values.Where(c => c.Bundled))
            {
                stack.Push(b);
            }
        }

        foreach (var n in root.Descendants().ToList())
        {
            if (!reached.Contains(n) && n.Parent is not null)
            {
                n.Parent.Children.Remove(n.Name);
            }
        }
    }
}
