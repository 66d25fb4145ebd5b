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
            Files = DumpTable(_temp.Path, Generated);
        }
        catch
        {
            // xunit does not dispose a fixture whose constructor threw.
            _temp.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Compiles <paramref name="generated"/>'s table with <c>c/table_dump.c</c>, dumps it into <paramref name="work"/>
    /// (<c>dump/</c>, <c>listing.txt</c>) and writes the files under their virtual paths to <c>tree/</c>.
    /// </summary>
    /// <returns>Bundled file paths and their index in the generated table.</returns>
    public static Dictionary<string, int> DumpTable(string work, string generated)
    {
        var dump = Path.Combine(work, "dump");
        var tree = Path.Combine(work, "tree");
        var dumper = CCompiler.BuildExecutable(Path.Combine(work, "table_dump"),
            [Source("c", "table_dump.c"), .. GeneratedC.Sources(generated)], [generated], optimize: "-O0");
        Directory.CreateDirectory(dump);
        var listing = ProcessRunner.Run(dumper, [dump]).EnsureSuccess("table_dump").StdOut;
        File.WriteAllText(Path.Combine(work, "listing.txt"), listing);
        var files = listing.Split('\n').Select(l => l.Split('\t')).Where(f => f[0] == "file")
            .ToDictionary(f => f[3], f => int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        foreach (var (path, index) in files)
        {
            var target = Path.Combine(tree, path.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(dump, $"{index}.bin"), target);
        }

        return files;
    }

    /// <summary>Runs the emulated IoT.js over a folder <see cref="DumpTable"/> filled from <paramref name="generated"/>.</summary>
    public static ProcessResult Emulate(string generated, string work, string cwd, params string[] command) =>
        NodeRunner.RunFile(Source("iotjs-emulator.js"), [generated, Path.Combine(work, "dump"), Path.Combine(work, "listing.txt"), .. command], workingDirectory: cwd);

    /// <summary>The static folder registry holding <see cref="IotjsFixturePackages.All"/>.</summary>
    public string Registry => _temp.Combine("registry");

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
    public ProcessResult Emulate(params string[] command) => Emulate(Generated, _temp.Path, Scratch("cwd"), command);

    /// <summary>Runs <paramref name="script"/> (a path inside <see cref="Tree"/>) with Node, paths made virtual.</summary>
    public string RunWithNode(string script)
    {
        var result = NodeRunner.RunFile(script, [], workingDirectory: Tree).EnsureSuccess("node " + script);
        return result.StdOut.Replace(Tree, "", StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
