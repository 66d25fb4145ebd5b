namespace Bundler.Core.Packaging;

/// <summary>
/// The default file set of a package on a device: JavaScript and JSON only, without tests, examples, docs,
/// maps, TypeScript sources and dotfiles. <c>Files</c> globs add to it, <c>ExcludeFiles</c> globs remove from it.
/// </summary>
public static class FileSelector
{
    private static readonly Glob[] DefaultExcludes =
    [
        .. new[]
        {
            "test/", "tests/", "__tests__/", "spec/", "example/", "examples/", "doc/", "docs/", "benchmark/", "benchmarks/", "coverage/",
            "*.md", "*.markdown", "*.map", "*.d.ts", "*.ts", "*.test.js", "*.spec.js", ".*", "Gruntfile.js", "gulpfile.js",
        }.Select(p => new Glob(p)),
    ];

    private static readonly string[] DeviceExtensions = [".js", ".json", ".cjs"];

    /// <summary>True when the file belongs to the default device set.</summary>
    public static bool IsDefault(string relativePath)
    {
        if (string.Equals(relativePath, "package.json", StringComparison.Ordinal))
        {
            return true; // main and version live here, and packages read their own package.json
        }

        return DeviceExtensions.Any(e => relativePath.EndsWith(e, StringComparison.Ordinal))
            && !DefaultExcludes.Any(g => g.IsMatch(relativePath));
    }

    /// <summary>Applies the default set and the item's include/exclude globs; result ordinally sorted.</summary>
    public static IReadOnlyList<string> Select(IEnumerable<string> relativePaths, IReadOnlyList<Glob> include, IReadOnlyList<Glob> exclude) =>
        relativePaths
            .Where(p => (IsDefault(p) || include.Any(g => g.IsMatch(p))) && !exclude.Any(g => g.IsMatch(p)))
            .Order(StringComparer.Ordinal)
            .ToList();
}
