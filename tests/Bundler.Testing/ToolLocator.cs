using System.Collections.Concurrent;

namespace Bundler.Testing;

/// <summary>
/// Finds the real programs and npm tools the tests run. A missing tool is an error that says how to install it:
/// tests never skip because a tool is absent, or CI would go green without testing anything.
/// </summary>
public static class ToolLocator
{
    private const string SetupHint = "run `bash eng/setup.sh test` in the repository root";

    private static readonly ConcurrentDictionary<string, string?> Found = new(StringComparer.Ordinal);

    public static string Node => Find("node");

    public static string Npm => Find("npm");

    public static string Gcc => Find("gcc");

    /// <summary>tests/tools/node_modules, checked to exist.</summary>
    public static string ToolsNodeModules
    {
        get
        {
            var dir = Path.Combine(RepoPaths.Tools, "node_modules");
            if (!Directory.Exists(dir))
            {
                throw new InvalidOperationException($"{dir} is missing: {SetupHint}.");
            }

            return dir;
        }
    }

    /// <summary>The node script that starts Verdaccio (run with <see cref="Node"/>, never through a shell).</summary>
    public static string VerdaccioScript => ToolFile("verdaccio", "bin", "verdaccio");

    /// <summary>A file inside an installed npm tool package, e.g. ToolFile("semver", "package.json").</summary>
    public static string ToolFile(string package, params string[] parts)
    {
        var path = Path.Combine([ToolsNodeModules, package, .. parts]);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing (the npm tool '{package}' is not installed): {SetupHint}.");
        }

        return path;
    }

    /// <summary>The full path of an executable on PATH; throws with an install hint when there is none.</summary>
    public static string Find(string name) =>
        TryFind(name) ?? throw new InvalidOperationException($"'{name}' was not found on PATH: {SetupHint}.");

    public static string? TryFind(string name) => Found.GetOrAdd(name, Search);

    private static string? Search(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var suffixes = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", "" } : new[] { "" };
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var suffix in suffixes)
            {
                var candidate = Path.Combine(dir, name + suffix);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
