using System.Text;
using System.Text.Json;
using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;
using Bundler.Core.Resolution;

namespace Bundler.Core.Pipeline;

/// <summary>
/// <c>ipm mirror</c>: resolves the requested packages, fetches and verifies every archive, and writes them with
/// their packuments into a static folder registry (see <see cref="FolderRegistry"/> for the layout). Versions
/// already in the folder are kept, so several mirror runs add up.
/// </summary>
public static class RegistryMirror
{
    public static async Task MirrorAsync(BundleRequest request, string folder, IBundleLog log, CancellationToken cancellationToken)
    {
        using var restore = new RestoreStage(request with { LockFile = Path.Combine(Path.GetTempPath(), $"ipm-mirror-{Guid.NewGuid():N}.json") }, log);
        var tree = await restore.ResolveAsync(cancellationToken).ConfigureAwait(false);
        var archives = await FetchStage.FetchAsync(request, restore, tree, log, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(folder);
        var written = 0;
        foreach (var group in tree.Packages.Where(p => p.LocalPath is null).GroupBy(p => p.PackageName, StringComparer.Ordinal))
        {
            var packument = await restore.SourceFor(group.Key).GetPackumentAsync(group.Key, cancellationToken).ConfigureAwait(false)
                ?? throw new IpmException(Messages.PackageNotFound(group.Key, group.First().Version, restore.SourceFor(group.Key).Display, request.RootName));
            var dir = Path.Combine(folder, group.Key.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.Combine(dir, "-"));
            var existing = await new FolderRegistry(folder).GetPackumentAsync(group.Key, cancellationToken).ConfigureAwait(false);
            var versions = new SortedDictionary<string, PackageManifest>(StringComparer.Ordinal);
            foreach (var (v, m) in existing?.Versions ?? PackageManifest.EmptyVersions)
            {
                versions[v] = m;
            }

            foreach (var p in group)
            {
                var m = packument.Versions[p.Version];
                var file = $"{PackageNames.Basename(p.PackageName)}-{p.Version}{(p.IsZip ? ".zip" : ".tgz")}";
                File.Copy(archives[p.Path].Path, Path.Combine(dir, "-", file), overwrite: true);
                var relative = new Uri("-/" + file, UriKind.Relative);
                versions[p.Version] = m with
                {
                    Dist = p.IsZip
                        ? new Dist { Zip = relative, ZipShasum = m.Dist.ZipShasum }
                        : new Dist { Tarball = relative, Integrity = m.Dist.Integrity, Shasum = m.Dist.Shasum },
                };
                written++;
            }

            WritePackument(Path.Combine(dir, "index.json"), group.Key, packument.DistTags, versions);
        }

        log.Summary($"ipm: mirrored {written} package versions into {folder}");
    }

    private static void WritePackument(string path, string name, IReadOnlyDictionary<string, string> sourceTags, SortedDictionary<string, PackageManifest> versions)
    {
        // Keep only tags whose version is mirrored; 'latest' falls back to the highest mirrored release.
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (t, v) in sourceTags.Where(kv => versions.ContainsKey(kv.Value)))
        {
            tags[t] = v;
        }

        if (!tags.ContainsKey("latest"))
        {
            var best = versions.Keys.Select(v => Versioning.NpmVersion.TryParse(v, out var nv) ? nv : null)
                .Where(v => v is not null && !v.IsPrerelease).Max();
            if (best is not null)
            {
                tags["latest"] = versions.Keys.First(k => Versioning.NpmVersion.Parse(k).Equals(best));
            }
        }

        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteStartObject("dist-tags");
            foreach (var (t, v) in tags)
            {
                w.WriteString(t, v);
            }

            w.WriteEndObject();
            w.WriteStartObject("versions");
            foreach (var (v, m) in versions)
            {
                ManifestJson.Write(w, m);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        var text = Encoding.UTF8.GetString(ms.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }
}
