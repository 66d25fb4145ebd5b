using Bundler.Testing;

namespace Bundler.Integration.Tests.JavaScript;

/// <summary>
/// A file of a real npm package, read in place from tests/tools/node_modules. Where it comes from: <c>eng/setup.sh test</c>
/// runs <c>npm ci</c> in tests/tools, so the real npm client fetches every package at the exact version and integrity
/// pinned in tests/tools/package-lock.json and unpacks it there, where it stays between runs (re-installed only when
/// the lock changes). The tests fetch nothing themselves: this is the corpus "cached by the tests". The footprint
/// tests (Footprint/CorpusRegistry.cs) repack some of the same packages and publish them to a Verdaccio with npm.
/// </summary>
public sealed record CorpusFile(string Package, string RelativePath, string FullPath)
{
    public string Name => $"{Package}/{RelativePath}";
}

/// <summary>
/// The JavaScript corpus: a deterministic choice of files from pure-JS packages pinned in tests/tools/package.json
/// (plus acorn, semver and terser, which are there as tools). Per package: every file when it has at most
/// <see cref="PerPackage"/>, otherwise that many spread evenly over the ordinally sorted list, plus the largest file.
/// </summary>
public static class JsCorpus
{
    public const int PerPackage = 30;

    public static readonly string[] Packages =
    [
        "acorn", "async", "bluebird", "chalk", "commander", "debug", "esprima", "eventemitter3", "handlebars",
        "iconv-lite", "js-yaml", "lodash", "mime", "minimist", "moment", "ms", "punycode", "q", "qs", "ramda",
        "semver", "terser", "underscore", "uuid", "validator", "yaml", "yargs-parser",
    ];

    public static IReadOnlyList<CorpusFile> Select()
    {
        var root = Path.Combine(RepoPaths.Tools, "node_modules");
        var chosen = new List<CorpusFile>();
        foreach (var package in Packages.Order(StringComparer.Ordinal))
        {
            var dir = Path.Combine(root, package);
            if (!Directory.Exists(dir))
            {
                throw new InvalidOperationException($"{dir} is missing: run `bash eng/setup.sh test`");
            }

            var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
                .Where(r => (r.EndsWith(".js", StringComparison.Ordinal) || r.EndsWith(".cjs", StringComparison.Ordinal)
                    || r.EndsWith(".mjs", StringComparison.Ordinal))
                    && !r.Split('/').Contains("node_modules", StringComparer.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList();
            var picks = new SortedSet<int>();
            if (files.Count <= PerPackage)
            {
                picks.UnionWith(Enumerable.Range(0, files.Count));
            }
            else
            {
                picks.UnionWith(Enumerable.Range(0, PerPackage).Select(i => (int)((long)i * files.Count / PerPackage)));
                var largest = files.Select((f, i) => (Size: new FileInfo(Path.Combine(dir, f)).Length, Index: i))
                    .OrderByDescending(x => x.Size).ThenBy(x => x.Index).First().Index;
                picks.Add(largest);
            }

            chosen.AddRange(picks.Select(i => new CorpusFile(package, files[i], Path.Combine(dir, files[i]))));
        }

        return chosen;
    }
}
