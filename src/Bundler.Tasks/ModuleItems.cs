using System.Text.RegularExpressions;
using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;
using Microsoft.Build.Framework;

namespace Bundler.Tasks;

/// <summary><c>IpmModule</c> items to <see cref="ModuleRequest"/>s, each carrying the file and line it was declared at.</summary>
internal static partial class ModuleItems
{
    // Characters of npm ranges (1.2.x, ^1, >=1 <2 || 3) and of dist-tags (what encodeURIComponent leaves alone).
    private const string SpecPunctuation = " .-+*^~<>=|_!'()";

    private static readonly string[] PassThroughPrefixes = ["file:", "npm:", "http://", "https://"];

    /// <summary>Null when any item is wrong; every problem is reported first, not only the first one.</summary>
    public static IReadOnlyList<ModuleRequest>? ToRequests(IReadOnlyList<ITaskItem> items, IBundleLog log)
    {
        var locator = new ItemLocator();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var modules = new List<ModuleRequest>(items.Count);
        var ok = true;
        foreach (var item in items)
        {
            var (file, line) = locator.Locate(item, "IpmModule");
            var include = item.ItemSpec.Trim();
            var version = item.GetMetadata("Version").Trim();
            var local = IsLocalFolder(include);
            var module = local
                ? new ModuleRequest(string.Empty, "file:" + include.Replace('\\', '/'))
                : new ModuleRequest(include, version);
            var problem = local && version.Length > 0 ? Messages.LocalModuleHasVersion(include, version)
                : local ? null
                : CheckVersion(include, version);
            if (problem is null && !seen.Add(local ? module.Spec : module.Name))
            {
                problem = Messages.ModuleDeclaredTwice(include);
            }

            var registry = RequestMapper.NullIfEmpty(item.GetMetadata("Registry"));
            RequestMapper.WarnOnCredentials($"IpmModule '{include}' Registry", registry, log, file, line);
            if (problem is not null)
            {
                log.Report(problem with { File = file, Line = line });
                ok = false;
                continue;
            }

            modules.Add(module with
            {
                Registry = registry,
                Files = RequestMapper.NullIfEmpty(item.GetMetadata("Files")),
                ExcludeFiles = RequestMapper.NullIfEmpty(item.GetMetadata("ExcludeFiles")),
                SourceFile = file,
                SourceLine = line,
            });
        }

        return ok ? modules : null;
    }

    /// <summary>npm's test for "this spec is a path" (npm-package-arg isFilespec).</summary>
    public static bool IsLocalFolder(string include) => LocalPathPattern().IsMatch(include);

    /// <summary>
    /// A lexical check only: it rejects what can be neither a range nor a dist-tag (NuGet intervals, commas,
    /// '@', ...). Whether a plausible range really parses is the Versioning stage's call, which reports it
    /// with this item's file and line too.
    /// </summary>
    public static Diagnostic? CheckVersion(string module, string version)
    {
        if (version.Length == 0 || PassThroughPrefixes.Any(p => version.StartsWith(p, StringComparison.Ordinal)))
        {
            return null;
        }

        if (version[0] is '[' or '(' && version[^1] is ']' or ')')
        {
            return Messages.ModuleVersionNuGetStyle(module, version);
        }

        return version.All(c => char.IsAsciiLetterOrDigit(c) || SpecPunctuation.Contains(c, StringComparison.Ordinal))
            ? null
            : Messages.ModuleVersionInvalid(module, version);
    }

    [GeneratedRegex(@"^(?:\.|~/|[/\\]|[a-zA-Z]:)", RegexOptions.CultureInvariant)]
    private static partial Regex LocalPathPattern();
}
