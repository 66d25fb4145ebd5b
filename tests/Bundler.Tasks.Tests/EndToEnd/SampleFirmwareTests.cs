using Bundler.Tasks.Tests.Targets;
using Bundler.Testing;

namespace Bundler.Tasks.Tests.EndToEnd;

/// <summary>
/// The whole user story: pack Ipm.Bundler, restore samples/firmware-project from that local feed, build it
/// against a real registry (Verdaccio on 127.0.0.1), compile the generated C with the Duktape host and run it;
/// then prove a second build does nothing, a Version change regenerates, and clean removes the output.
/// </summary>
public sealed class SampleFirmwareTests(VerdaccioFixture registry) : IClassFixture<VerdaccioFixture>
{
    private const string Version = "0.0.0-e2e";

    [Fact]
    public void Sample_builds_from_the_packed_package_and_rebuilds_only_what_changed()
    {
        registry.Publish(Fixture("echotest-0.0.1"));
        registry.Publish(Fixture("echotest-0.0.2"));
        using var work = new TempDirectory("ipm-e2e");
        // The repository's layout, so the sample's nuget.config finds ../../artifacts/packages as it does in place.
        File.Copy(Path.Combine(RepoPaths.Root, "global.json"), work.Combine("global.json"));
        CopyTree(RepoPaths.Samples, work.Combine("samples"));
        DotNetCli.Run(["pack", Path.Combine(RepoPaths.Root, "src", "Bundler.Tasks"), "-c", "Release", "--nologo",
            "-o", work.Combine("artifacts", "packages"), $"-p:Version={Version}", $"-p:ArtifactsPath={work.Combine("build")}"])
            .EnsureSuccess("dotnet pack Bundler.Tasks");

        var sample = work.Combine("samples", "firmware-project");
        var project = Path.Combine(sample, "firmware-project.proj");
        // A fresh global packages folder: an Ipm.Bundler extracted by an earlier run must never be the one used.
        var env = new Dictionary<string, string?>(StringComparer.Ordinal) { ["NUGET_PACKAGES"] = work.Combine("nuget-packages") };
        string[] properties = [$"-p:IpmBundlerVersion={Version}", $"-p:IpmRegistry={registry.Url}", $"-p:IpmCacheDir={work.Combine("ipm-cache")}"];
        BuildRun Run(string verb)
        {
            var r = DotNetCli.Run([verb, project, "-v:n", "--nologo", .. properties], sample, env);
            return new BuildRun(r.ExitCode, r.All);
        }

        var first = Run("build").EnsureSuccess();
        Assert.Contains("echo 0.0.1: hello from flash", first.Log, StringComparison.Ordinal);
        var lockText = File.ReadAllText(Path.Combine(sample, "ipm-lock.json"));
        Assert.Contains("\"echotest\"", lockText, StringComparison.Ordinal);
        Assert.Contains("0.0.1", lockText, StringComparison.Ordinal);
        var generated = Path.Combine(sample, "obj", "Debug", "net8.0", "ipm");
        Assert.NotEmpty(Directory.GetFiles(generated, "*.c", SearchOption.AllDirectories));

        var second = Run("build").EnsureSuccess();
        Assert.True(second.Skipped("IpmRestore"), second.Log);
        Assert.True(second.Skipped("IpmGenerate"), second.Log);
        Assert.Contains("echo 0.0.1: hello from flash", second.Log, StringComparison.Ordinal);

        File.WriteAllText(project, File.ReadAllText(project).Replace("Include=\"echotest\" Version=\"^0.0.1\"", "Include=\"echotest\" Version=\"0.0.2\"", StringComparison.Ordinal));
        var third = Run("build").EnsureSuccess();
        Assert.False(third.Skipped("IpmGenerate"), third.Log);
        Assert.Contains("echo 0.0.2: hello from flash", third.Log, StringComparison.Ordinal);
        Assert.Contains("0.0.2", File.ReadAllText(Path.Combine(sample, "ipm-lock.json")), StringComparison.Ordinal);

        Run("clean").EnsureSuccess();
        Assert.Empty(Directory.Exists(generated) ? Directory.GetFiles(generated, "*", SearchOption.AllDirectories) : []);
        Assert.Empty(Directory.GetFiles(Path.Combine(sample, "obj"), "*.Ipm*", SearchOption.AllDirectories));
    }

    private static string Fixture(string name) =>
        Path.Combine(RepoPaths.Root, "tests", "Bundler.Tasks.Tests", "EndToEnd", "Packages", name);

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(p => p is "bin" or "obj" or "node_modules") || parts[^1] == "ipm-lock.json")
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }
}
