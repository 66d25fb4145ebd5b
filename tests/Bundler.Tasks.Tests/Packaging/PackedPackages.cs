using System.IO.Compression;
using Bundler.Testing;

namespace Bundler.Tasks.Tests.Packaging;

/// <summary>
/// Packs Ipm.Bundler and the ipm tool once, as a user's CI would, into a temporary feed. The templates come from
/// a folder the fixture makes, so the layout is checked whatever the repository's template sets hold today.
/// </summary>
public sealed class PackedPackages : IDisposable
{
    private readonly TempDirectory _dir = new("ipm-pack");

    public PackedPackages()
    {
        TemplatesDir = _dir.Combine("templates");
        foreach (var relative in TemplateFiles)
        {
            _dir.Write(Path.Combine("templates", relative), $"{{{{! fixture {relative} }}}}\n");
        }

        Feed = _dir.Combine("feed");
        foreach (var project in new[] { "Bundler.Tasks", "Bundler.Cli" })
        {
            DotNetCli.Run(
                ["pack", Path.Combine(RepoPaths.Root, "src", project), "-c", "Release", "-o", Feed, "--nologo",
                 $"-p:ArtifactsPath={_dir.Combine("artifacts")}", $"-p:BundlerTemplatesDir={TemplatesDir}/",
                 "-p:Version=0.0.0-packtest"]).EnsureSuccess($"dotnet pack {project}");
        }

        Tasks = Path.Combine(Feed, "Ipm.Bundler.0.0.0-packtest.nupkg");
        Tool = Path.Combine(Feed, "Ipm.Bundler.Cli.0.0.0-packtest.nupkg");
    }

    /// <summary>Template files the fixture creates, relative to the templates folder, '/'-separated.</summary>
    public static IReadOnlyList<string> TemplateFiles { get; } =
        ["generic/ipm_modules.c.hbs", "generic/partials/module.hbs", "iotjs/modules.json.hbs"];

    public string TemplatesDir { get; }

    public string Feed { get; }

    public string Tasks { get; }

    public string Tool { get; }

    public static IReadOnlyList<string> Entries(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        return zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToArray();
    }

    public static string Read(string nupkg, string entry)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        using var reader = new StreamReader(zip.GetEntry(entry)?.Open() ?? throw new FileNotFoundException(entry));
        return reader.ReadToEnd();
    }

    public void Dispose() => _dir.Dispose();
}
