using System.Reflection;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Footprint;

/// <summary>The real <c>ipm</c> command, run as a process from the CLI project's build output.</summary>
internal static class IpmCli
{
    private static readonly string Configuration =
        typeof(IpmCli).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string Dll => Path.Combine(RepoPaths.Root, "src", "Bundler.Cli", "bin", Configuration, "net8.0", "ipm.dll");

    public static ProcessResult Run(string workingDirectory, params string[] args) =>
        ProcessRunner.Run("dotnet", [Dll, .. args], workingDirectory, timeout: TimeSpan.FromMinutes(3));
}
