using System.Text;
using System.Text.Json;
using Bundler.Core.Diagnostics;
using Bundler.Core.Resolution;

namespace Bundler.Core.Pipeline;

/// <summary><c>ipm tree</c> (like <c>npm ls</c>) and <c>ipm why</c>, read from a resolved tree.</summary>
public static class TreeQueries
{
    /// <summary>An indented tree of installed packages, children in path order.</summary>
    public static string Text(ResolvedTree tree, string rootName)
    {
        var sb = new StringBuilder(rootName).Append('\n');
        foreach (var p in tree.Packages)
        {
            var indent = new string(' ', (p.Depth - 1) * 2);
            var alias = string.Equals(p.Name, p.PackageName, StringComparison.Ordinal) ? "" : $" (npm:{p.PackageName})";
            sb.Append(indent).Append("+-- ").Append(p.Name).Append('@').Append(p.Version).Append(alias)
              .Append(p.Optional ? " optional" : "").Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Every node's install path, name and version, as JSON.</summary>
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

        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    /// <summary>Why a package is installed: each copy of it and the chain of dependents that needs it.</summary>
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
            sb.Append(copy.PackageName).Append('@').Append(copy.Version).Append(" at ").Append(copy.Path).Append('\n');
            foreach (var chain in Chains(tree, copy, rootName))
            {
                sb.Append("  ").Append(chain).Append('\n');
            }
        }

        return sb.ToString();
    }

    // Dependents of a copy are the packages (and the root) whose requirement for its name resolves to it.
    private static IEnumerable<string> Chains(ResolvedTree tree, ResolvedPackage target, string rootName)
    {
        var results = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(ResolvedPackage node, string suffix, HashSet<string> seen)
        {
            if (tree.Requires.TryGetValue(node.Name, out var rootSpec) && tree.ResolveFrom(string.Empty, node.Name) == node)
            {
                results.Add($"{rootName} > {node.Name}@{rootSpec}{suffix}");
            }

            foreach (var dependent in tree.Packages)
            {
                var spec = Spec(dependent, node.Name);
                if (spec is null || !seen.Add(dependent.Path) || tree.ResolveFrom(dependent.Path, node.Name) != node)
                {
                    continue;
                }

                Walk(dependent, $" > {node.Name}@{spec}{suffix}", seen);
                seen.Remove(dependent.Path);
            }
        }

        Walk(target, string.Empty, new HashSet<string>(StringComparer.Ordinal) { target.Path });
        return results;
    }

    private static string? Spec(ResolvedPackage p, string name) =>
        p.Dependencies.TryGetValue(name, out var s) ? s
        : p.OptionalDependencies.TryGetValue(name, out s) ? s
        : p.PeerDependencies.TryGetValue(name, out s) ? s
        : null;
}
