using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;

namespace Bundler.Core.Pipeline;

/// <summary>
/// The command line's <c>--files</c> and <c>--exclude-files</c>: each value is <c>GLOBS</c> (';'-separated, for every
/// declared module) or <c>NAME=GLOBS</c> (for the declared module NAME only). They add to what a module already has.
/// </summary>
public static class ModuleFileGlobs
{
    /// <summary>The modules with the option values added to their <c>Files</c> and <c>ExcludeFiles</c>.</summary>
    public static IReadOnlyList<ModuleRequest> Apply(IReadOnlyList<ModuleRequest> modules, IReadOnlyList<string> files, IReadOnlyList<string> excludeFiles)
    {
        var include = Parse(OptionNames.Files.Name, files, modules);
        var exclude = Parse(OptionNames.ExcludeFiles.Name, excludeFiles, modules);
        return modules.Select(m => m with
        {
            Files = Join(m.Files, include.For(m.Name)),
            ExcludeFiles = Join(m.ExcludeFiles, exclude.For(m.Name)),
        }).ToList();
    }

    private static Globs Parse(string option, IReadOnlyList<string> values, IReadOnlyList<ModuleRequest> modules)
    {
        var all = new List<string>();
        var perModule = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? value[..eq].Trim() : null;
            if (name is null || !PackageNames.IsValid(name))
            {
                all.Add(value);
                continue;
            }

            if (!modules.Any(m => string.Equals(m.Name, name, StringComparison.Ordinal)))
            {
                throw new IpmException(Messages.FileGlobsForUnknownModule(option, name));
            }

            if (!perModule.TryGetValue(name, out var list))
            {
                perModule[name] = list = [];
            }

            list.Add(value[(eq + 1)..]);
        }

        return new Globs(all, perModule);
    }

    private static string? Join(string? existing, IEnumerable<string> added)
    {
        var parts = (existing is null ? [] : new[] { existing }).Concat(added).Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return parts.Count == 0 ? null : string.Join(';', parts);
    }

    private sealed record Globs(List<string> All, Dictionary<string, List<string>> PerModule)
    {
        public IEnumerable<string> For(string name) => All.Concat(PerModule.GetValueOrDefault(name) ?? []);
    }
}
