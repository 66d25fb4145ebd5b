using System.Text.Json.Nodes;
using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;
using Bundler.Core.Resolution;

namespace Bundler.Core.Tests.Registry;

/// <summary>ipm tree and ipm why over a hand-built tree with nesting, dedupe, an alias, a cycle and a stray package.</summary>
public sealed class TreeQueriesTests
{
    private static ResolvedPackage P(string path, string version, string? packageName = null, params (string Name, string Spec)[] deps)
    {
        var name = path[(path.LastIndexOf("node_modules/", StringComparison.Ordinal) + 13)..];
        return new ResolvedPackage
        {
            Path = path,
            Name = name,
            PackageName = packageName ?? name,
            Version = version,
            Dependencies = new SortedDictionary<string, string>(deps.ToDictionary(d => d.Name, d => d.Spec), StringComparer.Ordinal),
        };
    }

    // app requires a, a-b, b and an alias; a needs c@^2 (nested), b needs c@^1 (hoisted) and a (deduped);
    // x and y need each other; "stray" is required by nothing. "a-b" sorts between "a" and "a/node_modules/c".
    private static ResolvedTree Sample()
    {
        var requires = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["a"] = "^1.0.0", ["a-b"] = "^1.0.0", ["b"] = "^1.0.0", ["alias"] = "npm:real@^2.0.0", ["x"] = "^1.0.0",
        };
        var b = P("node_modules/b", "1.0.0", null, ("c", "^1.0.0"), ("a", "^1.0.0"), ("missing", "^9.0.0")) with
        {
            OptionalDependencies = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["skipped"] = "^1.0.0" },
        };
        return new ResolvedTree(requires,
        [
            P("node_modules/a", "1.2.0", null, ("c", "^2.0.0")),
            P("node_modules/a-b", "1.0.0"),
            P("node_modules/a/node_modules/c", "2.0.0"),
            P("node_modules/alias", "2.1.0", "real"),
            b,
            P("node_modules/c", "1.0.0"),
            P("node_modules/stray", "0.1.0"),
            P("node_modules/x", "1.0.0", null, ("y", "^1.0.0")),
            P("node_modules/y", "1.0.0", null, ("x", "^1.0.0")),
        ]);
    }

    [Fact]
    public void Tree_draws_each_package_under_what_requires_it_like_npm_ls()
    {
        var expected = """
            app
            +-- a@1.2.0
            |   `-- c@2.0.0
            +-- a-b@1.0.0
            +-- alias@npm:real@2.1.0
            +-- b@1.0.0
            |   +-- a@1.2.0 deduped
            |   +-- c@1.0.0
            |   `-- UNMET DEPENDENCY missing@^9.0.0
            `-- x@1.0.0
                `-- y@1.0.0
                    `-- x@1.0.0 deduped
            stray@0.1.0 extraneous (node_modules/stray)

            """.ReplaceLineEndings("\n");

        Assert.Equal(expected, TreeQueries.Text(Sample(), "app"));
    }

    [Fact]
    public void Tree_json_lists_every_install_path_with_the_real_name_and_version()
    {
        var json = JsonNode.Parse(TreeQueries.Json(Sample()))!.AsArray();

        Assert.Equal(9, json.Count);
        Assert.Equal(
            Sample().Packages.Select(p => (p.Path, p.PackageName, p.Version)),
            json.Select(n => ((string)n!["path"]!, (string)n["name"]!, (string)n["version"]!)));
        Assert.Equal("real", (string?)json.Single(n => (string?)n!["path"] == "node_modules/alias")!["name"]);
    }

    [Fact]
    public void Why_shows_every_copy_and_every_chain_that_reaches_it()
    {
        var expected = """
            c@2.0.0 at node_modules/a/node_modules/c
              app > a@^1.0.0 > c@^2.0.0
              app > b@^1.0.0 > a@^1.0.0 > c@^2.0.0
            c@1.0.0 at node_modules/c
              app > b@^1.0.0 > c@^1.0.0

            """.ReplaceLineEndings("\n");

        Assert.Equal(expected, TreeQueries.Why(Sample(), "c", "app"));
    }

    [Fact]
    public void Why_follows_dedupe_aliases_and_cycles()
    {
        var tree = Sample();

        Assert.Equal("a@1.2.0 at node_modules/a\n  app > a@^1.0.0\n  app > b@^1.0.0 > a@^1.0.0\n", TreeQueries.Why(tree, "a", "app"));
        Assert.Equal("alias@npm:real@2.1.0 at node_modules/alias\n  app > alias@npm:real@^2.0.0\n", TreeQueries.Why(tree, "real", "app"));
        Assert.Equal("y@1.0.0 at node_modules/y\n  app > x@^1.0.0 > y@^1.0.0\n", TreeQueries.Why(tree, "y", "app"));
        Assert.Equal("stray@0.1.0 at node_modules/stray\n  (nothing requires it: extraneous)\n", TreeQueries.Why(tree, "stray", "app"));
    }

    [Fact]
    public void Why_a_package_that_is_not_in_the_tree_is_a_coded_error()
    {
        var e = Assert.Throws<IpmException>(() => TreeQueries.Why(Sample(), "nope", "app"));

        Assert.Equal("IPM3012", e.Code);
        Assert.Contains("'nope'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void First_requirements_give_each_copy_its_range_and_the_shortest_chain_to_it()
    {
        var found = TreeQueries.FirstRequirements(Sample(), "app");

        // c is wanted by a (^2, nested copy) and by b (^1, hoisted copy); each copy gets the edge that reaches it.
        Assert.Equal(("^2.0.0", "app > a@^1.0.0"), found["node_modules/a/node_modules/c"]);
        Assert.Equal(("^1.0.0", "app > b@^1.0.0"), found["node_modules/c"]);
        Assert.Equal(("^1.0.0", "app"), found["node_modules/a"]); // the root's edge, not b's longer one
        Assert.Equal(("npm:real@^2.0.0", "app"), found["node_modules/alias"]);
        Assert.Equal(("^1.0.0", "app > x@^1.0.0"), found["node_modules/y"]);
        Assert.False(found.ContainsKey("node_modules/stray"));
    }
}
