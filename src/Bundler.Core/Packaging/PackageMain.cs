using System.Text.Json;

namespace Bundler.Core.Packaging;

/// <summary>Finds a package's main file as Node does: <c>main</c> as a file, with .js/.json, as a folder's index, else index.js.</summary>
public static class PackageMain
{
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
        try
        {
            using var doc = JsonDocument.Parse(packageJson, new JsonDocumentOptions { AllowTrailingCommas = true });
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("main", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString()
                : null;
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
