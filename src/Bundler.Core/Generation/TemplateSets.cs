using Bundler.Core.Diagnostics;

namespace Bundler.Core.Generation;

/// <summary>Finds a template set by name (<c>generic</c>, <c>iotjs</c>, ...) or by folder path.</summary>
public static class TemplateSets
{
    /// <summary>
    /// Folders searched for shipped sets, in order: <c>templates/</c> beside Bundler.Core.dll (what the MSBuild
    /// task package ships; MSBuild's own AppContext.BaseDirectory is MSBuild's folder), then beside the host
    /// application (the CLI copies the repository's <c>templates/**</c> to its output).
    /// </summary>
    public static IReadOnlyList<string> ShippedRoots { get; } = FindRoots();

    /// <summary>
    /// The full path of the template folder <paramref name="nameOrPath"/> names. A bare name (no path
    /// separator) is looked up among the shipped sets first; anything else, or a name no set has, is taken as
    /// a folder relative to <paramref name="baseDirectory"/> (default: the current directory).
    /// </summary>
    /// <exception cref="IpmException">IPM8001 when neither a shipped set nor an existing folder matches.</exception>
    public static string Resolve(string nameOrPath, string? baseDirectory = null) =>
        Resolve(nameOrPath, baseDirectory, ShippedRoots);

    internal static string Resolve(string nameOrPath, string? baseDirectory, IReadOnlyList<string> roots)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        var isName = nameOrPath.Length > 0
            && nameOrPath.IndexOfAny(['/', '\\']) < 0
            && nameOrPath is not ("." or "..");
        if (isName)
        {
            foreach (var root in roots)
            {
                var candidate = Path.Combine(root, nameOrPath);
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        if (nameOrPath.Length > 0)
        {
            var folder = Path.GetFullPath(nameOrPath, baseDirectory ?? Directory.GetCurrentDirectory());
            if (Directory.Exists(folder))
            {
                return folder;
            }
        }

        throw new IpmException(Messages.UnknownTemplateSet(nameOrPath, Available(roots)));
    }

    /// <summary>Names of the shipped sets, ordinally sorted.</summary>
    internal static IReadOnlyList<string> Available(IReadOnlyList<string> roots) =>
        roots.Where(Directory.Exists)
            .SelectMany(Directory.EnumerateDirectories)
            .Select(d => Path.GetFileName(d))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static List<string> FindRoots()
    {
        var roots = new List<string>();
        var coreDirectory = Path.GetDirectoryName(typeof(TemplateSets).Assembly.Location);
        foreach (var dir in new[] { coreDirectory, AppContext.BaseDirectory })
        {
            if (string.IsNullOrEmpty(dir))
            {
                continue; // Assembly.Location is empty in single-file apps.
            }

            var root = Path.GetFullPath(Path.Combine(dir, "templates"));
            if (!roots.Contains(root, StringComparer.Ordinal))
            {
                roots.Add(root);
            }
        }

        return roots;
    }
}
