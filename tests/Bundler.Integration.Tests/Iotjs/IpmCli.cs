using Bundler.Testing;

namespace Bundler.Integration.Tests.Iotjs;

/// <summary>The <c>ipm</c> command as a user runs it: the CLI project's build output, in a process.</summary>
internal static class IpmCli
{
    /// <summary>src/Bundler.Cli/bin/CONFIGURATION/net8.0/ipm.dll, CONFIGURATION being this test build's.</summary>
    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            return Path.Combine(RepoPaths.Root, "src", "Bundler.Cli", "bin", configuration, "net8.0", "ipm.dll");
        }
    }

    public static ProcessResult Run(string workingDirectory, params string[] args) =>
        ProcessRunner.Run("dotnet", [Dll, .. args], workingDirectory, timeout: TimeSpan.FromMinutes(3));
}
