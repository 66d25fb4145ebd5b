using System.Text.Json;
using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;

namespace Bundler.Core.Resolution;

/// <summary>
/// Local folder packages (<c>file:../app</c>): a firmware's own application code, bundled with its dependencies.
/// Unlike npm, which links them, the bundler copies them into the tree like any other package, so the device
/// sees one node_modules layout.
/// </summary>
internal sealed class LocalPackages
{
    public LocalPackages(string projectDirectory)
    {
        ProjectDirectory = Path.GetFullPath(projectDirectory);
    }

    public string ProjectDirectory { get; }

    /// <summary>Makes a directory spec absolute against the folder of the package that declares it.</summary>
    public static PackageSpec Anchor(PackageSpec spec, string? baseDirectory)
    {
        if (spec.Kind != SpecKind.Directory || baseDirectory is null)
        {
            return spec;
        }

        var path = spec.Range.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), spec.Range[2..])
            : Path.Combine(baseDirectory, spec.Range);
        return spec with { Range = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) };
    }

    public TreeNode CreateNode(PackageSpec spec, TreeNode from, string chain)
    {
        var dir = spec.Range;
        var manifestPath = Path.Combine(dir, "package.json");
        if (!Path.IsPathFullyQualified(dir) || !File.Exists(manifestPath))
        {
            throw new IpmException(Messages.LocalPackageMissing(spec.Name, dir, from.Chain));
        }

        var m = ReadManifest(manifestPath, spec.Name);
        return new TreeNode(spec.Name, m.Name, m.Version, TreeBuilder.Declare(m, dir))
        {
            Manifest = m,
            LocalPath = dir,
            Resolved = "file:" + Relative(dir),
            Chain = chain,
            RequiredBy = from.Chain,
            RequestedSpec = spec.Raw,
        };
    }

    /// <summary>The path as the lock file stores it: relative to the project, with forward slashes.</summary>
    public string Relative(string absolute) => Path.GetRelativePath(ProjectDirectory, absolute).Replace('\\', '/');

    /// <summary>Reads a package.json as a manifest (name and version default to the folder name and 0.0.0).</summary>
    public static PackageManifest ReadManifest(string path, string fallbackName)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            throw new IpmException(Messages.ManifestUnreadable(path, ex.Message));
        }

        return ReadManifest(bytes, path, fallbackName);
    }

    /// <summary>Reads package.json bytes as a manifest; <paramref name="path"/> (absolute, or a bundle's virtual
    /// path) names it in messages.</summary>
    public static PackageManifest ReadManifest(byte[] bytes, string path, string fallbackName)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var e = doc.RootElement;
            var version = e.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "0.0.0";
            return PackumentReader.ReadManifest(e, fallbackName, version, new Uri(new Uri("file:///"), path.Replace('\\', '/')));
        }
        catch (JsonException ex)
        {
            throw new IpmException(Messages.ManifestUnreadable(path, ex.Message));
        }
    }
}
