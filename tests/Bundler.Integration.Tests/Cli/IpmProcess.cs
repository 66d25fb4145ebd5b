using Bundler.Testing;

namespace Bundler.Integration.Tests.Cli;

/// <summary>
/// Runs the real <c>ipm</c> (the CLI project's ipm.dll, built with this test project) as a process, in a world of
/// its own: HOME and the cache point into the test's folder, and no npm_config_* variable of the machine leaks in.
/// </summary>
internal sealed class IpmProcess
{
    private readonly Dictionary<string, string?> _environment;

    public IpmProcess(TempDirectory dir, IReadOnlyDictionary<string, string>? environment = null)
    {
        Home = dir.Combine("home");
        Cache = dir.Combine("cache");
        Directory.CreateDirectory(Home);
        _environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["HOME"] = Home,
            ["USERPROFILE"] = Home,
            ["XDG_CACHE_HOME"] = Cache,
        };
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (key.StartsWith("npm_config_", StringComparison.OrdinalIgnoreCase))
            {
                _environment[key] = null;
            }
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            _environment[k] = v;
        }
    }

    /// <summary>The user's home folder the process sees (its <c>~/.npmrc</c> is read).</summary>
    public string Home { get; }

    /// <summary>The archive cache folder (XDG_CACHE_HOME), empty at the start.</summary>
    public string Cache { get; }

    /// <summary>ipm.dll of the same configuration as this test assembly.</summary>
    public static string Dll
    {
        get
        {
            // bin/<Configuration>/net10.0/ of the test project tells which configuration was built.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var dll = Path.Combine(RepoPaths.Root, "src", "Bundler.Cli", "bin", configuration, "net8.0", "ipm.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"ipm.dll not built for {configuration}", dll);
        }
    }

    public ProcessResult Run(string workingDirectory, params string[] args) =>
        ProcessRunner.Run("dotnet", [Dll, .. args], workingDirectory, _environment, TimeSpan.FromMinutes(3));

    /// <summary>Every line the process printed that starts a diagnostic (<c>error IPM....:</c> / <c>warning IPM....:</c>).</summary>
    public static IReadOnlyList<string> Diagnostics(ProcessResult result) =>
        result.All.Split('\n').Where(l => l.Contains(" IPM", StringComparison.Ordinal) && (l.StartsWith("error ", StringComparison.Ordinal) || l.StartsWith("warning ", StringComparison.Ordinal) || l.Contains(": error IPM", StringComparison.Ordinal))).ToList();
}
