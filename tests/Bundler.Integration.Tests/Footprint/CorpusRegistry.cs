using System.Text.Json.Nodes;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Footprint;

/// <summary>
/// Real published packages in the tests' Verdaccio: the ones tests/tools installed (npm ci, from its lock file) and
/// the dependency closure npm installed for them, each repacked with <c>npm pack</c> (one npm run for all) and the
/// tarballs published with <c>npm publish TARBALL</c>, so the registry holds exactly what npm would publish.
/// </summary>
internal static class CorpusRegistry
{
    /// <summary>Publishes <paramref name="names"/> and their dependencies to <paramref name="registryUrl"/>; returns name@version of each.</summary>
    public static IReadOnlyList<string> Publish(string registryUrl, IEnumerable<string> names)
    {
        var tools = ToolLocator.ToolsNodeModules;
        var folders = Closure(tools, names);
        using var packs = new TempDirectory("ipm-corpus-packs");

        // Packing a folder is local: one npm process for every package, the registry URL never contacted.
        var result = NpmClient.Run(["pack", "--ignore-scripts", "--json", "--pack-destination", packs.Path, .. folders.Keys], packs.Path, "http://127.0.0.1:9/", null);
        var packed = JsonNode.Parse(result.StdOut)!.AsArray()
            .Select(p => (Name: (string)p!["name"]!, Version: (string)p["version"]!, File: Path.Combine(packs.Path, Path.GetFileName((string)p["filename"]!))))
            .ToList();

        // One npm process per tarball (npm publish takes one), four at a time: npm is mostly start-up and waiting on
        // Verdaccio. A name's versions go in ascending order so "latest" ends on the highest (npm 11 only moves it up).
        var byName = packed.GroupBy(p => p.Name, StringComparer.Ordinal)
            .Select(g => g.OrderBy(p => p.Version, FixtureVersionOrder.Instance).ToList())
            .ToList();
        try
        {
            Parallel.ForEach(byName, new ParallelOptions { MaxDegreeOfParallelism = 4 }, versions =>
            {
                foreach (var p in versions)
                {
                    NpmClient.Run(["publish", p.File, "--ignore-scripts", "--tag", "latest"], packs.Path, registryUrl, NpmClient.AnonymousToken);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return packed.Select(p => $"{p.Name}@{p.Version}").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Installed folders of the packages and of everything they depend on, found as Node finds them.</summary>
    private static Dictionary<string, JsonNode> Closure(string tools, IEnumerable<string> names)
    {
        var found = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var pending = new Stack<string>(names.Select(n => Path.Combine(tools, n)));
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            if (found.ContainsKey(folder))
            {
                continue;
            }

            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "package.json")))!;
            found[folder] = manifest;
            foreach (var key in new[] { "dependencies", "optionalDependencies" })
            {
                foreach (var (dep, _) in manifest[key]?.AsObject() ?? [])
                {
                    if (Installed(tools, folder, dep) is { } installed)
                    {
                        pending.Push(installed);
                    }
                }
            }
        }

        return found;
    }

    // Node's walk-up from a package folder, stopping at the tools folder's node_modules.
    private static string? Installed(string tools, string from, string name)
    {
        for (var dir = from; dir.Length >= tools.Length; dir = Path.GetDirectoryName(dir)!)
        {
            if (Path.GetFileName(dir) == "node_modules")
            {
                continue;
            }

            var candidate = Path.Combine(dir, "node_modules", name);
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        var top = Path.Combine(tools, name);
        return File.Exists(Path.Combine(top, "package.json")) ? top : null;
    }
}
