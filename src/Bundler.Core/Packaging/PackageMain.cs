using System.Text.Json;

namespace Bundler.Core.Packaging;

/// <summary>
/// Finds a package's main file as Node's <c>require()</c> of its name does: the root of <c>exports</c> when the
/// package.json has one (see <see cref="PackageExports"/>), else <c>main</c> as a file, with .js/.json, as a
/// folder's index, else index.js.
/// </summary>
public static class PackageMain
{
    /// <summary>
    /// The package-relative path of the file <c>require('name')</c> loads, or null; <paramref name="exportsProblem"/>
    /// says why a present <c>exports</c> gave no shipped file (Node would throw there; the result then falls back
    /// to <c>main</c>), else null.
    /// </summary>
    public static string? FromPackageJson(IReadOnlySet<string> files, byte[]? packageJson, out string? exportsProblem)
    {
        exportsProblem = null;
        if (packageJson is null || Parse(packageJson) is not { } doc)
        {
            return Resolve(files, main: null);
        }

        using (doc)
        {
            var root = doc.RootElement;
            var main = root.TryGetProperty("main", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;

            // As Node 20 does, any exports but null counts; a number or boolean exports nothing (Node 22 ignores those).
            if (root.TryGetProperty("exports", out var exports) && exports.ValueKind != JsonValueKind.Null)
            {
                var target = PackageExports.ResolveRoot(exports, out exportsProblem);
                if (target is not null && files.Contains(target))
                {
                    return target;
                }

                // No extension or index probing for an exports target: Node does none.
                exportsProblem ??= $"its root target './{target}' is not among the package's files";
            }

            return Resolve(files, main);
        }
    }

    /// <summary>The package-relative path of the main file, or null when the package has none.</summary>
    public static string? Resolve(IReadOnlySet<string> files, string? main)
    {
        if (!string.IsNullOrWhiteSpace(main))
        {
            var m = Normalize(main);
            foreach (var candidate in new[] { m, m + ".js", m + ".json", m + ".node", m + "/index.js", m + "/index.json" })
            {
                if (candidate.Length > 0 && files.Contains(candidate))
                {
                    return candidate;
                }
            }
        }

        return files.Contains("index.js") ? "index.js" : files.Contains("index.json") ? "index.json" : null;
    }

    /// <summary>The <c>main</c> field of a package.json's bytes, or null.</summary>
    public static string? ReadMainField(byte[] packageJson)
    {
        using var doc = Parse(packageJson);
        return doc is not null && doc.RootElement.TryGetProperty("main", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
    }

    /// <summary>The package.json as a JSON object, or null when it is not one.</summary>
    private static JsonDocument? Parse(byte[] packageJson)
    {
        try
        {
            var doc = JsonDocument.Parse(packageJson, new JsonDocumentOptions { AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                return doc;
            }

            doc.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Resolves <c>./</c>, <c>..</c> and duplicate slashes in a package-relative path.</summary>
    public static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var seg in path.Replace('\\', '/').Split('/'))
        {
            if (seg.Length == 0 || seg == ".")
            {
                continue;
            }

            if (seg == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(seg);
        }

        return string.Join('/', parts);
    }
}
