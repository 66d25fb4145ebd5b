using System.Text.Json;
using Bundler.Core.Diagnostics;
using Bundler.Core.Resolution;

namespace Bundler.Core.Pipeline;

/// <summary>Turns command-line specs and a package.json into the declared modules of a bundle run.</summary>
public static class ProjectInput
{
    /// <summary>Modules from <c>name@spec</c> arguments and the manifest's <c>dependencies</c> (arguments win).</summary>
    public static (IReadOnlyList<ModuleRequest> Modules, string ProjectDirectory, string RootName) Read(
        IReadOnlyList<string> specs, string? manifestPath, string currentDirectory)
    {
        var modules = new SortedDictionary<string, ModuleRequest>(StringComparer.Ordinal);
        var projectDir = currentDirectory;
        var rootName = "root";
        if (manifestPath is not null)
        {
            var full = Path.GetFullPath(manifestPath, currentDirectory);
            if (Directory.Exists(full))
            {
                full = Path.Combine(full, "package.json");
            }

            projectDir = Path.GetDirectoryName(full)!;
            (rootName, var deps) = ReadDependencies(full);
            foreach (var (name, spec) in deps)
            {
                modules[name] = new ModuleRequest(name, spec) { SourceFile = full };
            }
        }

        foreach (var arg in specs)
        {
            var spec = PackageSpec.ParseArgument(arg);
            modules[spec.Name] = new ModuleRequest(spec.Name, spec.Raw.Length == 0 ? "*" : spec.Raw);
        }

        return (modules.Values.ToList(), projectDir, rootName);
    }

    private static (string Name, IReadOnlyDictionary<string, string> Deps) ReadDependencies(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new IpmException(Messages.ManifestUnreadable(path, "not a JSON object"));
            }

            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : Path.GetFileName(Path.GetDirectoryName(path)!);
            var deps = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in new[] { "dependencies", "optionalDependencies" })
            {
                if (root.TryGetProperty(key, out var d) && d.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in d.EnumerateObject())
                    {
                        deps[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : "*";
                    }
                }
            }

            return (name, deps);
        }
        catch (JsonException ex)
        {
            throw new IpmException(Messages.ManifestUnreadable(path, ex.Message));
        }
        catch (IOException ex)
        {
            throw new IpmException(Messages.ManifestUnreadable(path, ex.Message));
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IpmException(Messages.ManifestUnreadable(path, ex.Message));
        }
    }
}
