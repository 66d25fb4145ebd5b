using Bundler.Core.Diagnostics;

namespace Bundler.Core.Tests.Packaging;

public sealed class RequireGraphTests
{
    private static string[] Shipped(Bundler.Core.Packaging.PruneResult r) => r.Shipped.Keys.ToArray();

    [Fact]
    public void Follows_relative_requires_from_the_main_and_leaves_the_rest()
    {
        var r = new VirtualTree()
            .Package("/node_modules/a", main: "lib/a", topLevel: true, files:
            [
                ("lib/a.js", "var u = require('./util'); var d = require('../data.json'); var i = require('./inner');"),
                ("lib/util.js", "module.exports = 1;"),
                ("lib/inner/index.js", "require('./more.js');"),
                ("lib/inner/more.js", ""),
                ("lib/unused.js", "require('./util');"),
                ("data.json", """{"x": "require('./unused')"}"""),
                ("README.md", "# a"),
            ])
            .Walk();

        Assert.Equal(
            ["/node_modules/a/data.json", "/node_modules/a/lib/a.js", "/node_modules/a/lib/inner/index.js", "/node_modules/a/lib/inner/more.js",
             "/node_modules/a/lib/util.js", "/node_modules/a/package.json"],
            Shipped(r));
        Assert.Equal("main", r.Shipped["/node_modules/a/lib/a.js"]);
        Assert.Equal("/node_modules/a/lib/a.js:1", r.Shipped["/node_modules/a/lib/util.js"]);
        Assert.Equal("package.json", r.Shipped["/node_modules/a/package.json"]);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void Bare_names_walk_up_node_modules_so_a_nested_copy_wins_for_its_parent_only()
    {
        var tree = new VirtualTree()
            .Package("/node_modules/a", topLevel: true, files: [("index.js", "require('b'); require('c');")])
            .Package("/node_modules/a/node_modules/b", files: [("index.js", "exports.v = 2;"), ("unused.js", "")])
            .Package("/node_modules/b", files: [("index.js", "exports.v = 1;")])
            .Package("/node_modules/c", main: "main.js", files: [("main.js", "require('b');"), ("index.js", "")]);
        var r = tree.Walk();

        Assert.Equal(
            ["/node_modules/a/index.js", "/node_modules/a/node_modules/b/index.js", "/node_modules/a/node_modules/b/package.json",
             "/node_modules/a/package.json", "/node_modules/b/index.js", "/node_modules/b/package.json",
             "/node_modules/c/main.js", "/node_modules/c/package.json"],
            Shipped(r));
        Assert.Equal("/node_modules/c/main.js:1", r.Shipped["/node_modules/b/index.js"]);
    }

    [Fact]
    public void A_deep_path_ships_that_file_and_what_it_requires_but_not_the_package_main()
    {
        var r = new VirtualTree()
            .Package("/node_modules/app", topLevel: true, files: [("index.js", "require('lib/fp/map'); require('@s/c/sub');")])
            .Package("/node_modules/lib", files: [("index.js", "require('./big');"), ("big.js", ""), ("fp/map.js", "require('../core');"), ("core.js", "")])
            .Package("/node_modules/@s/c", files: [("index.js", ""), ("sub/index.js", "")])
            .Walk();

        Assert.Equal(
            ["/node_modules/@s/c/package.json", "/node_modules/@s/c/sub/index.js", "/node_modules/app/index.js", "/node_modules/app/package.json",
             "/node_modules/lib/core.js", "/node_modules/lib/fp/map.js", "/node_modules/lib/package.json"],
            Shipped(r));
    }

    [Fact]
    public void Cycles_terminate_and_each_file_is_scanned_once()
    {
        var tree = new VirtualTree()
            .Package("/node_modules/x", topLevel: true, files: [("index.js", "require('./a');"), ("a.js", "require('./b'); require('y');"), ("b.js", "require('./a'); require('./index');")])
            .Package("/node_modules/y", files: [("index.js", "require('x'); require('x/b');")]);
        var r = tree.Walk();

        Assert.Equal(6, r.Shipped.Count);
        Assert.Equal(tree.Scanned.Count, tree.Scanned.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(4, tree.Scanned.Count);
    }

    [Fact]
    public void A_computed_require_warns_with_file_and_line_and_its_package_falls_back_to_the_default_set()
    {
        var r = new VirtualTree()
            .Package("/node_modules/app", topLevel: true, files: [("index.js", "require('plug');")])
            .Package("/node_modules/plug", dependencies: ["dep", "missing-optional"], files:
            [
                ("index.js", "var name = 'x';\nmodule.exports = require('./plugins/' + name);"),
                ("plugins/x.js", ""),
                ("plugins/y.json", "{}"),
                ("test/plugins.js", ""),
                ("docs/x.md", ""),
                ("types.d.ts", ""),
                ("src/x.ts", ""),
                ("examples/demo.js", ""),
                ("example/basic.js", ""),
                ("plugins/x.js.map", "{}"),
                (".eslintrc.js", ""),
                ("plugins/.hidden.js", ""),
                (".config.json", "{}"),
            ])
            .Package("/node_modules/dep", files: [("index.js", "require('./helper');"), ("helper.js", ""), ("other.js", "")])
            .Package("/node_modules/untouched", files: [("index.js", "")])
            .Walk();

        var warning = Assert.Single(r.Warnings);
        Assert.Equal("IPM6003", warning.Code);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal("/node_modules/plug/index.js", warning.File);
        Assert.Equal(2, warning.Line);
        Assert.Contains("'./plugins/' + name", warning.Message, StringComparison.Ordinal);
        Assert.Equal(["/node_modules/plug"], r.FallbackPackages);

        Assert.Contains("/node_modules/plug/plugins/x.js", r.Shipped.Keys);
        Assert.Contains("/node_modules/plug/plugins/y.json", r.Shipped.Keys);
        Assert.Equal("fallback", r.Shipped["/node_modules/plug/plugins/x.js"]);
        Assert.DoesNotContain(r.Shipped.Keys, k => k.Contains("/test/", StringComparison.Ordinal) || k.EndsWith(".md", StringComparison.Ordinal) || k.EndsWith("ts", StringComparison.Ordinal));
        // Examples, source maps and dotfiles (JavaScript or JSON though some are) stay out of the default set.
        Assert.Equal(
            ["/node_modules/plug/index.js", "/node_modules/plug/package.json", "/node_modules/plug/plugins/x.js", "/node_modules/plug/plugins/y.json"],
            r.Shipped.Keys.Where(k => k.StartsWith("/node_modules/plug/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        // A computed name may be any dependency: their mains ship and are followed; other packages stay pruned.
        Assert.Equal("fallback", r.Shipped["/node_modules/dep/index.js"]);
        Assert.Contains("/node_modules/dep/helper.js", r.Shipped.Keys);
        Assert.DoesNotContain("/node_modules/dep/other.js", r.Shipped.Keys);
        Assert.Equal(["/node_modules/untouched/package.json"], r.Shipped.Keys.Where(k => k.StartsWith("/node_modules/untouched/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Files_globs_are_roots_and_are_followed()
    {
        var r = new VirtualTree()
            .Package("/node_modules/m", topLevel: true, include: "locale/de.js;assets/*.txt", files:
            [
                ("index.js", ""),
                ("locale/de.js", "require('../lib/helper');"),
                ("locale/fr.js", ""),
                ("lib/helper.js", ""),
                ("assets/a.txt", "require('./nothing') is text here, never scanned"),
            ])
            .Walk();

        Assert.Equal("Files locale/de.js", r.Shipped["/node_modules/m/locale/de.js"]);
        Assert.Equal("Files assets/*.txt", r.Shipped["/node_modules/m/assets/a.txt"]);
        Assert.Equal("/node_modules/m/locale/de.js:1", r.Shipped["/node_modules/m/lib/helper.js"]);
        Assert.DoesNotContain("/node_modules/m/locale/fr.js", r.Shipped.Keys);
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void Built_in_modules_are_silent_and_listed_other_unresolved_requires_warn()
    {
        var r = new VirtualTree()
            .Package("/node_modules/a", topLevel: true, files: [("index.js", "require('fs');\nrequire('node:path');\nrequire('events');\nrequire('gpio');\nrequire('not-installed');\nrequire('./missing');")])
            .Package("/node_modules/events", files: [("index.js", "")])
            .Walk();

        // A package named like a built-in is bundled: the device's resolver finds it first, as Node's does for deep paths.
        Assert.Contains("/node_modules/events/index.js", r.Shipped.Keys);
        Assert.Equal(["fs", "gpio", "node:path"], r.CoreRequires.Keys);
        Assert.Equal("/node_modules/a/index.js:1", r.CoreRequires["fs"]);
        Assert.Equal([("IPM7005", 5, "not-installed"), ("IPM7005", 6, "./missing")],
            r.Warnings.Select(w => (w.Code, w.Line, w.Message.Split('\'')[1])));
        Assert.All(r.Warnings, w => Assert.Equal("/node_modules/a/index.js", w.File));
    }

    [Fact]
    public void The_entry_follows_relative_requires_into_the_project_folder_but_never_into_its_node_modules()
    {
        var tree = new VirtualTree()
            .Project("/src/main.js", "require('./lib/util'); require('../config.json'); require('a'); require('./node_modules/a/index.js');")
            .Project("/src/lib/util.js", "require('./helpers');")
            .Project("/src/lib/helpers/index.js", "")
            .Project("/config.json", "{}")
            .Project("/src/unused.js", "")
            .Project("/src/node_modules/a/index.js", "")
            .Package("/node_modules/a", files: [("index.js", "")]);
        var r = tree.Walk("/src/main.js");

        Assert.Equal(
            ["/config.json", "/node_modules/a/index.js", "/node_modules/a/package.json", "/src/lib/helpers/index.js", "/src/lib/util.js", "/src/main.js"],
            Shipped(r));
        Assert.Equal("entry", r.Shipped["/src/main.js"]);
        var warning = Assert.Single(r.Warnings);
        Assert.Equal(("IPM7005", "/src/main.js"), (warning.Code, warning.File));
    }

    [Fact]
    public void Without_an_entry_the_mains_of_declared_modules_are_roots_and_unreached_packages_keep_only_package_json()
    {
        var r = new VirtualTree()
            .Package("/node_modules/top", main: "lib", topLevel: true, files: [("lib/index.js", ""), ("index.js", "")])
            .Package("/node_modules/transitive", files: [("index.js", "")])
            .Walk();

        Assert.Equal(["/node_modules/top/lib/index.js", "/node_modules/top/package.json", "/node_modules/transitive/package.json"], Shipped(r));
    }

    [Fact]
    public void Requests_naming_a_folder_skip_files_and_json_loads_are_not_scanned()
    {
        var tree = new VirtualTree()
            .Package("/node_modules/a", topLevel: true, files:
            [
                ("index.js", "require('./lib/'); require('./conf');"),
                ("lib.js", ""),
                ("lib/index.js", ""),
                ("conf.json", "not javascript at all: ` ' \""),
            ]);
        var r = tree.Walk();

        Assert.Contains("/node_modules/a/lib/index.js", r.Shipped.Keys);
        Assert.DoesNotContain("/node_modules/a/lib.js", r.Shipped.Keys);
        Assert.Contains("/node_modules/a/conf.json", r.Shipped.Keys);
        Assert.DoesNotContain("/node_modules/a/conf.json", tree.Scanned);
    }
}
