namespace Bundler.Testing;

/// <summary>
/// Runs the real <c>ipm</c> command (the CLI assembly built beside the tests) as a separate process, with its
/// own HOME so the user's .npmrc and cache are never read, and no inherited npm_config_* variables.
/// </summary>
public static class IpmCli
{
    /// <summary>The ipm.dll next to the running test assembly (the test project references the CLI project).</summary>
    public static string Dll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "ipm.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException($"ipm.dll not found beside the tests ({path})");
        }
    }

    public static ProcessResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    public static ProcessResult Run(string workingDirectory, IDictionary<string, string?>? environment, params string[] args)
    {
        var home = Path.Combine(Path.GetTempPath(), "ipm-cli-home-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(home);
        try
        {
            var env = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["HOME"] = home,
                ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache"),
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            };
            foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("npm_config_", StringComparison.OrdinalIgnoreCase)))
            {
                env[key] = null;
            }

            foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
            {
                env[k] = v;
            }

            return ProcessRunner.Run("dotnet", [Dll, .. args], workingDirectory, env, TimeSpan.FromMinutes(3));
        }
        finally
        {
            try
            {
                Directory.Delete(home, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
