using Bundler.Core.Diagnostics;

namespace Bundler.Core.Pipeline;

internal static partial class ModelStage
{
    /// <summary>
    /// The application entry's virtual path, or null. <c>--entry</c> / <c>IpmEntry</c> wins. Without it, a declared
    /// module installed from a local folder (<c>"my-app": "file:../app"</c>) is the user's own application, so when
    /// exactly one declared module is such a package its main is the entry: a template that runs the entry
    /// (<c>iotjs ipm_main</c>) then runs it with no further option. Several candidates, or none, leave no entry; a
    /// template that needs one warns, since the firmware would only find out at run time.
    /// </summary>
    internal static string? ChooseEntry(string? given, IReadOnlyList<PackageContent> contents, IReadOnlyList<Packaging.PackageFiles> packages,
        string template, bool templateNeedsEntry, IBundleLog log)
    {
        if (given is not null)
        {
            return given;
        }

        var local = contents.Where(c => c.Local && c.TopLevel).Select(c => c.VirtualDirectory).ToHashSet(StringComparer.Ordinal);
        var candidates = packages.Where(p => local.Contains(p.Directory) && p.Main is not null)
            .OrderBy(p => p.Directory, StringComparer.Ordinal)
            .ToList();
        if (candidates.Count == 1)
        {
            var entry = candidates[0].Directory + "/" + candidates[0].Main;
            log.Summary($"ipm: application entry: {entry} (main of the local folder package {candidates[0].Name}; --entry chooses another)");
            return entry;
        }

        if (templateNeedsEntry)
        {
            log.Report(candidates.Count == 0
                ? Messages.NoApplicationEntry(template)
                : Messages.AmbiguousApplicationEntry(template, candidates.Select(p => p.Name)));
        }

        return null;
    }
}
