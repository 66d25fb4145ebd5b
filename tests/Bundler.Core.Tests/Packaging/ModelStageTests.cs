using System.Text;
using System.Text.Json;
using Bundler.Core.Diagnostics;
using Bundler.Core.Generation;
using Bundler.Core.Packaging;
using Bundler.Core.Pipeline;

namespace Bundler.Core.Tests.Packaging;

/// <summary>The model stage over packages on disk: pruning with the module's globs, sizes, budget, emitted files.</summary>
public sealed class ModelStageTests
{
    private static ContentKit Sample() => new ContentKit()
        .Package("/node_modules/big", main: "lib/big.js", topLevel: true, exclude: "lib/debug.js", files:
        [
            ("lib/big.js", "/*! big v1 | (c) Big Authors | MIT */\n// a plain comment\nvar h = require('./helper');\ntry { require('./debug'); } catch (e) {}\nmodule.exports = function big(x) { return h(x) + 1; };\n"),
            ("lib/helper.js", "/**\n * @license Helper (c) 2024\n */\nmodule.exports = function (x) {\n  return x * 2;\n};\n"),
            ("lib/debug.js", "module.exports = 'debug';\n"),
            ("lib/esm.js", "export default 1;\n"),
            ("LICENSE", "MIT License\r\n\r\nCopyright (c) Big Authors\r\n"),
            ("README.md", "# big\n"),
        ])
        .Package("/node_modules/small", main: "index.js", topLevel: true, include: "extra/*.json", license: "ISC", files:
        [
            ("index.js", "module.exports = 'small';\n"),
            ("extra/a.json", "{ \"a\": 1 }"),
            ("extra/b.txt", "b"),
            ("LICENCE.txt", "ISC licence text"),
        ]);

    [Fact]
    public void Ships_what_is_reachable_with_the_module_globs_and_checks_only_shipped_code()
    {
        using var kit = Sample();
        var log = new RecordingBundleLog();

        // lib/esm.js is ES module syntax (an IPM6002 error if it shipped) but nothing requires it.
        var model = kit.Build(log: log);

        Assert.Equal(
            ["/node_modules/big/lib/big.js", "/node_modules/big/lib/helper.js", "/node_modules/big/package.json",
             "/node_modules/small/extra/a.json", "/node_modules/small/index.js", "/node_modules/small/package.json"],
            model.Table.Files.Select(f => f.VirtualPath).Order(StringComparer.Ordinal));
        var warning = Assert.Single(log.Diagnostics);
        Assert.Equal(("IPM7005", "/node_modules/big/lib/big.js", 4), (warning.Code, warning.File, warning.Line));
        Assert.Equal("/node_modules/big/lib/big.js", model.Table.Packages.Single(p => p.Name == "big").Main);
    }

