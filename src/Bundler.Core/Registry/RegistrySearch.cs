using System.Text.Json;
using Bundler.Core.Diagnostics;
using Bundler.Core.Registry.Http;

namespace Bundler.Core.Registry;

/// <summary>One search hit.</summary>
public sealed record SearchHit(string Name, string Version, string Description);

/// <summary>What <c>ipm search</c> asks: the words, and where to read the registry configuration from.</summary>
public sealed record SearchRequest
{
    /// <summary>The search words, as typed.</summary>
    public required string Text { get; init; }

    /// <summary>Where <c>.npmrc</c> lookup starts.</summary>
    public required string ProjectDirectory { get; init; }

    /// <summary>Registry URL or static folder registry; overrides <c>.npmrc</c>.</summary>
    public string? Registry { get; init; }

    /// <summary>Most hits to ask for.</summary>
    public int Size { get; init; } = 20;

    /// <summary>Test hook: the HTTP handler requests go through. Null means a real socket handler.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Test hook: environment variables and home folder to read configuration from instead of the process's.</summary>
    internal IReadOnlyDictionary<string, string?>? Environment { get; init; }

    internal string? UserHome { get; init; }
}

/// <summary><c>ipm search</c>: the registry's <c>/-/v1/search</c> endpoint, as <c>npm search</c> uses it; folders are searched by name.</summary>
public static class RegistrySearch
{
    /// <summary>Searches the default registry (<c>registry=</c>, or the request's override) with the configured credentials.</summary>
    public static async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, IBundleLog log, CancellationToken cancellationToken)
    {
        var config = NpmConfig.Load(request.ProjectDirectory, log, request.Environment, request.UserHome);
        if (request.Registry is not null)
        {
            config.Set("registry", request.Registry, request.ProjectDirectory);
        }

        // npm search asks the default registry; scope registries play no part.
        var registry = config.DefaultRegistry ?? throw new IpmException(Messages.NoSearchRegistry());
        using var transport = request.HttpHandler is null
            ? new HttpTransport(config, new TransportOptions(), log)
            : new HttpTransport(request.HttpHandler, config, new TransportOptions(), log);
        var source = new RegistrySources(transport).Get(registry);
        return await SearchAsync(source, transport, request.Text, request.Size, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One line per hit, <c>name@version  description</c>, or a line saying nothing matched.</summary>
    public static string Text(IReadOnlyList<SearchHit> hits, string text)
    {
        if (hits.Count == 0)
        {
            return $"No matches found for \"{Printable(text)}\"\n";
        }

        var sb = new System.Text.StringBuilder();
        foreach (var h in hits)
        {
            var head = $"{Printable(h.Name)}@{Printable(h.Version)}";
            sb.Append(h.Description.Length == 0 ? head : $"{head}  {Printable(h.Description)}").Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The hits as a JSON array of <c>{name, version, description}</c>.</summary>
    public static string Json(IReadOnlyList<SearchHit> hits)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var h in hits)
            {
                w.WriteStartObject();
                w.WriteString("name", h.Name);
                w.WriteString("version", h.Version);
                w.WriteString("description", h.Description);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(ms.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    // Registry text goes to a terminal: no control characters (escape sequences) and one line per hit.
    private static string Printable(string s) => new(s.Select(c => char.IsControl(c) ? ' ' : c).ToArray());

    /// <summary>Searches one source: a registry's search endpoint, or a folder registry's package names.</summary>
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
                            hits.Add(new SearchHit(Str(p, "name"), Version(p), Str(p, "description")));
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

    // npm's search API gives "version"; Verdaccio 5 answers with the stored document, whose latest tag says it.
    private static string Version(JsonElement p) =>
        Str(p, "version") is { Length: > 0 } v ? v
        : p.TryGetProperty("dist-tags", out var tags) && tags.ValueKind == JsonValueKind.Object ? Str(tags, "latest")
        : string.Empty;

    private static string Str(JsonElement e, string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
}
