using System.Text.Json;
using Bundler.Core.Diagnostics;

namespace Bundler.Core.Registry;

/// <summary>Parses packument and manifest JSON defensively: unknown shapes are skipped, not fatal.</summary>
internal static class PackumentReader
{
    /// <summary>Parses a packument. A body that is not JSON becomes a coded error saying what came back.</summary>
    public static Packument Parse(string name, byte[] body, Uri source, string? contentType) => Parse(name, body, source, contentType, out _);

    /// <summary>
    /// Parses a packument; <paramref name="stub"/> is true for a document with neither versions nor dist-tags nor
    /// <c>url</c> (an error object, an unpublished package), which means "not here".
    /// </summary>
    public static Packument Parse(string name, byte[] body, Uri source, string? contentType, out bool stub)
    {
        using var doc = ParseJson(name, body, source, contentType);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new IpmException(Messages.PackumentNotJson(name, Redact.Url(source), $"JSON {root.ValueKind}", "expected an object"));
        }

        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var hasTags = root.TryGetProperty("dist-tags", out var t) && t.ValueKind == JsonValueKind.Object;
        if (hasTags)
        {
            foreach (var p in t.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.String)
                {
                    tags[p.Name] = p.Value.GetString()!;
                }
            }
        }

        var versions = new SortedDictionary<string, PackageManifest>(StringComparer.Ordinal);
        if (root.TryGetProperty("versions", out var v) && v.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in v.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Object)
                {
                    versions[p.Name] = ReadManifest(p.Value, name, p.Name, source);
                }
            }
        }

        var hostedAt = versions.Count == 0 ? HttpUrl(Str(root, "url"), source) : null;
        stub = versions.Count == 0 && !hasTags && hostedAt is null;
        return new Packument { Name = name, DistTags = tags, Versions = versions, Source = source, HostedAt = hostedAt };
    }

    /// <summary>Parses any registry JSON document, turning what is not JSON into IPM2004 (HTML, garbage, an empty body).</summary>
    public static JsonDocument ParseJson(string name, byte[] body, Uri source, string? contentType)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            var what = Describe(body, contentType);
            // For a page or an empty body the parser's complaint adds nothing; for broken JSON it says where.
            var why = what.StartsWith("an HTML", StringComparison.Ordinal) || body.Length == 0 ? "" : ex.Message;
            throw new IpmException(Messages.PackumentNotJson(name, Redact.Url(source), what, why));
        }
    }

    /// <summary>Reads one version document (also used for <c>{registry}/{name}/{version}</c> responses).</summary>
    public static PackageManifest ReadManifest(JsonElement e, string name, string version, Uri source)
    {
        return new PackageManifest
        {
            Name = Str(e, "name") ?? name,
            Version = version,
            Dependencies = Map(e, "dependencies"),
            OptionalDependencies = Map(e, "optionalDependencies"),
            PeerDependencies = Map(e, "peerDependencies"),
            OptionalPeers = OptionalPeerNames(e),
            BundleDependencies = BundleNames(e),
            Deprecated = e.TryGetProperty("deprecated", out var d) ? d.ValueKind switch
            {
                JsonValueKind.String when d.GetString()!.Length > 0 => d.GetString(),
                JsonValueKind.True => "deprecated",
                _ => null,
            } : null,
            Dist = e.TryGetProperty("dist", out var dist) && dist.ValueKind == JsonValueKind.Object ? ReadDist(dist, source) : new Dist(),
        };
    }

    private static Dist ReadDist(JsonElement e, Uri source) => new()
    {
        // An IPFS-backed mirror keeps the upstream URL in dist.source; it stands in for a missing tarball.
        Tarball = Url(Str(e, "tarball"), source) ?? Url(Str(e, "source"), source),
        Source = Url(Str(e, "source"), source),
        Integrity = Str(e, "integrity"),
        Shasum = Str(e, "shasum"),
        Zip = Url(Str(e, "zip"), source),
        ZipShasum = Str(e, "zip_shasum"),
        Cid = Str(e, "cid"),
    };

    // Static folder registries write tarball URLs relative to the packument, so any web server can serve them.
    private static Uri? Url(string? text, Uri source) =>
        string.IsNullOrEmpty(text) ? null : Uri.TryCreate(source, text, out var u) ? u : null;

    private static Uri? HttpUrl(string? text, Uri source) =>
        Url(text, source) is { Scheme: "http" or "https" } u ? u : null;

    private static string? Str(JsonElement e, string prop) =>
        e.TryGetProperty(prop, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static IReadOnlyDictionary<string, string> Map(JsonElement e, string prop)
    {
        if (!e.TryGetProperty(prop, out var m) || m.ValueKind != JsonValueKind.Object)
        {
            return PackageManifest.Empty;
        }

        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in m.EnumerateObject())
        {
            result[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : "*";
        }

        return result;
    }

    private static List<string> OptionalPeerNames(JsonElement e)
    {
        var names = new List<string>();
        if (e.TryGetProperty("peerDependenciesMeta", out var m) && m.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in m.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("optional", out var o) && o.ValueKind == JsonValueKind.True)
                {
                    names.Add(p.Name);
                }
            }
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static List<string> BundleNames(JsonElement e)
    {
        var names = new List<string>();
        foreach (var prop in new[] { "bundleDependencies", "bundledDependencies" })
        {
            if (!e.TryGetProperty(prop, out var b))
            {
                continue;
            }

            if (b.ValueKind == JsonValueKind.Array)
            {
                names.AddRange(b.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!));
            }
            else if (b.ValueKind == JsonValueKind.True)
            {
                names.AddRange(Map(e, "dependencies").Keys);
            }
        }

        return names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>What came back instead of JSON, in a few words (an HTML page and its title, an empty body, binary).</summary>
    internal static string Describe(byte[] body, string? contentType)
    {
        if (body.Length == 0)
        {
            return "an empty body";
        }

        var head = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 4096));
        if (head.TrimStart().StartsWith('<'))
        {
            var title = Title(head);
            return $"an HTML page ({contentType ?? "no content type"}{(title is null ? "" : $", \"{title}\"")})";
        }

        return $"{body.Length} bytes of {contentType ?? "unknown content"}";
    }

    // The page title says most about what answered (a login page, a proxy's error page); printable ASCII only.
    private static string? Title(string html)
    {
        var start = html.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
        var end = start < 0 ? -1 : html.IndexOf("</title>", start, StringComparison.OrdinalIgnoreCase);
        if (end < 0)
        {
            return null;
        }

        var text = new string(html[(start + 7)..end].Select(c => c is >= ' ' and <= '~' ? c : ' ').ToArray()).Trim();
        return text.Length == 0 ? null : text.Length > 80 ? text[..80] : text;
    }
}
