using System.Text;
using System.Text.Json;
using Bundler.Core.Diagnostics;
using Bundler.Core.Resolution;

namespace Bundler.Core.Pipeline;

/// <summary><c>ipm tree</c> (like <c>npm ls --all</c>) and <c>ipm why</c> (like <c>npm explain</c>), read from a resolved tree.</summary>
public static class TreeQueries
{
    /// <summary>
    /// The dependency tree as <c>npm ls --all</c> draws it: each package under the package that requires it
    /// (dependencies, optional and peer dependencies, by name), a package already shown marked <c>deduped</c>,
    /// an alias as <c>alias@npm:name@version</c>, a missing required package as <c>UNMET DEPENDENCY</c>. Packages
    /// no requirement reaches are listed last as <c>extraneous</c>.
    /// </summary>
    public static string Text(ResolvedTree tree, string rootName)
    {
        var sb = new StringBuilder(rootName).Append('\n');
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var rootEdges = tree.Requires.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value, Optional: false)).ToList();
        Children(sb, tree, string.Empty, rootEdges, string.Empty, shown);
        foreach (var p in tree.Packages.Where(p => !shown.Contains(p.Path)))
        {
            sb.Append(Label(p)).Append(" extraneous (").Append(p.Path).Append(")\n");
        }

        return sb.ToString();
    }

    private static void Children(StringBuilder sb, ResolvedTree tree, string fromPath, List<(string Name, string Spec, bool Optional)> edges, string indent, HashSet<string> shown)
    {
        // A skipped optional dependency is not in the tree and not drawn, as npm ls leaves it out.
        var drawn = edges.Select(e => (e.Name, e.Spec, e.Optional, Target: tree.ResolveFrom(fromPath, e.Name)))
            .Where(e => e.Target is not null || !e.Optional).ToList();
        for (var i = 0; i < drawn.Count; i++)
        {
            var (name, spec, _, target) = drawn[i];
            var last = i == drawn.Count - 1;
            sb.Append(indent).Append(last ? "`-- " : "+-- ");
            if (target is null)
            {
                sb.Append("UNMET DEPENDENCY ").Append(name).Append('@').Append(spec).Append('\n');
                continue;
            }

            sb.Append(Label(target));
            if (!shown.Add(target.Path))
            {
                sb.Append(" deduped\n");
                continue;
            }

            sb.Append('\n');
            Children(sb, tree, target.Path, Edges(target), indent + (last ? "    " : "|   "), shown);
        }
    }

    // Peer and optional edges are optional here: only drawn when their package is in the tree.
    private static List<(string Name, string Spec, bool Optional)> Edges(ResolvedPackage p)
    {
        var edges = new SortedDictionary<string, (string Spec, bool Optional)>(StringComparer.Ordinal);
        foreach (var (n, s) in p.PeerDependencies)
        {
            edges[n] = (s, true);
        }

        foreach (var (n, s) in p.OptionalDependencies)
        {
            edges[n] = (s, true);
        }

        foreach (var (n, s) in p.Dependencies)
        {
            edges[n] = (s, false);
        }

        return edges.Select(kv => (kv.Key, kv.Value.Spec, kv.Value.Optional)).ToList();
    }

    private static string Label(ResolvedPackage p) =>
        string.Equals(p.Name, p.PackageName, StringComparison.Ordinal) ? $"{p.Name}@{p.Version}" : $"{p.Name}@npm:{p.PackageName}@{p.Version}";

    /// <summary>Every node's install path, name and version, as JSON (an array in path order).</summary>
    public static string Json(ResolvedTree tree)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var p in tree.Packages)
            {
                w.WriteStartObject();
                w.WriteString("path", p.Path);
                w.WriteString("name", p.PackageName);
                w.WriteString("version", p.Version);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(ms.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>Why a package is installed: each copy of it and every chain of requirements that reaches that copy.</summary>
    public static string Why(ResolvedTree tree, string name, string rootName)
    {
        var copies = tree.Packages.Where(p => string.Equals(p.Name, name, StringComparison.Ordinal) || string.Equals(p.PackageName, name, StringComparison.Ordinal)).ToList();
        if (copies.Count == 0)
        {
            throw new IpmException(Messages.NotInTree(name));
        }

        var sb = new StringBuilder();
        foreach (var copy in copies)
        {
            sb.Append(Label(copy)).Append(" at ").Append(copy.Path).Append(copy.Optional ? " (optional)" : "").Append('\n');
            var chains = Chains(tree, copy, rootName);
            if (chains.Count == 0)
            {
                sb.Append("  (nothing requires it: extraneous)\n");
            }

            foreach (var chain in chains)
            {
                sb.Append("  ").Append(chain).Append('\n');
            }
        }

        return sb.ToString();
    }

    // Dependents of a copy are the packages (and the root) whose requirement for its name resolves to it.
    private static SortedSet<string> Chains(ResolvedTree tree, ResolvedPackage target, string rootName)
    {
        var results = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(ResolvedPackage node, string suffix, HashSet<string> seen)
        {
            if (tree.Requires.TryGetValue(node.Name, out var rootSpec) && ReferenceEquals(tree.ResolveFrom(string.Empty, node.Name), node))
            {
                results.Add($"{rootName} > {node.Name}@{rootSpec}{suffix}");
            }

            foreach (var dependent in tree.Packages)
            {
                var spec = Spec(dependent, node.Name);
                if (spec is null || seen.Contains(dependent.Path) || !ReferenceEquals(tree.ResolveFrom(dependent.Path, node.Name), node))
                {
                    continue;
                }

                seen.Add(dependent.Path);
                Walk(dependent, $" > {node.Name}@{spec}{suffix}", seen);
                seen.Remove(dependent.Path);
            }
        }

        Walk(target, string.Empty, new HashSet<string>(StringComparer.Ordinal) { target.Path });
        return results;
    }

    /// <summary>
    /// For each package (by install path), the range it was asked for with and the chain that asked
    /// (<c>root &gt; b@^2</c>), along the shortest path from the root (ordinal order among equals), for messages
    /// about the package. One breadth-first walk for the whole tree; packages nothing reaches are absent.
    /// </summary>
    internal static Dictionary<string, (string Range, string Chain)> FirstRequirements(ResolvedTree tree, string rootName)
    {
        var found = new Dictionary<string, (string Range, string Chain)>(StringComparer.Ordinal);
        var queue = new Queue<(string Path, string Chain, List<(string Name, string Spec, bool Optional)> Edges)>();
        queue.Enqueue((string.Empty, rootName, tree.Requires.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value, false)).ToList()));
        while (queue.TryDequeue(out var at))
        {
            foreach (var (name, spec, _) in at.Edges)
            {
                if (tree.ResolveFrom(at.Path, name) is { } next && found.TryAdd(next.Path, (spec, at.Chain)))
                {
                    queue.Enqueue((next.Path, $"{at.Chain} > {name}@{spec}", Edges(next)));
                }
            }
        }

        return found;
    }

    private static string? Spec(ResolvedPackage p, string name) =>
        p.Dependencies.TryGetValue(name, out var s) ? s
        : p.OptionalDependencies.TryGetValue(name, out s) ? s
        : p.PeerDependencies.TryGetValue(name, out s) ? s
        : null;
}
