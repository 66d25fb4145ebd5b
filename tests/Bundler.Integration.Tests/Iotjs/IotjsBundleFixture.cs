using Bundler.Integration.Tests.Generation;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Iotjs;

[CollectionDefinition(Name)]
public sealed class IotjsBundleCollection : ICollectionFixture<IotjsBundleFixture>
{
    public const string Name = "iotjs bundle";
}

/// <summary>
/// A multi-package tree bundled through the real pipeline: npm-packed tarballs in a static folder registry,
/// <c>ipm bundle --template iotjs</c> run as a process, the generated table compiled with gcc into
/// <c>c/table_dump.c</c> and dumped back (the bytes the loader tests serve), and the dumped files written out
/// as a real folder tree so Node itself can run the same modules from disk as the oracle.
/// </summary>
public sealed class IotjsBundleFixture : IDisposable
{
    private readonly TempDirectory _temp = new("ipm-iotjs");

    public IotjsBundleFixture()
    {
        try
        {
            PackedFolderRegistry.Write(_temp.Combine("registry"), IotjsFixturePackages.All());
            _temp.Write("project/package.json", IotjsFixturePackages.AppManifest);
            _temp.Write("project/app/main.js", IotjsFixturePackages.AppMain);
            Bundle = IpmCli.Run(_temp.Path, "bundle", "--manifest", "project/package.json", "--registry", "registry",
                "--entry", "project/app/main.js", "--template", "iotjs", "--out", "gen", "--cache", "cache",
                // Nothing requires bad.json statically (the loader test does at run time): ship it on purpose.
                "--files", "deep=bad.json");
            Bundle.EnsureSuccess("ipm bundle --template iotjs");
            var dumper = CCompiler.BuildExecutable(_temp.Combine("table_dump"),
                [Source("c", "table_dump.c"), .. GeneratedC.Sources(Generated)], [Generated], optimize: "-O0");
            Directory.CreateDirectory(Dump);
            var listing = ProcessRunner.Run(dumper, [Dump]).EnsureSuccess("table_dump").StdOut;
            File.WriteAllText(Listing, listing);
            Files = listing.Split('\n').Select(l => l.Split('\t')).Where(f => f[0] == "file")
                .ToDictionary(f => f[3], f => int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
            foreach (var (path, index) in Files)
            {
                var target = Path.Combine(Tree, path.TrimStart('/'));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(Dump, $"{index}.bin"), target);
            }
        }
        catch
        {
            // xunit does not dispose a fixture whose constructor threw.
            _temp.Dispose();
            throw;
        }
    }

    /// <summary>What <c>ipm bundle</c> printed.</summary>
    public ProcessResult Bundle { get; }

    /// <summary>The generated IoT.js external-module folder.</summary>
    public string Generated => _temp.Combine("gen");

    /// <summary>table_dump's listing, and the folder with one <c>INDEX.bin</c> per file.</summary>
    public string Listing => _temp.Combine("listing.txt");

    public string Dump => _temp.Combine("dump");

    /// <summary>The dumped files under their virtual paths (real path: Node reports real paths).</summary>
    public string Tree => new DirectoryInfo(_temp.Combine("tree")).FullName;

    /// <summary>Bundled file paths and their index in the generated table.</summary>
    public IReadOnlyDictionary<string, int> Files { get; }

    /// <summary>A scratch folder for a test's own files.</summary>
    public string Scratch(string name)
    {
        var dir = _temp.Combine("scratch", name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string Source(params string[] parts) =>
        Path.Combine([RepoPaths.Root, "tests", "Bundler.Integration.Tests", "Iotjs", .. parts]);

    /// <summary>Runs the emulated IoT.js over the generated output: <c>main</c>, or <c>script FILE</c>.</summary>
    public ProcessResult Emulate(params string[] command) =>
        NodeRunner.RunFile(Source("iotjs-emulator.js"), [Generated, Dump, Listing, .. command], workingDirectory: Scratch("cwd"));

    /// <summary>Runs <paramref name="script"/> (a path inside <see cref="Tree"/>) with Node, paths made virtual.</summary>
    public string RunWithNode(string script)
    {
        var result = NodeRunner.RunFile(script, [], workingDirectory: Tree).EnsureSuccess("node " + script);
        return result.StdOut.Replace(Tree, "", StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
