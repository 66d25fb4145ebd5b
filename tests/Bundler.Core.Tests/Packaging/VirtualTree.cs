using System.Text;
using Bundler.Core.JavaScript;
using Bundler.Core.Packaging;

namespace Bundler.Core.Tests.Packaging;

/// <summary>An in-memory bundle for pruning tests: packages with their files, and project files around them.</summary>
internal sealed class VirtualTree
{
    private readonly Dictionary<string, string> _text = new(StringComparer.Ordinal);
    private readonly List<PackageFiles> _packages = [];
    private readonly List<string> _scanned = [];

    /// <summary>Every file scanned for requires, in order.</summary>
    public IReadOnlyList<string> Scanned => _scanned;

    /// <summary>
    /// Adds the package at <paramref name="directory"/>; its package.json is written from the arguments (with
    /// <paramref name="main"/>), and its main is resolved as the pipeline does.
    /// </summary>
    public VirtualTree Package(string directory, string? main = null, bool topLevel = false, string[]? dependencies = null, string? include = null,
        params (string Path, string Text)[] files)
    {
        var name = directory[(directory.LastIndexOf("/node_modules/", StringComparison.Ordinal) + "/node_modules/".Length)..];
        var all = files.ToList();
        all.Add(("package.json", main is null ? $$"""{"name":"{{name}}","version":"1.0.0"}""" : $$"""{"name":"{{name}}","version":"1.0.0","main":"{{main}}"}"""));
        foreach (var (path, text) in all)
        {
            _text[directory + "/" + path] = text;
        }

        var set = all.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        _packages.Add(new PackageFiles
        {
            Name = name,
            Version = "1.0.0",
            Directory = directory,
            Files = all.Select(f => f.Path).Order(StringComparer.Ordinal).ToList(),
            Main = PackageMain.Resolve(set, main),
            TopLevel = topLevel,
            Dependencies = dependencies ?? [],
            Include = Glob.List(include),
        });
        return this;
    }

    /// <summary>A file of the project folder (outside every package).</summary>
    public VirtualTree Project(string path, string text)
    {
        _text[path] = text;
        return this;
    }

    public PruneResult Walk(string? entry = null) =>
        RequireGraph.Walk(_packages, entry, p => _text.ContainsKey(p) && !_packages.Any(k => p.StartsWith(k.Directory + "/", StringComparison.Ordinal)), Scan);

    private RequireScan Scan(string path)
    {
        _scanned.Add(path);
        return RequireScanner.Scan(Encoding.UTF8.GetBytes(_text[path]), path);
    }
}
