using Bundler.Core.Diagnostics;
using Bundler.Core.Packaging;
using Bundler.Core.Pipeline;
using Bundler.Testing;

namespace Bundler.Core.Tests.Packaging;

/// <summary>Extracted packages on disk, as the content stage leaves them, for running the model stage in a test.</summary>
internal sealed class ContentKit : IDisposable
{
    private readonly TempDirectory _temp = new("ipm-model");
    private readonly List<PackageContent> _contents = [];

    public ContentKit()
    {
        Directory.CreateDirectory(Project);
    }

    public string Project => _temp.Combine("project");

    public string Out => _temp.Combine("out");

    public IReadOnlyList<PackageContent> Contents => _contents;

    /// <summary>The folder each package of <see cref="Contents"/> was written to.</summary>
    public List<string> Folders { get; } = [];

    public string Temp(params string[] parts) => _temp.Combine(parts);

    /// <summary>A package at <paramref name="directory"/>; package.json is written unless one is among the files.</summary>
    public ContentKit Package(string directory, string version = "1.0.0", string? main = null, bool topLevel = false, string? license = "MIT",
        string? include = null, string? exclude = null, bool local = false, params (string Path, string Text)[] files)
    {
        var name = directory[(directory.LastIndexOf("/node_modules/", StringComparison.Ordinal) + "/node_modules/".Length)..];
        var folder = _temp.Combine("extracted", _contents.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var all = files.ToList();
        if (!all.Any(f => f.Path == "package.json"))
        {
            var fields = $"\"name\":\"{name}\",\"version\":\"{version}\"" + (main is null ? "" : $",\"main\":\"{main}\"") + (license is null ? "" : $",\"license\":\"{license}\"");
            all.Add(("package.json", "{" + fields + "}"));
        }

        foreach (var (path, text) in all)
        {
            var target = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text);
        }

        Folders.Add(folder);
        _contents.Add(new PackageContent(name, version, directory, PackageSource.Disk(folder, local), all.Select(f => f.Path).Order(StringComparer.Ordinal).ToList(),
            Glob.List(include), Glob.List(exclude), [], topLevel, local));
        return this;
    }

    public ContentKit ProjectFile(string relative, string text)
    {
        var target = Path.Combine(Project, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, text);
        return this;
    }

    public BundleRequest Request(string? entry = null) => new()
    {
        Modules = [],
        ProjectDirectory = Project,
        OutputDirectory = Out,
        RootName = "app",
        Entry = entry is null ? null : Path.Combine(Project, entry),
    };

    public BundleModel Build(BundleRequest? request = null, IBundleLog? log = null, bool templateNeedsEntry = false) =>
        ModelStage.Build(request ?? Request(), _contents, "sha512-test", log ?? NullBundleLog.Instance, templateNeedsEntry);

    public void Dispose() => _temp.Dispose();
}
