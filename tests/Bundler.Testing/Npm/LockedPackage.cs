using System.Text.Json.Nodes;

namespace Bundler.Testing;

/// <summary>
/// One entry of package-lock.json's <c>packages</c>: where npm put a package and which version.
/// <see cref="Name"/> is the real package name (for an alias <c>"x": "npm:real@^1"</c> it is <c>real</c>),
/// <see cref="FolderName"/> the name it is installed and required under (<c>x</c>).
/// </summary>
public sealed record LockedPackage(string Path, string Name, string Version)
{
    public string FolderName => PackageLock.FolderName(Path);

    public string? Resolved { get; init; }

    public string? Integrity { get; init; }

    public bool Dev { get; init; }

    public bool Optional { get; init; }

    public bool Peer { get; init; }

    /// <summary>Shipped inside its parent's tarball (bundleDependencies), not fetched on its own.</summary>
    public bool InBundle { get; init; }

    public override string ToString() => $"{Path} {Name}@{Version}";
}

/// <summary>Reads package-lock.json (lockfileVersion 2 or 3) into <see cref="LockedPackage"/>s.</summary>
public static class PackageLock
{
    private const string NodeModules = "node_modules/";

    /// <summary>Every package except the root project and workspace links, ordered by path (ordinal).</summary>
    public static IReadOnlyList<LockedPackage> Parse(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("package-lock.json is not a JSON object");
        var version = root["lockfileVersion"]?.GetValue<int>() ?? 0;
        if (version < 2 || root["packages"] is not JsonObject packages)
        {
            throw new FormatException($"package-lock.json lockfileVersion {version} has no 'packages' section");
        }

        var result = new List<LockedPackage>();
        foreach (var (path, node) in packages)
        {
            if (path.Length == 0 || node is not JsonObject entry || entry["link"]?.GetValue<bool>() == true)
            {
                continue;
            }

            var name = entry["name"]?.GetValue<string>() ?? FolderName(path);
            var ver = entry["version"]?.GetValue<string>() ?? throw new FormatException($"package-lock.json: '{path}' has no version");
            result.Add(new LockedPackage(path, name, ver)
            {
                Resolved = entry["resolved"]?.GetValue<string>(),
                Integrity = entry["integrity"]?.GetValue<string>(),
                Dev = Flag(entry, "dev"),
                Optional = Flag(entry, "optional"),
                Peer = Flag(entry, "peer"),
                InBundle = Flag(entry, "inBundle"),
            });
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    /// <summary>The installed name from a lock path: <c>node_modules/a/node_modules/@s/b</c> gives <c>@s/b</c>.</summary>
    public static string FolderName(string path)
    {
        var at = path.LastIndexOf(NodeModules, StringComparison.Ordinal);
        return at < 0 ? path : path[(at + NodeModules.Length)..];
    }

    private static bool Flag(JsonObject entry, string key) => entry[key]?.GetValue<bool>() == true;
}
