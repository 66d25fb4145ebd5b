using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bundler.Integration.Tests.Generation;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Footprint;

/// <summary>The corpus bundle judged by real tools: Duktape, node (with acorn), gcc.</summary>
[Collection(FootprintFixture.Collection)]
public sealed class CorpusBundleTests(FootprintFixture fixture)
{
    [Fact]
    public void Duktape_runs_the_pruned_minified_bundle_as_node_runs_the_published_packages()
    {
        var device = ProcessRunner.Run(fixture.Host, []).EnsureSuccess("host-firmware");
        var env = NodeRunner.Environment();
        var node = ProcessRunner.Run(ToolLocator.Node, [fixture.Project("main.js")], fixture.Project(""), env).EnsureSuccess("node on the published packages");

        Assert.Equal(node.StdOut, device.StdOut);
        Assert.Equal("", device.StdErr);
        Assert.Equal(10, device.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        // The German locale is there only because of --files moment=locale/de.js.
        Assert.Contains("moment de: Dienstag, 14. November 2023\n", device.StdOut, StringComparison.Ordinal);
        Assert.True((bool)fixture.ReportJson["minified"]!);
    }

    [Fact]
    public void Node_runs_the_emitted_tree_with_the_same_output()
    {
        var tree = fixture.DeviceTree("tree-for-node");
        var node = ProcessRunner.Run(ToolLocator.Node, [Path.Combine(tree, "main.js")], tree, new Dictionary<string, string?> { ["NODE_PATH"] = null, ["NODE_OPTIONS"] = null })
            .EnsureSuccess("node on the emitted tree");
        var device = ProcessRunner.Run(fixture.Host, []).EnsureSuccess("host-firmware");
        Assert.Equal(device.StdOut, node.StdOut);
    }

    [Fact]
    public void Every_static_require_of_every_shipped_file_resolves_in_node_except_those_ipm_warned_about()
    {
        var tree = fixture.DeviceTree("tree-for-requires");
        var script = Path.Combine(RepoPaths.Root, "tests", "Bundler.Integration.Tests", "Footprint", "require-check.js");
        var result = ProcessRunner.Run(ToolLocator.Node, [script, tree, Path.Combine(ToolLocator.ToolsNodeModules, "acorn")], tree,
            new Dictionary<string, string?> { ["NODE_PATH"] = null, ["NODE_OPTIONS"] = null }).EnsureSuccess("require-check.js");
        var json = JsonNode.Parse(result.StdOut)!;

        var failures = json["failures"]!.AsArray().Select(f => ((string)f!["file"]!, (string)f["request"]!)).Order().ToList();
        var warned = Regex.Matches(fixture.Cli.StdErr, @"^(\S+)\(\d+\): warning IPM7005: require\('([^']+)'\)", RegexOptions.Multiline)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).Order().ToList();
        Assert.Equal(warned, failures);
        Assert.InRange((int)json["checked"]!, 150, int.MaxValue);
    }

    [Fact]
    public void Pruning_ships_a_small_part_of_the_published_packages()
    {
        var files = fixture.ReportFiles().ToList();
        string[] Shipped(string package) => files.Where(f => f.Reason is not null && f.Path.StartsWith($"/node_modules/{package}/", StringComparison.Ordinal))
            .Select(f => f.Path[($"/node_modules/{package}/".Length)..]).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["lodash.js", "package.json"], Shipped("lodash"));
        Assert.Equal(["locale/de.js", "moment.js", "package.json"], Shipped("moment"));
        // exports.require.node, what node's require('underscore') loads (main, underscore-umd.js, is not).
        Assert.Equal(["package.json", "underscore-node-f.cjs", "underscore-node.cjs"], Shipped("underscore"));
        Assert.Equal("Files locale/de.js", files.Single(f => f.Path == "/node_modules/moment/locale/de.js").Reason);

        var totals = fixture.ReportJson["totals"]!;
        Assert.InRange((long)totals["prunedFiles"]!, 1, (long)totals["rawFiles"]! / 10);
        Assert.InRange((long)totals["prunedBytes"]!, 1, (long)totals["rawBytes"]! / 5);
        Assert.InRange((long)totals["shippedBytes"]!, 1, (long)totals["prunedBytes"]! * 2 / 3);

