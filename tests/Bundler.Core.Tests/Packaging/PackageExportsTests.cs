using System.Text;
using Bundler.Core.Diagnostics;
using Bundler.Core.Packaging;

namespace Bundler.Core.Tests.Packaging;

/// <summary>The root of package.json <c>exports</c> chooses the main file as Node's require() does; IPM7011 where Node throws.</summary>
public sealed class PackageExportsTests
{
    public static TheoryData<string> Names() => [.. ExportsCase.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Chooses_the_file_require_loads(string name)
    {
        var c = ExportsCase.All.Single(x => x.Name == name);
        var files = c.Files.Append("package.json").ToHashSet(StringComparer.Ordinal);

        var main = PackageMain.FromPackageJson(files, Encoding.UTF8.GetBytes(c.PackageJson), out var problem);

        Assert.Equal(c.Main, main);
        Assert.Equal(c.Warns, problem is not null);
    }

    [Fact]
    public void Case_names_are_unique()
    {
        Assert.Equal(ExportsCase.All.Length, ExportsCase.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Without_a_package_json_or_with_one_that_is_no_object_main_rules_apply()
    {
        var files = new HashSet<string>(StringComparer.Ordinal) { "index.js" };
        Assert.Equal("index.js", PackageMain.FromPackageJson(files, null, out var p1));
        Assert.Equal("index.js", PackageMain.FromPackageJson(files, "[\"./x.js\"]"u8.ToArray(), out var p2));
        Assert.Equal("index.js", PackageMain.FromPackageJson(files, "{ not json"u8.ToArray(), out var p3));
        Assert.Null(p1 ?? p2 ?? p3);
    }

    [Fact]
    public void The_problem_says_why_node_would_throw()
    {
        string? Problem(string fields)
        {
            PackageMain.FromPackageJson(new HashSet<string>(StringComparer.Ordinal) { "a.js" }, Encoding.UTF8.GetBytes("{" + fields + "}"), out var problem);
            return problem;
        }

        Assert.Contains("no root", Problem("\"exports\":{\"import\":\"./a.mjs\"}"), StringComparison.Ordinal);
        Assert.Contains("'./missing.js' is not among the package's files", Problem("\"exports\":\"./missing.js\""), StringComparison.Ordinal);
        Assert.Contains("does not start with './'", Problem("\"exports\":\"a.js\""), StringComparison.Ordinal);
        Assert.Contains("mix subpaths", Problem("\"exports\":{\".\":\"./a.js\",\"require\":\"./a.js\"}"), StringComparison.Ordinal);
        Assert.Contains("'..'", Problem("\"exports\":\"./x/../a.js\""), StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_ships_the_exports_root_and_warns_with_IPM7011_naming_the_package_when_it_falls_back()
    {
        using var kit = new ContentKit()
            .Package("/node_modules/dual", topLevel: true, files:
            [
                ("package.json", """{"name":"dual","version":"2.0.0","main":"esm/index.js","exports":{"import":"./esm/index.js","require":"./cjs/index.js"}}"""),
                ("esm/index.js", "export default 1;\n"),
                ("cjs/index.js", "module.exports = 1;\n"),
            ])
            .Package("/node_modules/esm-only", version: "3.1.0", topLevel: true, files:
            [
                ("package.json", """{"name":"esm-only","version":"3.1.0","main":"legacy.js","exports":{"import":"./m.mjs"}}"""),
                ("legacy.js", "module.exports = 'legacy';\n"),
                ("m.mjs", "export default 1;\n"),
            ]);
        var log = new RecordingBundleLog();

        var model = kit.Build(log: log);

        Assert.Equal("/node_modules/dual/cjs/index.js", model.Table.Packages.Single(p => p.Name == "dual").Main);
        Assert.DoesNotContain("/node_modules/dual/esm/index.js", model.Table.Files.Select(f => f.VirtualPath));
        Assert.Equal("/node_modules/esm-only/legacy.js", model.Table.Packages.Single(p => p.Name == "esm-only").Main);
        var warning = Assert.Single(log.Diagnostics);
        Assert.Equal((Severity.Warning, "IPM7011"), (warning.Severity, warning.Code));
        Assert.Contains("package esm-only@3.1.0", warning.Message, StringComparison.Ordinal);
        Assert.Contains("require('esm-only')", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'legacy.js'", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith("package.json", warning.File, StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_that_exports_subpaths_only_and_has_no_main_does_not_warn()
    {
        using var kit = new ContentKit().Package("/node_modules/subpaths-only", topLevel: true, files:
        [
            ("package.json", """{"name":"subpaths-only","version":"1.0.0","main":false,"exports":{"./get":"./get.js"}}"""),
            ("get.js", "module.exports = 1;\n"),
        ]);
        var log = new RecordingBundleLog();

        var model = kit.Build(log: log);

        Assert.Null(model.Table.Packages.Single().Main);
        Assert.Empty(log.Diagnostics);
    }

    // async-function and its siblings: exports for modern Node, main as ES5 for engines that predate exports.
    [Theory]
    [InlineData("es5.1", "/node_modules/legacy-main/legacy.js", true)]
    [InlineData("es.next", "/node_modules/legacy-main/index.js", false)]
    public void An_exports_root_the_engine_cannot_parse_gives_way_to_an_es5_main(string engine, string main, bool noted)
    {
        using var kit = new ContentKit().Package("/node_modules/legacy-main", topLevel: true, files:
        [
            ("package.json", """{"name":"legacy-main","version":"1.0.0","main":"./legacy.js","exports":{".":[{"import":"./index.mjs","default":"./index.js"},"./index.js"]}}"""),
            ("index.js", "const f = async () => 1;\nmodule.exports = f;\n"),
            ("legacy.js", "module.exports = function () { return 1; };\n"),
            ("index.mjs", "export default 1;\n"),
        ]);
        var log = new RecordingBundleLog();

        var model = kit.Build(kit.Request() with { EngineProfile = engine }, log);

        Assert.Equal(main, model.Table.Packages.Single().Main);
        Assert.Empty(log.Diagnostics);
        Assert.Equal(noted, log.Lines.Any(l => l.Contains("legacy-main@1.0.0: main legacy.js instead of the exports root index.js", StringComparison.Ordinal)));
    }
}
