using System.Text.Json;
using Bundler.Core.Diagnostics;
using Bundler.Core.Registry.Http;

namespace Bundler.Core.Registry;

/// <summary>One search hit.</summary>
public sealed record SearchHit(string Name, string Version, string Description);

/// <summary><c>ipm search</c>: the registry's <c>/-/v1/search</c> endpoint, as <c>npm search</c> uses it; folders are searched by name.</summary>
public static class RegistrySearch
{
    public static async Task<IReadOnlyList<SearchHit>> SearchAsync(IPackageSource source, HttpTransport transport, string text, int size, CancellationToken cancellationToken)
    {
        if (source is FolderRegistry folder)
        {
            return await SearchFolderAsync(folder, text, cancellationToken).ConfigureAwait(false);
        }

        var registry = ((HttpRegistry)source).BaseUrl;
        var url = new Uri(registry, $"-/v1/search?text={Uri.EscapeDataString(text)}&size={size}");
        try
        {
            return await transport.GetAsync(url, "application/json", async (_, stream, ct) =>
            {
                using var doc = await JsonDocument.ParseAsync(stream, default, ct).ConfigureAwait(false);
                var hits = new List<SearchHit>();
                if (doc.RootElement.TryGetProperty("objects", out var objects) && objects.ValueKind == JsonValueKind.Array)
                {
                    foreach (var o in objects.EnumerateArray())
                    {
                        if (o.TryGetProperty("package", out var p))
                        {
                            hits.Add(new SearchHit(Str(p, "name"), Str(p, "version"), Str(p, "description")));
                        }
                    }
                }

                return (IReadOnlyList<SearchHit>)hits;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpStatusException ex)
        {
            throw new IpmException(Messages.SearchFailed(source.Display, $"status {ex.StatusCode}"));
        }
        catch (TransportException ex)
        {
            throw new IpmException(Messages.SearchFailed(source.Display, ex.Message));
        }
        catch (JsonException ex)
        {
            throw new IpmException(Messages.SearchFailed(source.Display, "answer is not JSON: " + ex.Message));
        }
    }

    private static async Task<IReadOnlyList<SearchHit>> SearchFolderAsync(FolderRegistry folder, string text, CancellationToken cancellationToken)
    {
        var hits = new List<SearchHit>();
        foreach (var index in Directory.EnumerateFiles(folder.Root, "index.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(folder.Root, Path.GetDirectoryName(index)!).Replace('\\', '/');
            if (!name.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var p = await folder.GetPackumentAsync(name, cancellationToken).ConfigureAwait(false);
            if (p is not null)
            {
                hits.Add(new SearchHit(name, p.DistTags.TryGetValue("latest", out var v) ? v : p.Versions.Keys.LastOrDefault() ?? "", ""));
            }
        }

        return hits;
    }

    private static string Str(JsonElement e, string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
}
