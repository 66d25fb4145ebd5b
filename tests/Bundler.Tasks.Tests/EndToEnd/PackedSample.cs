using Bundler.Tasks.Tests.Targets;
using Bundler.Testing;

namespace Bundler.Tasks.Tests.EndToEnd;

/// <summary>
/// Ipm.Bundler packed once from the repository (with the real templates) into a local feed, and a NuGet global
/// packages folder of this run's own, so an Ipm.Bundler extracted by an earlier run can never be the one used.
/// <see cref="CopySample"/> lays out a repository-shaped folder per test, so the sample's nuget.config finds
/// <c>../../artifacts/packages</c> exactly as it does in place.
/// </summary>
public sealed class PackedSample : IDisposable
{
    public const string Version = "0.0.0-e2e";

    private readonly TempDirectory _dir = new("ipm-e2e");

    public PackedSample()
    {
        Feed = _dir.Combine("feed");
        DotNetCli.Run(["pack", Path.Combine(RepoPaths.Root, "src", "Bundler.Tasks"), "-c", "Release", "--nologo", "-v:q",
                "-o", Feed, $"-p:Version={Version}", $"-p:ArtifactsPath={_dir.Combine("build")}"])
            .EnsureSuccess("dotnet pack Bundler.Tasks");
    }

    public string Feed { get; }

    public string NuGetPackages => _dir.Combine("nuget-packages");

    /// <summary>Copies samples/ (no build output, no lock file) and the feed into a new repository-shaped folder,
    /// with a package cache of its own.</summary>
    public SampleCopy CopySample()
    {
        var root = _dir.Combine("work-" + Guid.NewGuid().ToString("N")[..8]);
        File.Copy(Path.Combine(RepoPaths.Root, "global.json"), Path.Combine(Directory.CreateDirectory(root).FullName, "global.json"));
        CopyTree(RepoPaths.Samples, Path.Combine(root, "samples"));
        CopyTree(Feed, Path.Combine(root, "artifacts", "packages"));
        return new SampleCopy(this, Path.Combine(root, "samples", "firmware-project"), Path.Combine(root, "ipm-cache"));
    }

    public void Dispose() => _dir.Dispose();

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(p => p is "bin" or "obj" or "node_modules" or "gen") || parts[^1] is "ipm-lock.json" or "host-firmware")
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }
}

/// <summary>One copy of samples/firmware-project, built with the real <c>dotnet</c> as a user does.</summary>
public sealed class SampleCopy(PackedSample packed, string directory, string ipmCache)
{
    public string Directory { get; } = directory;

    public string ProjectPath => Path.Combine(Directory, "firmware-project.proj");

    public string LockPath => Path.Combine(Directory, "ipm-lock.json");

    public string IntermediateDir => Path.Combine(Directory, "obj", "Debug", "net8.0");

    public string GeneratedDir => Path.Combine(IntermediateDir, "ipm");

    public string FirmwarePath => Path.Combine(Directory, "bin", "Debug", "net8.0", "host-firmware");

    public string Combine(params string[] parts) => Path.Combine([Directory, .. parts]);

    public void Edit(string from, string to)
    {
        var text = File.ReadAllText(ProjectPath);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(ProjectPath, text.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>1-based line of the first project line containing <paramref name="fragment"/>.</summary>
    public int LineOf(string fragment) =>
        Array.FindIndex(File.ReadAllLines(ProjectPath), l => l.Contains(fragment, StringComparison.Ordinal)) + 1;

    internal BuildRun Run(string verb, params string[] args)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal) { ["NUGET_PACKAGES"] = packed.NuGetPackages };
        string[] properties = [$"-p:IpmBundlerVersion={PackedSample.Version}", $"-p:IpmCacheDir={ipmCache}"];
        var r = DotNetCli.Run([verb, ProjectPath, "--nologo", .. properties, .. args], Directory, env);
        return new BuildRun(r.ExitCode, r.All);
    }
}
