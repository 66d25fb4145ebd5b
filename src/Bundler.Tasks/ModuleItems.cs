using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;
using Bundler.Core.Registry;
using Bundler.Core.Versioning;
using Microsoft.Build.Framework;

namespace Bundler.Tasks;

/// <summary><c>IpmModule</c> items to <see cref="ModuleRequest"/>s, each carrying the file and line it was declared at.</summary>
internal static class ModuleItems
{
    // Besides ASCII letters and digits, what encodeURIComponent leaves alone: npm's rule for dist-tag names.
    private const string TagPunctuation = "-_.!~*'()";

    /// <summary>Null when any item is wrong; every problem is reported first, not only the first one.</summary>
    public static IReadOnlyList<ModuleRequest>? ToRequests(IReadOnlyList<ITaskItem> items, string projectDirectory, IBundleLog log)
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

            var registry = RequestMapper.RegistryLocation(item.GetMetadata("Registry"), projectDirectory);
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

    /// <summary>npm's test for "this spec is a path" (npm-package-arg isFilespec), shared with the core.</summary>
    public static bool IsLocalFolder(string include) => ModuleRequest.IsLocalPath(include);

    /// <summary>
    /// The check npm-package-arg makes before anything is fetched: a registry spec is a version or range
    /// (node-semver, loose) or else a dist-tag, which must be a string <c>encodeURIComponent</c> leaves alone;
    /// an <c>npm:</c> alias must name a valid package and a registry spec. <c>file:</c> and http(s) specs are
    /// the Resolution stage's to judge. Reported here so the error points at the item's line.
    /// </summary>
    public static Diagnostic? CheckVersion(string module, string version)
    {
        if (version.StartsWith("file:", StringComparison.Ordinal) || version.StartsWith("http://", StringComparison.Ordinal)
            || version.StartsWith("https://", StringComparison.Ordinal))
        {
            return null;
        }

        if (version.Length > 1 && version[0] is '[' or '(' && version[^1] is ']' or ')')
        {
            return Messages.ModuleVersionNuGetStyle(module, version, NuGetRanges.ToNpm(version));
        }

        var valid = version.StartsWith("npm:", StringComparison.Ordinal) ? IsAlias(version[4..]) : IsRegistrySpec(version);
        return valid ? null : Messages.ModuleVersionInvalid(module, version);
    }

    /// <summary>Empty (any version), a range or version npm parses, or a dist-tag name.</summary>
    public static bool IsRegistrySpec(string spec) =>
        spec.Length == 0 || NpmRange.TryParse(spec, out _) || spec.All(c => char.IsAsciiLetterOrDigit(c) || TagPunctuation.Contains(c, StringComparison.Ordinal));

    // npm:name, npm:name@spec, npm:@scope/name@spec (an alias of an alias is not allowed).
    private static bool IsAlias(string target)
    {
        var at = target.StartsWith('@') ? target.IndexOf('@', 1) : target.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? target : target[..at];
        var spec = at < 0 ? string.Empty : target[(at + 1)..].Trim();
        return PackageNames.IsValid(name) && (at < 0 || spec.Length > 0) && !spec.StartsWith("npm:", StringComparison.Ordinal) && IsRegistrySpec(spec);
    }
}
