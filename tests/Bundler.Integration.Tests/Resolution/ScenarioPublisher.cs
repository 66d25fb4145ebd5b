using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Resolution;

/// <summary>
/// Publishes fixture packages straight through the registry's publish API, with the document libnpmpublish sends
/// (one version and its tarball as an attachment, then <c>npm dist-tag</c>'s endpoint). The npm CLI takes seconds per
/// version on these machines and the scenarios have about a hundred; the registry, and npm as the oracle reading it,
/// are the same. A deprecation is written into the version's manifest, where <c>npm deprecate</c> puts it.
/// </summary>
internal static class ScenarioPublisher
{
    public static void Publish(VerdaccioServer server, IEnumerable<FixturePackage> packages)
    {
        var byName = packages.GroupBy(p => p.Name, StringComparer.Ordinal)
            .Select(g => g.OrderBy(p => p.Version, FixtureVersionOrder.Instance).ToList()).ToList();
        using var work = new TempDirectory("ipm-publish");
        Parallel.ForEach(byName, new ParallelOptions { MaxDegreeOfParallelism = 4 }, versions =>
        {
            foreach (var p in versions)
            {
                var tag = FixtureVersionOrder.IsPrerelease(p.Version) ? "next" : "latest";
                Send(server, HttpMethod.Put, VerdaccioServer.PackagePath(p.Name), Document(server, p, tag, work.Path));
            }

            foreach (var p in versions)
            {
                foreach (var tag in p.DistTags)
                {
                    Send(server, HttpMethod.Put, $"-/package/{VerdaccioServer.PackagePath(p.Name)}/dist-tags/{tag}", JsonValue.Create(p.Version));
                }
            }
        });
    }

    private static JsonObject Document(VerdaccioServer server, FixturePackage p, string tag, string work)
    {
        var tarball = Pack(p.WriteTo(work));
        var manifest = p.Manifest();
        manifest["_id"] = p.Id;
        if (p.DeprecationMessage is not null)
        {
            manifest["deprecated"] = p.DeprecationMessage;
        }

        var fileName = $"{p.Name}-{p.Version}.tgz";
        manifest["dist"] = new JsonObject
        {
            ["integrity"] = "sha512-" + Convert.ToBase64String(SHA512.HashData(tarball)),
            ["shasum"] = Convert.ToHexStringLower(SHA1.HashData(tarball)),
            ["tarball"] = $"{server.Url}{p.Name}/-/{fileName}",
        };
        return new JsonObject
        {
            ["_id"] = p.Name,
            ["name"] = p.Name,
            ["description"] = manifest["description"]?.DeepClone(),
            ["dist-tags"] = new JsonObject { [tag] = p.Version },
            ["versions"] = new JsonObject { [p.Version] = manifest },
            ["access"] = null,
            ["_attachments"] = new JsonObject
            {
                [fileName] = new JsonObject
                {
                    ["content_type"] = "application/octet-stream",
                    ["data"] = Convert.ToBase64String(tarball),
                    ["length"] = tarball.Length,
                },
            },
        };
    }

    /// <summary>The folder as npm packs it: every file under <c>package/</c>, in a gzipped tar.</summary>
    private static byte[] Pack(string folder)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = "package/" + Path.GetRelativePath(folder, file).Replace('\\', '/');
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = new MemoryStream(File.ReadAllBytes(file)),
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                });
            }
        }

        return output.ToArray();
    }

    private static void Send(VerdaccioServer server, HttpMethod method, string path, JsonNode? body)
    {
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "null"));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", NpmClient.AnonymousToken);
        using var response = server.Http.SendAsync(request).GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode)
        {
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        }
    }
}
