using Bundler.Core.Diagnostics;
using Bundler.Core.Generation;
using Bundler.Core.JavaScript;

namespace Bundler.Core.Pipeline;

/// <summary>Reads the selected files, checks and minifies the JavaScript, and builds the immutable module table.</summary>
internal static class ModelStage
{
    public static (ModuleTable Table, IReadOnlyList<JsNotice> Notices) Build(BundleRequest request, IReadOnlyList<PackageContent> contents, string lockDigest, IBundleLog log)
    {
        var profile = EngineProfiles.Parse(request.EngineProfile);
        var files = new List<ModuleFile>();
        var notices = new List<JsNotice>();
        var errors = new List<Diagnostic>();
        long raw = 0;
        foreach (var c in contents)
        {
            foreach (var relative in c.Files)
            {
                var virtualPath = c.VirtualDirectory + "/" + relative;
                var bytes = File.ReadAllBytes(Path.Combine(c.Folder, relative));
                raw += bytes.Length;
                files.Add(new ModuleFile(virtualPath, Process(bytes, virtualPath, request, profile, notices, errors)));
            }
        }

        string? entry = null;
        if (request.Entry is not null)
        {
            var (path, bytes) = ReadEntry(request);
            raw += bytes.Length;
            files.Add(new ModuleFile(path, Process(bytes, path, request, profile, notices, errors)));
            entry = path;
        }

        if (errors.Count > 0)
        {
            foreach (var e in errors.Skip(1))
            {
                log.Report(e);
            }

            throw new IpmException(errors[0]);
        }

        var packages = contents.Select(c => new ModulePackage(c.Name, c.Version, c.VirtualDirectory, c.Main)).ToList();
        var table = new ModuleTable(packages, files, lockDigest, Generator, entry);
        var shipped = files.Sum(f => (long)f.Content.Length);
        log.Summary($"ipm: {files.Count} files, {raw} bytes raw, {shipped} bytes shipped{(request.Minify ? " after minification" : "")}");
        return (table, notices);
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

    // The application entry sits at its path inside the project, so its own relative requires keep working.
    private static (string VirtualPath, byte[] Bytes) ReadEntry(BundleRequest request)
    {
        var full = Path.GetFullPath(request.Entry!, request.ProjectDirectory);
        if (!File.Exists(full))
        {
            throw new IpmException(Messages.EntryMissing(full));
        }

        var relative = Path.GetRelativePath(request.ProjectDirectory, full).Replace('\\', '/');
        if (relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new IpmException(Messages.EntryOutsideProject(full, request.ProjectDirectory));
        }

        return ("/" + relative, File.ReadAllBytes(full));
    }
}
