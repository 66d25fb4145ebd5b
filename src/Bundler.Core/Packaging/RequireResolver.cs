using Bundler.Core.Generation;

namespace Bundler.Core.Packaging;

/// <summary>
/// What a <c>require(request)</c> from a folder loads, decided exactly as the generated C resolver
/// (<c>ipm_resolve</c> in templates/generic) decides it on the device: Node's algorithm without the file system.
/// Pruning must follow the device's rules and not Node's fuller ones (a nested folder's own package.json
/// <c>main</c>, <c>.node</c> probing, package <c>exports</c>), or it would ship a file the device never loads and miss
/// the one it does.
/// <list type="bullet">
/// <item>a request starting <c>/</c> is absolute; <c>.</c> followed by nothing, <c>/</c> or <c>.</c> is relative to
/// the folder; anything else is a bare name looked up in <c>node_modules</c> of the folder and of each parent
/// (skipping folders that are themselves named node_modules), deepest first;</item>
/// <item>paths are normalised as <c>path.resolve</c> does (<c>..</c> stops at the root);</item>
/// <item>then X, X.js, X.json (unless the request names a folder: ends in <c>/</c>, <c>.</c> or <c>..</c>), the
/// package main when X is a package folder, X/index.js, X/index.json.</item>
/// </list>
/// </summary>
internal sealed class RequireResolver(Func<string, bool> isFile, Func<string, string?> packageMain)
{
    /// <summary>The virtual path <paramref name="request"/> loads from folder <paramref name="fromDirectory"/>, or null.</summary>
    public string? Resolve(string fromDirectory, string request)
    {
        if (request.Length == 0)
        {
            return null;
        }

        var folderOnly = IsFolderOnly(request);
        if (request[0] == '/')
        {
            return Load(VirtualPath.Combine("/", request), folderOnly);
        }

        var from = VirtualPath.Combine("/", fromDirectory);
        if (request[0] == '.' && (request.Length == 1 || request[1] is '/' or '.'))
        {
            return Load(VirtualPath.Combine(from, request), folderOnly);
        }

        for (var dir = from; ; dir = VirtualPath.Directory(dir))
        {
            if (!string.Equals(LastSegment(dir), "node_modules", StringComparison.Ordinal))
            {
                var found = Load(VirtualPath.Combine(VirtualPath.Combine(dir, "node_modules"), request), folderOnly);
                if (found is not null)
                {
                    return found;
                }
            }

            if (dir == "/")
            {
                return null;
            }
        }
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('/') + 1)..];

    private string? Load(string x, bool folderOnly)
    {
        if (!folderOnly)
        {
            foreach (var candidate in new[] { x, x + ".js", x + ".json" })
            {
                if (isFile(candidate))
                {
                    return candidate;
                }
            }
        }

        if (packageMain(x) is { } main)
        {
            return main;
        }

        var index = x == "/" ? "/index" : x + "/index";
        return isFile(index + ".js") ? index + ".js" : isFile(index + ".json") ? index + ".json" : null;
    }

    // Node's test for a request naming a folder only: it ends in "/", or is ".", "..", or ends in "/." or "/..".
    private static bool IsFolderOnly(string r) =>
        r.EndsWith('/') || r is "." or ".." || r.EndsWith("/.", StringComparison.Ordinal) || r.EndsWith("/..", StringComparison.Ordinal);
}
