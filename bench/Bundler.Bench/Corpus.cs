using Bundler.Core.Packaging;

namespace Bundler.Bench;

/// <summary>One file of a corpus package: its package, its path inside the package, its bytes.</summary>
internal sealed record CorpusFile(string Package, string RelativePath, byte[] Bytes);

/// <summary>
/// Real CommonJS packages from tests/tools/node_modules (installed by <c>bash eng/setup.sh test</c>): the
/// corpus packages of tests/tools/package.json, without the tools themselves (verdaccio, playwright-core,
/// terser, acorn) and without their nested node_modules.
/// </summary>
internal static class Corpus
{
    public static readonly string[] Packages =
    [
        "async", "bluebird", "chalk", "commander", "debug", "esprima", "eventemitter3", "handlebars", "iconv-lite",
        "js-yaml", "lodash", "mime", "minimist", "moment", "ms", "punycode", "q", "qs", "ramda", "underscore",
        "uuid", "validator", "yaml", "yargs-parser",
    ];

    public static string NodeModules() => Path.Combine(BenchHost.RepoRoot(), "tests", "tools", "node_modules");

    /// <summary>Every file of every corpus package, ordinally sorted by package then path.</summary>
    public static List<CorpusFile> All()
    {
        var root = NodeModules();
        var files = new List<CorpusFile>();
        foreach (var package in Packages)
        {
            var dir = Path.Combine(root, package);
            if (!File.Exists(Path.Combine(dir, "package.json")))
            {
                throw new InvalidOperationException($"{dir} is missing: run `bash eng/setup.sh test` first");
            }

            foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(dir, f).Replace('\\', '/');
                if (!rel.StartsWith("node_modules/", StringComparison.Ordinal))
                {
                    files.Add(new CorpusFile(package, rel, File.ReadAllBytes(f)));
                }
            }
        }

        return files.OrderBy(f => f.Package, StringComparer.Ordinal).ThenBy(f => f.RelativePath, StringComparer.Ordinal).ToList();
    }

    /// <summary>The default device file set (<see cref="FileSelector.IsDefault"/>) of <see cref="All"/>.</summary>
    public static List<CorpusFile> DefaultSet() => All().Where(f => FileSelector.IsDefault(f.RelativePath)).ToList();

    /// <summary>
    /// What pruning (<see cref="RequireGraph"/>, as the bundle pipeline runs it) ships of <paramref name="all"/> when
    /// every corpus package is a declared module: the files reachable from the mains, package.json files, and the
    /// default set of packages that fall back because of a computed require. Requires of packages outside the corpus
    /// stay unresolved (a warning each), so their files are not counted.
    /// </summary>
    public static List<CorpusFile> Pruned(List<CorpusFile> all)
    {
        var byPath = all.ToDictionary(f => $"/node_modules/{f.Package}/{f.RelativePath}", StringComparer.Ordinal);
        var packages = all.GroupBy(f => f.Package, StringComparer.Ordinal).Select(g =>
        {
            var files = g.Select(f => f.RelativePath).ToList();
            var manifest = g.Single(f => f.RelativePath == "package.json").Bytes;
            return new PackageFiles
            {
                Name = g.Key,
                Version = "0.0.0",
                Directory = "/node_modules/" + g.Key,
                Files = files,
                Main = PackageMain.Resolve(files.ToHashSet(StringComparer.Ordinal), PackageMain.ReadMainField(manifest)),
                TopLevel = true,
            };
        }).ToList();
        var result = RequireGraph.Walk(packages, null, _ => false,
            path => Bundler.Core.JavaScript.RequireScanner.Scan(Bundler.Core.JavaScript.JsDocument.Read(byPath[path].Bytes, path)));
        return result.Shipped.Keys.Select(k => byPath[k]).ToList();
    }

    public static bool IsScript(CorpusFile f) =>
        f.RelativePath.EndsWith(".js", StringComparison.Ordinal) || f.RelativePath.EndsWith(".cjs", StringComparison.Ordinal);

    public static long Bytes(IEnumerable<CorpusFile> files) => files.Sum(f => (long)f.Bytes.Length);
}
