using System.Text;
using Bundler.Core.Diagnostics;
using Bundler.Core.Generation;
using Bundler.Core.JavaScript;
using Bundler.Core.Packaging;

namespace Bundler.Core.Pipeline;

internal static partial class ModelStage
{
    /// <summary>
    /// Writes the exact shipped bytes under their virtual paths into <see cref="BundleRequest.EmitFilesDirectory"/>,
    /// replacing that folder as a whole (as the output folder is): what the device sees, as a tree to inspect or
    /// to run with node.
    /// </summary>
    public static IReadOnlyList<string> EmitFiles(BundleRequest request, ModuleTable table, string templateDirectory, IBundleLog log)
    {
        if (request.EmitFilesDirectory is null)
        {
            return [];
        }

        var written = OutputFolder.Replace(request.EmitFilesDirectory, templateDirectory, staging =>
        {
            foreach (var f in table.Files)
            {
                var target = Path.Combine(staging, f.VirtualPath[1..].Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, f.Content);
            }

            return table.Files.Select(f => f.VirtualPath[1..]).ToList();
        }, log);
        log.Summary($"ipm: wrote the {written.Count} shipped files into {request.EmitFilesDirectory}");
        return written;
    }

    // The emit folder is deleted and replaced: it must not be, hold or sit in the output folder, nor hold the project.
    private static void CheckEmitFolder(BundleRequest request)
    {
        if (request.EmitFilesDirectory is null)
        {
            return;
        }

        var emit = Full(request.EmitFilesDirectory);
        var output = Full(request.OutputDirectory);
        if (Within(emit, output) || Within(output, emit))
        {
            throw new IpmException(Messages.EmitFolderOverlaps(emit, "the output folder", output));
        }

        var project = Full(request.ProjectDirectory);
        if (Within(project, emit))
        {
            throw new IpmException(Messages.EmitFolderOverlaps(emit, "the project folder", project));
        }
    }

    private static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies below it.</summary>
    private static bool Within(string path, string folder)
    {
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return string.Equals(path, folder, comparison) || path.StartsWith(folder + Path.DirectorySeparatorChar, comparison);
    }

    private static List<ExtraFile> ExtraFiles(BundleRequest request, Sources sources, SizeReport report, List<JsNotice> notices, string lockDigest)
    {
        var byPackage = notices.GroupBy(n => sources.Owner(n.File)?.VirtualDirectory ?? "/", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var noticeSources = sources.Packages
            .GroupBy(p => (p.Name, p.Version))
            .Select(g =>
            {
                // Same name and version: same published files, so one copy's license files speak for all.
                var first = sources.Content(g.First().Directory);
                var license = first.Source.Exists("package.json") ? NoticesFile.ReadLicenseField(first.Source.Read("package.json")) : null;
                var licenseFiles = first.Files.Where(NoticesFile.IsLicenseFile)
                    .Select(f => (f, NoticesFile.ReadText(first.Source.Read(f))))
                    .ToList();
                var comments = g.SelectMany(p => byPackage.GetValueOrDefault(p.Directory) ?? []).ToList();
                return new NoticeSource(g.Key.Name, g.Key.Version, g.Select(p => p.Directory).ToList(), license, licenseFiles, comments);
            });
        var text = NoticesFile.Render(Generator, lockDigest, request.Minify, noticeSources, byPackage.GetValueOrDefault("/") ?? []);
        var json = SizeReportJson.Write(report);
        return
        [
            new ExtraFile(NoticesFile.FileName, Encoding.UTF8.GetBytes(text)),
            new ExtraFile(SizeReport.JsonFileName, json),
            new ExtraFile(SizeReport.HtmlFileName, SizeReportHtml.Write(json)),
        ];
    }
}
