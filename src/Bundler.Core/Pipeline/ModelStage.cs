using Bundler.Core.Diagnostics;
using Bundler.Core.Generation;
using Bundler.Core.JavaScript;
using Bundler.Core.Packaging;

namespace Bundler.Core.Pipeline;

/// <summary>What the model stage hands to generation.</summary>
/// <param name="Table">The module table to render.</param>
/// <param name="Report">Where the flash goes.</param>
/// <param name="ExtraFiles">IPM-NOTICES.txt and the size reports, written into the output folder with the sources.</param>
/// <param name="ProjectFiles">Full paths of the project's own files that ship (the entry and what it requires).</param>
internal sealed record BundleModel(ModuleTable Table, SizeReport Report, IReadOnlyList<ExtraFile> ExtraFiles, IReadOnlyList<string> ProjectFiles);

/// <summary>
/// Prunes each package to what its require graph reaches, checks and minifies the shipped JavaScript, builds the
/// immutable module table, and prepares the notices and the size report.
/// </summary>
internal static partial class ModelStage
{
    /// <summary>Rows of the summary table printed before "N more packages".</summary>
    public const int SummaryRows = 20;

    // templateNeedsEntry: the template runs the application entry (TemplateManifest.NeedsEntry), so a missing one warns.
    public static BundleModel Build(BundleRequest request, IReadOnlyList<PackageContent> contents, string lockDigest, IBundleLog log, bool templateNeedsEntry = false)
    {
        var profile = EngineProfiles.Parse(request.EngineProfile);
        CheckEmitFolder(request);
        var sources = new Sources(request, contents, profile);
        try
        {
            return Build(request, contents, sources, lockDigest, profile, templateNeedsEntry, log);
        }
        catch (IpmException e) when (sources.OnDisk(e.Diagnostic) is var mapped && !ReferenceEquals(mapped, e.Diagnostic))
        {
            throw new IpmException(mapped, e);
        }
    }

    private static BundleModel Build(BundleRequest request, IReadOnlyList<PackageContent> contents, Sources sources, string lockDigest, EngineProfile profile,
        bool templateNeedsEntry, IBundleLog log)
    {
        foreach (var warning in sources.Warnings)
        {
            log.Report(sources.OnDisk(warning));
        }

        foreach (var note in sources.Notes)
        {
            log.Detail("exports: " + note);
        }

        var entry = ChooseEntry(sources.Entry, contents, sources.Packages, request.Template, templateNeedsEntry, log);
        var prune = RequireGraph.Walk(sources.Packages, entry, sources.IsProjectFile, sources.Scan);
        foreach (var warning in prune.Warnings)
        {
            log.Report(sources.OnDisk(warning));
        }

        var files = new List<ModuleFile>(prune.Shipped.Count);
        var notices = new List<JsNotice>();
        var errors = new List<Diagnostic>();
        foreach (var path in prune.Shipped.Keys)
        {
            log.Detail($"ship: {path} ({prune.Shipped[path]})");
            files.Add(new ModuleFile(path, Process(sources.Read(path), path, request, profile, notices, errors)));
        }

        if (errors.Count > 0)
        {
            foreach (var e in errors.Skip(1))
            {
                log.Report(sources.OnDisk(e));
            }

            throw new IpmException(errors[0]); // mapped to its file on disk by the caller
        }

        var shipped = files.Select(f => f.VirtualPath).ToHashSet(StringComparer.Ordinal);
        var packages = sources.Packages.Select(p => new ModulePackage(p.Name, p.Version, p.Directory,
            p.Main is not null && shipped.Contains(p.Directory + "/" + p.Main) ? p.Directory + "/" + p.Main : null)).ToList();
        var table = new ModuleTable(packages, files, lockDigest, Generator, entry);
        var report = Report(request, sources, prune, table);
        foreach (var line in report.SummaryLines(SummaryRows))
        {
            log.Summary(line);
        }

        if (prune.CoreRequires.Count > 0)
        {
            log.Summary("ipm: built-in modules the firmware must provide: " + string.Join(", ", prune.CoreRequires.Keys));
        }

        if (request.MaxFlashBytes is { } budget && report.FlashBytes > budget)
        {
            throw new IpmException(Messages.OverFlashBudget(report.FlashBytes, budget, report.LargestContributors(5)));
        }

        var projectFiles = files.Where(f => sources.Owner(f.VirtualPath) is null).Select(f => sources.ProjectPath(f.VirtualPath)).ToList();
        return new BundleModel(table, report, ExtraFiles(request, sources, report, notices, lockDigest), projectFiles);
    }

    /// <summary>What generated the output, printed in every file's header (no timestamp).</summary>
    public static string Generator { get; } = "ipm bundler " + (typeof(ModelStage).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0");

    private static byte[] Process(byte[] bytes, string virtualPath, BundleRequest request, EngineProfile profile, List<JsNotice> notices, List<Diagnostic> errors)
    {
        if (!virtualPath.EndsWith(".js", StringComparison.Ordinal) && !virtualPath.EndsWith(".cjs", StringComparison.Ordinal))
        {
            return bytes;
        }

        var doc = JsDocument.Read(bytes, virtualPath);
        foreach (var finding in SyntaxPreflight.Check(doc, profile))
        {
            errors.Add(finding.ToDiagnostic(profile));
        }

        if (!request.Minify)
        {
            return bytes;
        }

        var minified = Minifier.Minify(doc);
        notices.AddRange(minified.Notices);
        return minified.Code;
    }

    private static SizeReport Report(BundleRequest request, Sources sources, PruneResult prune, ModuleTable table)
    {
        var byPath = table.Files.ToDictionary(f => f.VirtualPath, StringComparer.Ordinal);
        FileSize Size(string path, long raw)
        {
            var file = byPath.GetValueOrDefault(path);
            return file is null
                ? new FileSize(path, raw, null, 0, 0)
                : new FileSize(path, raw, prune.Shipped[path], file.Content.Length, TemplateData.FileTableBytes(file));
        }

        var fallback = prune.FallbackPackages.ToHashSet(StringComparer.Ordinal);
        var packages = table.Packages.Select(p =>
        {
            var content = sources.Content(p.Directory);
            var files = content.Files.Select(f => Size(p.Directory + "/" + f, content.Source.Length(f))).ToList();
            return new PackageSize(p.Name, p.Version, p.Directory, false, fallback.Contains(p.Directory), TemplateData.PackageTableBytes(p), files);
        }).ToList();

        var own = table.Files.Where(f => sources.Owner(f.VirtualPath) is null).Select(f => Size(f.VirtualPath, sources.Read(f.VirtualPath).Length)).ToList();
        if (own.Count > 0)
        {
            packages.Add(new PackageSize(request.RootName, "", "/", true, false, 0, own));
        }

        return new SizeReport(table.Generator, table.LockDigest, request.Minify, request.MaxFlashBytes, TemplateData.FixedTableBytes(table), packages, prune.CoreRequires);
    }
}
