using System.Text;
using Bundler.Core.Generation;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Generation;

/// <summary>Helpers shared by the tests that compile and run generated C.</summary>
internal static class GeneratedC
{
    /// <summary>The generic template set as the running tool finds it (copied beside the assemblies).</summary>
    public static string GenericTemplates => TemplateSets.Resolve("generic");

    /// <summary>C programs the tests compile against generated tables.</summary>
    public static string Source(string name) =>
        Path.Combine(RepoPaths.Root, "tests", "Bundler.Integration.Tests", "Generation", "c", name);

    public static ModuleFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// The C files the generic set writes into <paramref name="folder"/>, both of which a firmware compiles: the
    /// bundle's data and tables (ipm_modules.c) and the resolver (ipm_resolver.c, the same for every bundle).
    /// </summary>
    public static string[] Sources(string folder) => [Path.Combine(folder, "ipm_modules.c"), Path.Combine(folder, "ipm_resolver.c")];

    /// <summary>Generates <paramref name="table"/> with the generic set into <paramref name="folder"/>.</summary>
    public static string Generate(ModuleTable table, string folder)
    {
        CodeGenerator.Generate(table, GenericTemplates, folder);
        return folder;
    }

    /// <summary>
    /// Writes the table's files as a real folder tree under <paramref name="root"/>, so Node can run or resolve
    /// the same modules from disk as an oracle. Returns the real path of the root (Node reports real paths).
    /// </summary>
    public static string WriteTree(ModuleTable table, string root)
    {
        foreach (var f in table.Files)
        {
            var target = Path.Combine(root, f.VirtualPath.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            System.IO.File.WriteAllBytes(target, f.Content);
        }

        return new DirectoryInfo(root).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(root);
    }

    /// <summary>Builds the table's package list from its package.json files, with Node's main resolution.</summary>
    public static IReadOnlyList<ModulePackage> PackagesOf(IReadOnlyList<ModuleFile> files)
    {
        var paths = files.Select(f => f.VirtualPath).ToHashSet(StringComparer.Ordinal);
        return files.Where(f => f.VirtualPath.EndsWith("/package.json", StringComparison.Ordinal) && f.VirtualPath.Contains("/node_modules/", StringComparison.Ordinal))
            .Select(f =>
            {
                using var json = System.Text.Json.JsonDocument.Parse(f.Content);
                var dir = VirtualPath.Directory(f.VirtualPath);
                string? Get(string name) => json.RootElement.TryGetProperty(name, out var v) ? v.GetString() : null;
                var name = Get("name") ?? dir[(dir.LastIndexOf("/node_modules/", StringComparison.Ordinal) + 14)..];
                return new ModulePackage(name, Get("version") ?? "0.0.0", dir, PackageMain.Resolve(dir, Get("main"), paths.Contains));
            })
            .ToList();
    }
}
