using System.Text.Json;
using System.Text.Json.Nodes;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Footprint;

[CollectionDefinition(FootprintFixture.Collection)]
public sealed class FootprintCollection : ICollectionFixture<FootprintFixture>;

/// <summary>
/// Real published packages (installed into tests/tools by npm, repacked and published with npm into a Verdaccio of
/// this fixture's own) bundled once by the real CLI from that Verdaccio with an entry that exercises them, then
/// built into samples/host-firmware.
/// </summary>
public sealed class FootprintFixture : IAsyncLifetime
{
    public const string Collection = "Footprint corpus";

    /// <summary>ES5 packages the entry runs on Duktape; their dependency closures come along.</summary>
    public static readonly string[] DevicePackages = ["eventemitter3", "lodash", "minimist", "moment", "ms", "q", "underscore"];

    /// <summary>Bundled too (ES5, many small packages across the tree), but not run: Duktape lacks what they probe for.</summary>
    public static readonly string[] TreeOnlyPackages = ["bluebird", "qs"];

    private readonly TempDirectory _temp = new("ipm-footprint");

    private VerdaccioServer? _server;

    public async Task InitializeAsync()
    {
        try
        {
            _server = await VerdaccioServer.StartAsync().ConfigureAwait(false);
            Registry = _server.Url;
            Packages = await Task.Run(() => CorpusRegistry.Publish(Registry, [.. DevicePackages, .. TreeOnlyPackages])).ConfigureAwait(false);
            var dependencies = new JsonObject();
            foreach (var name in DevicePackages.Concat(TreeOnlyPackages).Order(StringComparer.Ordinal))
            {
                dependencies[name] = "*";
            }

            _temp.Write(Path.Combine("project", "package.json"), new JsonObject { ["name"] = "device-app", ["version"] = "1.0.0", ["dependencies"] = dependencies }.ToJsonString());
            File.Copy(Path.Combine(RepoPaths.Root, "tests", "Bundler.Integration.Tests", "Footprint", "device-main.js"), Project("main.js"));
            Cli = IpmCli.Run(_temp.Path, "bundle", "--manifest", Project("package.json"), "--registry", Registry, "--entry", Project("main.js"),
                "--cache", Cache, "--out", Generated, "--emit-files", Emitted, "--files", "moment=locale/de.js").EnsureSuccess("ipm bundle");
            ReportJson = JsonNode.Parse(File.ReadAllText(Path.Combine(Generated, "ipm-report.json")))!;
            Host = _temp.Combine("host-firmware");
            ProcessRunner.Run("make", ["-C", Path.Combine(RepoPaths.Samples, "host-firmware"), "GEN=" + Generated, "BIN=" + Host]).EnsureSuccess("make host-firmware");
        }
        catch
        {
            // xunit does not dispose a fixture whose initialization threw.
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>name@version of every package in the registry.</summary>
    public IReadOnlyList<string> Packages { get; private set; } = [];

    /// <summary>The Verdaccio's URL.</summary>
    public string Registry { get; private set; } = "";

    public string Cache => _temp.Combine("cache");

    public string Generated => _temp.Combine("gen");

    public string Emitted => _temp.Combine("files");

    public ProcessResult Cli { get; private set; } = null!;

    public JsonNode ReportJson { get; private set; } = null!;

    public string Host { get; private set; } = "";

    public string Project(string name) => _temp.Combine("project", name);

    public string Temp(params string[] parts) => _temp.Combine(parts);

    /// <summary>Every file the report lists: (path, reason or null, raw, shipped).</summary>
    public IEnumerable<(string Path, string? Reason, long Raw, long Shipped)> ReportFiles() =>
        ReportJson["packages"]!.AsArray().SelectMany(p => p!["files"]!.AsArray())
            .Select(f => ((string)f!["path"]!, (string?)f["reason"], (long)f["raw"]!, (long)f["shipped"]!));

    /// <summary>
    /// A copy of the emitted tree that node resolves as the device does: the device honours only the root of
    /// package.json <c>exports</c> and resolves deep requires by path, so each <c>exports</c> is replaced by a
    /// <c>main</c> naming the file node itself loads for the package's root, when that file was shipped (else
    /// <c>main</c> decides, as when an ES5 main was taken over an exports root the engine cannot parse).
    /// </summary>
    public string DeviceTree(string name)
    {
        var copy = _temp.Combine(name);
        var withExports = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Emitted, "*", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(file) == "package.json" && JsonNode.Parse(File.ReadAllText(file)) is JsonObject json && json.ContainsKey("exports"))
            {
                withExports.Add(Path.GetDirectoryName(file)!);
            }
            else
            {
                var target = Path.Combine(copy, Path.GetRelativePath(Emitted, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        var roots = NodeRoots(withExports);
        for (var i = 0; i < withExports.Count; i++)
        {
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(withExports[i], "package.json")))!.AsObject();
            json.Remove("exports");
            if (roots[i] is { } root)
            {
                json["main"] = "./" + root;
            }

            var target = Path.Combine(copy, Path.GetRelativePath(Emitted, withExports[i]), "package.json");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }

        return copy;
    }

    /// <summary>For each package folder, the package-relative file node's require(name) loads from the emitted tree, or null.</summary>
    private static List<string?> NodeRoots(List<string> folders)
    {
        var questions = new JsonArray(folders.Select(f =>
        {
            var package = f.Replace('\\', '/');
            var at = package.LastIndexOf("/node_modules/", StringComparison.Ordinal);
            return (JsonNode)new JsonObject { ["name"] = package[(at + "/node_modules/".Length)..], ["from"] = package[..at], ["dir"] = f };
        }).ToArray());
        var answers = NodeRunner.Evaluate("""
            var fs = require('fs'), path = require('path');
            return input.map(function (q) {
              try {
                var file = require.resolve(q.name, { paths: [q.from] });
                return path.relative(fs.realpathSync(q.dir), file).split(path.sep).join('/');
              } catch (e) {
                return null;
              }
            });
            """, questions)!.AsArray();
        return answers.Select(a => a?.GetValue<string>()).ToList();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }

        _temp.Dispose();
    }
}