    [Fact]
    public void Notices_hold_license_fields_license_files_and_the_comments_minification_removed()
    {
        using var kit = Sample();
        var model = kit.Build();

        var code = Encoding.UTF8.GetString(model.Table.Files.Single(f => f.VirtualPath.EndsWith("big.js", StringComparison.Ordinal)).Content);
        Assert.DoesNotContain("Big Authors", code, StringComparison.Ordinal);
        Assert.DoesNotContain("plain comment", code, StringComparison.Ordinal);

        var notices = Encoding.UTF8.GetString(model.ExtraFiles.Single(f => f.RelativePath == NoticesFile.FileName).Content);
        var big = notices.IndexOf("\nbig 1.0.0\n", StringComparison.Ordinal);
        var small = notices.IndexOf("\nsmall 1.0.0\n", StringComparison.Ordinal);
        Assert.True(big > 0 && small > big, notices);
        Assert.Contains("License: MIT\n\n--- LICENSE ---\nMIT License\n\nCopyright (c) Big Authors\n", notices, StringComparison.Ordinal);
        Assert.Contains("License: ISC\n\n--- LICENCE.txt ---\nISC licence text\n", notices, StringComparison.Ordinal);
        Assert.Contains("/node_modules/big/lib/big.js:1\n/*! big v1 | (c) Big Authors | MIT */\n", notices, StringComparison.Ordinal);
        Assert.Contains("/node_modules/big/lib/helper.js:1\n/**\n * @license Helper (c) 2024\n */\n", notices, StringComparison.Ordinal);
        Assert.DoesNotContain("plain comment", notices, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", notices, StringComparison.Ordinal);

        // The license files do not ship: the notices travel beside the firmware, not inside it.
        Assert.DoesNotContain(model.Table.Files, f => f.VirtualPath.Contains("LICEN", StringComparison.Ordinal));
    }

    [Fact]
    public void Everything_generated_is_byte_for_byte_the_same_on_a_second_run()
    {
        using var kit = Sample();
        var first = kit.Build();
        var second = kit.Build();

        Assert.Equal(first.ExtraFiles.Select(f => f.RelativePath), second.ExtraFiles.Select(f => f.RelativePath));
        Assert.All(first.ExtraFiles.Zip(second.ExtraFiles), p => Assert.Equal(p.First.Content, p.Second.Content));
        Assert.All(first.ExtraFiles, f => Assert.DoesNotContain((byte)'\r', f.Content));
    }

    [Fact]
    public void Without_minification_the_code_ships_as_published_and_the_notices_say_so()
    {
        using var kit = Sample();
        var model = kit.Build(kit.Request() with { Minify = false });

        var big = model.Table.Files.Single(f => f.VirtualPath.EndsWith("big.js", StringComparison.Ordinal));
        Assert.Equal(File.ReadAllBytes(Path.Combine(kit.Folders[0], "lib", "big.js")), big.Content);
        var notices = Encoding.UTF8.GetString(model.ExtraFiles.Single(f => f.RelativePath == NoticesFile.FileName).Content);
        Assert.Contains("not\nminified", notices, StringComparison.Ordinal);
        Assert.DoesNotContain("license comments from the code", notices, StringComparison.Ordinal);
        Assert.All(model.Report.Packages.SelectMany(p => p.Files).Where(f => f.Shipped), f => Assert.Equal(f.RawBytes, f.ShippedBytes));
    }

    [Fact]
    public void The_report_adds_up_to_the_generators_flash_estimate_and_its_json_agrees()
    {
        using var kit = Sample().ProjectFile("main.js", "require('big');\nrequire('./lib/own');\n").ProjectFile("lib/own.js", "// own\nexports.x = 1;\n");
        var model = kit.Build(kit.Request("main.js"));
        var report = model.Report;

        Assert.Equal(TemplateData.EstimateFlashBytes(model.Table), report.FlashBytes);
        Assert.Equal(model.Table.Files.Sum(f => (long)f.Content.Length), report.ShippedBytes);
        var shipped = model.Table.Files.ToDictionary(f => f.VirtualPath, f => (long)f.Content.Length, StringComparer.Ordinal);
        Assert.Equal(shipped, report.Packages.SelectMany(p => p.Files).Where(f => f.Shipped).ToDictionary(f => f.Path, f => f.ShippedBytes, StringComparer.Ordinal));

        var app = Assert.Single(report.Packages, p => p.IsApplication);
        Assert.Equal(["/lib/own.js", "/main.js"], app.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal([Path.Combine(kit.Project, "lib", "own.js"), Path.Combine(kit.Project, "main.js")], model.ProjectFiles.Order(StringComparer.Ordinal));

        // Every file of every package is listed, the pruned ones with no reason and no shipped bytes.
        var big = report.Packages.Single(p => p.Name == "big");
        Assert.Equal(7, big.RawFiles);
        Assert.Equal(3, big.PrunedFiles);
        Assert.Equal(Directory.EnumerateFiles(kit.Folders[0], "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length), big.RawBytes);
        Assert.True(big.ShippedBytes < big.PrunedBytes && big.PrunedBytes < big.RawBytes);

        using var json = JsonDocument.Parse(model.ExtraFiles.Single(f => f.RelativePath == SizeReport.JsonFileName).Content);
        var totals = json.RootElement.GetProperty("totals");
        Assert.Equal(report.FlashBytes, totals.GetProperty("flashBytes").GetInt64());
        Assert.Equal(model.Table.Files.Count, totals.GetProperty("prunedFiles").GetInt32());
        var files = json.RootElement.GetProperty("packages").EnumerateArray().SelectMany(p => p.GetProperty("files").EnumerateArray()).ToList();
        Assert.Equal(report.RawBytes, files.Sum(f => f.GetProperty("raw").GetInt64()));
        Assert.Equal(report.ShippedBytes, files.Sum(f => f.GetProperty("shipped").GetInt64()));
        Assert.Equal(report.TableBytes - report.FixedTableBytes,
            json.RootElement.GetProperty("packages").EnumerateArray().Sum(p => p.GetProperty("tableBytes").GetInt64()));
    }

    [Fact]
    public void Over_the_flash_budget_is_an_error_naming_the_largest_package_and_its_largest_file()
    {
        using var kit = Sample();
        var flash = kit.Build().Report.FlashBytes;

        var log = new RecordingBundleLog();
        var e = Assert.Throws<IpmException>(() => kit.Build(kit.Request() with { MaxFlashBytes = flash - 1 }, log));
        Assert.Equal("IPM7004", e.Diagnostic.Code);
        Assert.Contains($"needs {flash} bytes of flash, 1 over the budget of {flash - 1}", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("largest: big@1.0.0 ", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("(largest file /node_modules/big/lib/big.js ", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.Contains("big@1.0.0", StringComparison.Ordinal));

        Assert.Equal(flash, kit.Build(kit.Request() with { MaxFlashBytes = flash }).Report.FlashBytes);
    }

    [Fact]
    public void Emitted_files_are_the_tables_bytes_and_replace_the_folder()
    {
        using var kit = Sample();
        var emit = kit.Temp("emit");
        Directory.CreateDirectory(Path.Combine(emit, "stale"));
        File.WriteAllText(Path.Combine(emit, "stale", "old.js"), "old");
        var request = kit.Request() with { EmitFilesDirectory = emit };
        var model = kit.Build(request);

        ModelStage.EmitFiles(request, model.Table, kit.Temp("templates"), NullBundleLog.Instance);

        var onDisk = Directory.EnumerateFiles(emit, "*", SearchOption.AllDirectories)
            .ToDictionary(f => "/" + Path.GetRelativePath(emit, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
        Assert.Equal(model.Table.Files.Select(f => f.VirtualPath).Order(StringComparer.Ordinal), onDisk.Keys.Order(StringComparer.Ordinal));
        Assert.All(model.Table.Files, f => Assert.Equal(f.Content, onDisk[f.VirtualPath]));
    }

    [Theory]
    [InlineData("out")]
    [InlineData("out/files")]
    [InlineData("")]
    [InlineData("project")]
    public void An_emit_folder_that_overlaps_the_output_or_holds_the_project_is_refused(string relative)
    {
        using var kit = Sample();
        var emit = relative.Length == 0 ? kit.Temp() : kit.Temp(relative);

        var e = Assert.Throws<IpmException>(() => kit.Build(kit.Request() with { EmitFilesDirectory = emit }));
        Assert.Equal("IPM7007", e.Diagnostic.Code);
    }

    [Fact]
    public void An_excluded_main_leaves_the_device_on_the_index_js_fallback_and_pruning_follows_it()
    {
        using var kit = new ContentKit().Package("/node_modules/p", main: "main.js", topLevel: true, exclude: "main.js", files: [("main.js", ""), ("index.js", "")]);
        var model = kit.Build();

        // The main is gone, so Node's fallback (index.js) is what the device loads, and pruning follows it.
        var p = Assert.Single(model.Table.Packages);
        Assert.Equal("/node_modules/p/index.js", p.Main);
        Assert.DoesNotContain(model.Table.Files, f => f.VirtualPath.EndsWith("main.js", StringComparison.Ordinal));
    }
}
