using System.Text;
using System.Text.Json.Nodes;
using Bundler.Core.Packaging;
using Bundler.Testing;

namespace Bundler.Core.Tests.Packaging;

/// <summary>
/// Every <see cref="ExportsCase"/> laid out on disk and resolved by real node (<c>require.resolve('pkg', { paths })</c>),
/// compared with <see cref="PackageMain.FromPackageJson"/>. Where node throws, the bundle must warn and load what
/// node loads for the same package without its <c>exports</c> (main/index.js), asked of node too.
/// </summary>
public sealed class PackageExportsNodeTests
{
    private const string Resolve = """
        var fs = require('fs'), path = require('path');
        return input.map(function (dir) {
          var pkg = fs.realpathSync(path.join(dir, 'node_modules', 'pkg'));
          try {
            return { file: path.relative(pkg, require.resolve('pkg', { paths: [dir] })).split(path.sep).join('/') };
          } catch (e) {
            return { error: e.code || String(e) };
          }
        });
        """;

    [Fact]
    public void Node_and_the_bundler_choose_the_same_file_for_every_shape()
    {
        using var temp = new TempDirectory("ipm-exports");
        var dirs = new JsonArray();
        for (var i = 0; i < ExportsCase.All.Length; i++)
        {
            var c = ExportsCase.All[i];
            Lay(temp.Combine(i + "-with"), c.Files, c.PackageJson);
            var without = JsonNode.Parse(c.PackageJson)!.AsObject();
            without.Remove("exports");
            Lay(temp.Combine(i + "-without"), c.Files, without.ToJsonString());
            dirs.Add(temp.Combine(i + "-with"));
            dirs.Add(temp.Combine(i + "-without"));
        }

        var answers = NodeRunner.Evaluate(Resolve, dirs)!.AsArray();

        var mismatches = new List<string>();
        var fallbacks = 0;
        for (var i = 0; i < ExportsCase.All.Length; i++)
        {
            var c = ExportsCase.All[i];
            var files = c.Files.Append("package.json").ToHashSet(StringComparer.Ordinal);
            var ours = PackageMain.FromPackageJson(files, Encoding.UTF8.GetBytes(c.PackageJson), out var problem);
            var node = answers[2 * i]!;
            var nodeWithout = answers[(2 * i) + 1]!;
            var hasExports = JsonNode.Parse(c.PackageJson)!.AsObject().ContainsKey("exports");
            string expected;
            if (node["file"] is { } file)
            {
                expected = $"{file}, no warning";
            }
            else if (hasExports && node["error"]!.GetValue<string>() is "ERR_PACKAGE_PATH_NOT_EXPORTED" or "MODULE_NOT_FOUND" or "ERR_INVALID_PACKAGE_TARGET" or "ERR_INVALID_PACKAGE_CONFIG" or "ERR_INVALID_MODULE_SPECIFIER")
            {
                fallbacks++;
                expected = $"{nodeWithout["file"]?.GetValue<string>() ?? "none"}, warning";
            }
            else
            {
                expected = $"none, no warning ({node["error"]})";
                if (ours is null && problem is null)
                {
                    continue;
                }
            }

            var actual = $"{ours ?? "none"}, {(problem is null ? "no warning" : "warning")}";
            if (expected != actual)
            {
                mismatches.Add($"{c.Name}: node {node.ToJsonString()} / without exports {nodeWithout.ToJsonString()}; expected {expected}, got {actual} ({problem})");
            }
        }

        Assert.Empty(mismatches);

        // The oracle exercised both sides: shapes node resolves and shapes where it throws.
        Assert.InRange(fallbacks, 10, ExportsCase.All.Length - 10);
    }

    private static void Lay(string dir, IEnumerable<string> files, string packageJson)
    {
        var pkg = Path.Combine(dir, "node_modules", "pkg");
        foreach (var f in files)
        {
            var path = Path.Combine(pkg, f);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "module.exports = " + JsonValue.Create(f).ToJsonString() + ";\n");
        }

        File.WriteAllText(Path.Combine(pkg, "package.json"), packageJson);
    }
}