        // Every package in the tree keeps its package.json, and the tree is the whole closure that npm installed.
        var packages = fixture.ReportJson["packages"]!.AsArray().Where(p => !(bool)p!["application"]!).ToList();
        Assert.Equal(fixture.Packages, packages.Select(p => $"{p!["name"]}@{p["version"]}").Order(StringComparer.Ordinal));
        Assert.All(packages, p => Assert.Contains(files, f => f.Path == (string)p!["directory"]! + "/package.json" && f.Reason == "package.json"));
    }

    [Fact]
    public void The_report_sizes_and_the_emitted_files_are_what_the_generated_C_holds()
    {
        var dump = CCompiler.BuildExecutable(fixture.Temp("dump"), [GeneratedC.Source("dump.c"), .. GeneratedC.Sources(fixture.Generated)], [fixture.Generated]);
        var bins = fixture.Temp("dumped");
        Directory.CreateDirectory(bins);
        var lines = ProcessRunner.Run(dump, [bins]).EnsureSuccess("dump").StdOut.Split('\n').Where(l => l.Length > 0 && char.IsAsciiDigit(l[0]))
            .Select(l => l.Split('\t')).ToList();
        var inC = lines.ToDictionary(l => l[4], l => long.Parse(l[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);

        var reported = fixture.ReportFiles().Where(f => f.Reason is not null).ToDictionary(f => f.Path, f => f.Shipped, StringComparer.Ordinal);
        Assert.Equal(inC.OrderBy(p => p.Key, StringComparer.Ordinal), reported.OrderBy(p => p.Key, StringComparer.Ordinal));
        var shippedBytes = (long)fixture.ReportJson["totals"]!["shippedBytes"]!;
        Assert.Equal(inC.Values.Sum(), shippedBytes);
        Assert.Contains($"module data: {shippedBytes} bytes.", File.ReadAllText(Path.Combine(fixture.Generated, "ipm_modules.c")), StringComparison.Ordinal);
        Assert.Contains($"({fixture.ReportJson["totals"]!["flashBytes"]} bytes of flash)", fixture.Cli.StdOut, StringComparison.Ordinal);

        // --emit-files: the same paths, and byte for byte what the firmware's arrays hold.
        var emitted = Directory.EnumerateFiles(fixture.Emitted, "*", SearchOption.AllDirectories)
            .ToDictionary(f => "/" + Path.GetRelativePath(fixture.Emitted, f).Replace('\\', '/'), StringComparer.Ordinal);
        Assert.Equal(inC.Keys.Order(StringComparer.Ordinal), emitted.Keys.Order(StringComparer.Ordinal));
        foreach (var l in lines)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(bins, l[0] + ".bin")), File.ReadAllBytes(emitted[l[4]]));
        }
    }

    [Fact]
    public void Notices_carry_license_texts_and_the_license_comments_taken_out_of_the_code()
    {
        var notices = File.ReadAllText(Path.Combine(fixture.Generated, "IPM-NOTICES.txt"));
        var license = File.ReadAllText(ToolLocator.ToolFile("lodash", "LICENSE")).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();

        var lodash = notices.IndexOf("\nlodash 4.17.21\n", StringComparison.Ordinal);
        Assert.True(lodash > 0, notices[..Math.Min(notices.Length, 2000)]);
        var section = notices[lodash..notices.IndexOf("\n=====", lodash, StringComparison.Ordinal)];
        Assert.Contains("  installed at /node_modules/lodash\nLicense: MIT\n", section, StringComparison.Ordinal);
        Assert.Contains("\n--- LICENSE ---\n" + license + "\n", section, StringComparison.Ordinal);
        Assert.Matches(@"\n/node_modules/lodash/lodash\.js:\d+\n/\*\*\n \* @license\n \* Lodash <https://lodash\.com/>", section);

        // The comment is out of the shipped code, and so are the license files.
        Assert.DoesNotContain("@license", File.ReadAllText(Path.Combine(fixture.Emitted, "node_modules", "lodash", "lodash.js")), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(fixture.Emitted, "node_modules", "lodash", "LICENSE")));

        // One section per name@version, in ordinal order.
        var names = Regex.Matches(notices, @"^={78}\n(\S+) (\S+)\n", RegexOptions.Multiline).Select(m => $"{m.Groups[1].Value}@{m.Groups[2].Value}").ToList();
        var expected = fixture.Packages.Select(p => (Name: p[..p.LastIndexOf('@')], Version: p[(p.LastIndexOf('@') + 1)..]))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Version, StringComparer.Ordinal).Select(p => $"{p.Name}@{p.Version}");
        Assert.Equal(expected, names);
    }

    [Fact]
    public void Over_the_flash_budget_the_cli_fails_with_IPM7004_and_leaves_the_output_as_it_was()
    {
        var before = Directory.EnumerateFiles(fixture.Generated).Order(StringComparer.Ordinal).Select(f => (f, File.GetLastWriteTimeUtc(f), File.ReadAllBytes(f).Length)).ToList();

        var result = IpmCli.Run(fixture.Temp(), "bundle", "--manifest", fixture.Project("package.json"), "--registry", fixture.Registry, "--entry", fixture.Project("main.js"),
            "--cache", fixture.Cache, "--offline", "--out", fixture.Generated, "--max-flash", "100000");

        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.StdErr.Split('\n'), l => l.Contains("error IPM7004", StringComparison.Ordinal));
        Assert.Matches(@"error IPM7004: bundle needs \d+ bytes of flash, \d+ over the budget of 100000; largest: lodash@4\.17\.21 \d+ \(largest file /node_modules/lodash/lodash\.js \d+\), ", error);
        Assert.DoesNotContain("Unhandled", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, Directory.EnumerateFiles(fixture.Generated).Order(StringComparer.Ordinal).Select(f => (f, File.GetLastWriteTimeUtc(f), File.ReadAllBytes(f).Length)));
    }
}
