using Bundler.Testing;

namespace Bundler.Tasks.Tests;

/// <summary>Runs the real <c>dotnet</c> CLI the way a user does, without leaving build servers behind.</summary>
internal static class DotNetCli
{
    public static ProcessResult Run(IEnumerable<string> args, string? workingDirectory = null,
        IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            // Node reuse would keep MSBuild processes (and the loaded task assembly) alive after the test.
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            // The test host's own MSBuild settings must not leak into the child build.
            ["MSBuildExtensionsPath"] = null,
            ["MSBuildSDKsPath"] = null,
            ["MSBUILD_EXE_PATH"] = null,
        };
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                env[k] = v;
            }
        }

        return ProcessRunner.Run("dotnet", args, workingDirectory, env, timeout ?? TimeSpan.FromMinutes(5));
    }
}
