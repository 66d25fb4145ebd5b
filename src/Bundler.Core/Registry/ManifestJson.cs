using System.Text.Json;

namespace Bundler.Core.Registry;

/// <summary>Writes a manifest back as packument JSON (the fields <see cref="PackumentReader"/> reads).</summary>
internal static class ManifestJson
{
    public static void Write(Utf8JsonWriter w, PackageManifest m)
    {
        w.WriteStartObject(m.Version);
        w.WriteString("name", m.Name);
        w.WriteString("version", m.Version);
        Map(w, "dependencies", m.Dependencies);
        Map(w, "optionalDependencies", m.OptionalDependencies);
        Map(w, "peerDependencies", m.PeerDependencies);
        if (m.OptionalPeers.Count > 0)
        {
            w.WriteStartObject("peerDependenciesMeta");
            foreach (var p in m.OptionalPeers)
            {
                w.WriteStartObject(p);
                w.WriteBoolean("optional", true);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        if (m.BundleDependencies.Count > 0)
        {
            w.WriteStartArray("bundleDependencies");
            foreach (var b in m.BundleDependencies)
            {
                w.WriteStringValue(b);
            }

            w.WriteEndArray();
        }

        if (m.Deprecated is not null)
        {
            w.WriteString("deprecated", m.Deprecated);
        }

        w.WriteStartObject("dist");
        Str(w, "tarball", m.Dist.Tarball?.OriginalString);
        Str(w, "integrity", m.Dist.Integrity);
        Str(w, "shasum", m.Dist.Shasum);
        Str(w, "zip", m.Dist.Zip?.OriginalString);
        Str(w, "zip_shasum", m.Dist.ZipShasum);
        Str(w, "cid", m.Dist.Cid);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Str(Utf8JsonWriter w, string key, string? value)
    {
        if (value is not null)
        {
            w.WriteString(key, value);
        }
    }

    private static void Map(Utf8JsonWriter w, string key, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
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
