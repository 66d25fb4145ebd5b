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
    /// A copy of the emitted tree with package.json <c>exports</c> removed: the device's resolver follows
    /// <c>main</c> only, so node judges the tree with the same rule.
    /// </summary>
    public string DeviceTree(string name)
    {
        var copy = _temp.Combine(name);
        foreach (var file in Directory.EnumerateFiles(Emitted, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Emitted, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (Path.GetFileName(file) == "package.json" && JsonNode.Parse(File.ReadAllText(file)) is JsonObject json && json.Remove("exports"))
            {
                File.WriteAllText(target, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                File.Copy(file, target);
            }
        }

        return copy;
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
