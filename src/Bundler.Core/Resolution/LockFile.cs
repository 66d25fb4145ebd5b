using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bundler.Core.Diagnostics;

namespace Bundler.Core.Resolution;

/// <summary>
/// <c>ipm-lock.json</c>: every node's path, name, version, archive URL (never credentials), integrity and
/// dependencies, ordinally sorted, two-space indented, <c>\n</c> line endings, with a digest of its content.
/// </summary>
public static class LockFile
{
    public const string DefaultName = "ipm-lock.json";
    private const int Version = 1;

    /// <summary>The canonical text and its digest (<c>sha512-</c> base64 of the text without the digest line).</summary>
    public static (string Text, string Digest) Serialize(ResolvedTree tree)
    {
        var body = Write(tree, digest: null);
        var digest = "sha512-" + Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes(body)));
        return (Write(tree, digest), digest);
    }

    /// <summary>Writes the lock only when its text changed (keeps file times stable for incremental builds).</summary>
    public static string WriteIfChanged(string path, ResolvedTree tree)
    {
        var (text, digest) = Serialize(tree);
        if (!File.Exists(path) || !string.Equals(File.ReadAllText(path), text, StringComparison.Ordinal))
        {
            var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                File.WriteAllText(temp, text, new UTF8Encoding(false));
                File.Move(temp, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IpmException(Messages.LockUnwritable(path, e.Message), e);
            }
            finally
            {
                TryDelete(temp);
            }
        }

        return digest;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temp name is unique; a leftover is harmless and the original error is the one to report.
        }
    }

    public static (ResolvedTree Tree, string Digest) Read(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            var requires = Map(root, "requires");
            var packages = new List<ResolvedPackage>();
            if (root.TryGetProperty("packages", out var pk) && pk.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in pk.EnumerateObject())
                {
                    packages.Add(ReadPackage(p.Name, p.Value));
                }
            }

            var tree = new ResolvedTree(requires, packages.Where(p => !p.Extraneous).OrderBy(p => p.Path, StringComparer.Ordinal).ToList())
            {
                Extraneous = packages.Where(p => p.Extraneous).Select(p => p with { Extraneous = false }).OrderBy(p => p.Path, StringComparer.Ordinal).ToList(),
            };
            var (_, digest) = Serialize(tree);
            var stated = root.TryGetProperty("digest", out var d) ? d.GetString() : null;
            if (!string.Equals(stated, digest, StringComparison.Ordinal))
            {
                throw new IpmException(Messages.LockDigestMismatch(path));
            }

            return (tree, digest);
        }
        catch (JsonException ex)
        {
            throw new IpmException(Messages.LockUnreadable(path, ex.Message));
        }
        catch (IOException ex)
        {
            throw new IpmException(Messages.LockUnreadable(path, ex.Message));
        }
        catch (InvalidOperationException ex)
        {
            throw new IpmException(Messages.LockUnreadable(path, ex.Message));
        }
    }

    private static ResolvedPackage ReadPackage(string path, JsonElement e)
    {
        string? S(string k) => e.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        bool B(string k) => e.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.True;
        var name = path[(path.LastIndexOf("node_modules/", StringComparison.Ordinal) + "node_modules/".Length)..];
        return new ResolvedPackage
        {
            Path = path,
            Name = name,
            PackageName = S("name") ?? name,
            Version = S("version") ?? throw new InvalidOperationException($"'{path}' has no version"),
            Resolved = S("resolved"),
            Integrity = S("integrity"),
            Shasum = S("shasum"),
            IsZip = B("zip"),
            Cid = S("cid"),
            Optional = B("optional"),
            Extraneous = B("extraneous"),
            Dependencies = Map(e, "dependencies"),
            OptionalDependencies = Map(e, "optionalDependencies"),
            PeerDependencies = Map(e, "peerDependencies"),
            OptionalPeers = List(e, "optionalPeers"),
            BundleDependencies = List(e, "bundleDependencies"),
        };
    }

    private static List<string> List(JsonElement e, string key) =>
        e.TryGetProperty(key, out var b) && b.ValueKind == JsonValueKind.Array ? b.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList() : [];

    private static SortedDictionary<string, string> Map(JsonElement e, string key)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (e.TryGetProperty(key, out var m) && m.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in m.EnumerateObject())
            {
                result[p.Name] = p.Value.GetString() ?? string.Empty;
            }
        }

        return result;
    }

    private static string Write(ResolvedTree tree, string? digest)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("lockfileVersion", Version);
            if (digest is not null)
            {
                w.WriteString("digest", digest);
            }

            WriteMap(w, "requires", tree.Requires, always: true);
            w.WriteStartObject("packages");
            foreach (var p in tree.Packages.Concat(tree.Extraneous.Select(e => e with { Extraneous = true })).OrderBy(p => p.Path, StringComparer.Ordinal))
            {
                w.WriteStartObject(p.Path);
                if (!string.Equals(p.Name, p.PackageName, StringComparison.Ordinal))
                {
                    w.WriteString("name", p.PackageName);
                }

                w.WriteString("version", p.Version);
                Opt(w, "resolved", p.Resolved);
                Opt(w, "integrity", p.Integrity);
                Opt(w, "shasum", p.Integrity is null ? p.Shasum : null);
                Opt(w, "cid", p.Cid);
                if (p.IsZip)
                {
                    w.WriteBoolean("zip", true);
                }

                if (p.Extraneous)
                {
                    w.WriteBoolean("extraneous", true);
                }
                else if (p.Optional)
                {
                    w.WriteBoolean("optional", true);
                }

                WriteMap(w, "dependencies", p.Dependencies, always: false);
                WriteMap(w, "optionalDependencies", p.OptionalDependencies, always: false);
                WriteMap(w, "peerDependencies", p.PeerDependencies, always: false);
                WriteList(w, "optionalPeers", p.OptionalPeers);
                WriteList(w, "bundleDependencies", p.BundleDependencies);

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void WriteList(Utf8JsonWriter w, string key, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            w.WriteStartArray(key);
            foreach (var b in values.Order(StringComparer.Ordinal))
            {
                w.WriteStringValue(b);
            }

            w.WriteEndArray();
        }
    }

    private static void Opt(Utf8JsonWriter w, string key, string? value)
    {
        if (value is not null)
        {
            w.WriteString(key, value);
        }
    }

    private static void WriteMap(Utf8JsonWriter w, string key, IReadOnlyDictionary<string, string> map, bool always)
    {
        if (map.Count == 0 && !always)
        {
            return;
        }

        w.WriteStartObject(key);
        foreach (var (k, v) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();
    }
}
