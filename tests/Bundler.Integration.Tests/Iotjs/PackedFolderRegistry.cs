using System.Text.Json.Nodes;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Iotjs;

/// <summary>
/// A static folder registry (<c>{root}/{name}/index.json</c>, tarballs under <c>{root}/{name}/-/</c>, relative
/// tarball URLs) made of tarballs the real npm packed: <c>npm pack --json</c> gives each tarball with the
/// integrity and shasum npm computed, so the registry holds what a publish would hold.
/// </summary>
internal static class PackedFolderRegistry
{
    public static void Write(string root, IReadOnlyList<FixturePackage> packages)
    {
        using var work = new TempDirectory("ipm-pack");
        var folders = packages.Select(p => p.WriteTo(work.Path)).ToList();
        var packed = NpmClient.Run(["pack", "--json", "--pack-destination", work.Path, .. folders], work.Path,
            "http://127.0.0.1:9/", token: null);
        var results = JsonNode.Parse(packed.StdOut)!.AsArray()
            .ToDictionary(r => $"{(string)r!["name"]!}@{(string)r!["version"]!}", r => r!, StringComparer.Ordinal);
        var packuments = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var package in packages)
        {
            var result = results[package.Id];
            var fileName = (string)result!["filename"]!;
            var folder = Path.Combine(root, package.Name.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.Combine(folder, "-"));
            File.Move(Path.Combine(work.Path, fileName), Path.Combine(folder, "-", fileName));
            var manifest = package.Manifest();
            manifest["dist"] = new JsonObject
            {
                ["tarball"] = "-/" + fileName,
                ["integrity"] = (string)result["integrity"]!,
                ["shasum"] = (string)result["shasum"]!,
            };
            if (!packuments.TryGetValue(package.Name, out var packument))
            {
                packument = new JsonObject { ["name"] = package.Name, ["dist-tags"] = new JsonObject(), ["versions"] = new JsonObject() };
                packuments[package.Name] = packument;
            }

            packument["versions"]![package.Version] = manifest;
            packument["dist-tags"]!["latest"] = package.Version; // callers list versions in ascending order
        }

        foreach (var (name, packument) in packuments)
        {
            File.WriteAllText(Path.Combine(root, name.Replace('/', Path.DirectorySeparatorChar), "index.json"), packument.ToJsonString());
        }
    }
}
