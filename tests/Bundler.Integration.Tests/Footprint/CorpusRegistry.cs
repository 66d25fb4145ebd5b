using System.Text.Json;
using System.Text.Json.Nodes;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Footprint;

/// <summary>
/// A static folder registry made of real published packages: the ones tests/tools installed, each repacked with
/// <c>npm pack</c> (one npm run for all), with the dependency closure npm installed for them.
/// </summary>
internal static class CorpusRegistry
{
    /// <summary>Writes the registry for <paramref name="names"/> and their dependencies; returns name@version of each.</summary>
    public static IReadOnlyList<string> Write(string root, IEnumerable<string> names)
    {
        var tools = ToolLocator.ToolsNodeModules;
        var folders = Closure(tools, names);
        var packs = Path.Combine(root, ".packs");
        Directory.CreateDirectory(packs);

        // The registry URL is never contacted: packing a folder is local.
        var result = NpmClient.Run(["pack", "--ignore-scripts", "--json", "--pack-destination", packs, .. folders.Keys], packs, "http://127.0.0.1:9/", null);
        var packed = JsonNode.Parse(result.StdOut)!.AsArray();
        var written = new List<string>();
        foreach (var group in packed.GroupBy(p => (string)p!["name"]!, StringComparer.Ordinal))
        {
            var dir = Path.Combine(root, group.Key.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.Combine(dir, "-"));
            var versions = new JsonObject();
            foreach (var p in group)
            {
                var version = (string)p!["version"]!;
                var file = (string)p["filename"]!;
                File.Move(Path.Combine(packs, file), Path.Combine(dir, "-", Path.GetFileName(file)));
                var manifest = folders.Values.First(m => (string?)m["name"] == group.Key && (string?)m["version"] == version);
                versions[version] = new JsonObject
                {
                    ["name"] = group.Key,
                    ["version"] = version,
                    ["dependencies"] = manifest["dependencies"]?.DeepClone() ?? new JsonObject(),
                    ["optionalDependencies"] = manifest["optionalDependencies"]?.DeepClone() ?? new JsonObject(),
                    ["dist"] = new JsonObject
                    {
                        ["tarball"] = "-/" + Path.GetFileName(file),
                        ["integrity"] = (string)p["integrity"]!,
                        ["shasum"] = (string)p["shasum"]!,
                    },
                };
                written.Add($"{group.Key}@{version}");
            }

            var latest = versions.Select(v => v.Key).OrderBy(v => Version.Parse(v.Split('-')[0])).Last();
            var packument = new JsonObject { ["name"] = group.Key, ["dist-tags"] = new JsonObject { ["latest"] = latest }, ["versions"] = versions };
            File.WriteAllText(Path.Combine(dir, "index.json"), packument.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }

        Directory.Delete(packs, recursive: true);
        return written.Order(StringComparer.Ordinal).ToList();
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
