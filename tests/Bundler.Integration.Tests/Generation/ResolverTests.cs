using System.Text.Json;
using Bundler.Core.Generation;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Generation;

/// <summary>A node_modules tree with the shapes Node's algorithm distinguishes, compiled with the resolve driver.</summary>
public sealed class ResolverFixture : IDisposable
{
    private readonly TempDirectory _temp = new("ipm-resolver");

    public ResolverFixture()
    {
        try
        {
            var files = new[]
            {
                ("/app/index.js", ""),
                ("/app/lib/util.js", ""),
                ("/app/lib/data.json", "{}"),
                ("/app/lib/dir/index.js", ""),
                ("/app/lib/onlyjson/index.json", "{}"),
                ("/node_modules/a/package.json", """{"name":"a","version":"1.0.0","main":"lib/main"}"""),
                ("/node_modules/a/lib/main.js", ""),
                ("/node_modules/a/lib/other.js", ""),
                ("/node_modules/a/node_modules/b/package.json", """{"name":"b","version":"2.0.0","main":"./b2.js"}"""),
                ("/node_modules/a/node_modules/b/b2.js", ""),
                ("/node_modules/b/package.json", """{"name":"b","version":"1.0.0"}"""),
                ("/node_modules/b/index.js", ""),
                ("/node_modules/b/extra.json", "{}"),
                ("/node_modules/@s/c/package.json", """{"name":"@s/c","version":"0.1.0","main":"dist"}"""),
                ("/node_modules/@s/c/dist/index.js", ""),
                ("/node_modules/@s/c/sub/deep.js", ""),
                ("/node_modules/d/package.json", """{"name":"d","version":"1.0.0","main":"missing.js"}"""),
                ("/node_modules/d/index.js", ""),
                ("/node_modules/e/package.json", """{"name":"e","version":"1.0.0"}"""),
                ("/node_modules/e/index.json", "{}"),
                ("/node_modules/f.js", ""),
                ("/node_modules/g/package.json", """{"name":"g","version":"1.0.0","main":"g"}"""),
                ("/node_modules/g/g.json", "{}"),
                ("/node_modules/h/package.json", """{"name":"h","version":"1.0.0"}"""),
                ("/node_modules/h/index.js", ""),
                ("/node_modules/h.js", ""),
                ("/u/\uFF5E.js", ""),
                ("/u/\U0001F600.js", ""),
            }.Select(f => GeneratedC.File(f.Item1, f.Item2)).ToList();
            Table = new ModuleTable(GeneratedC.PackagesOf(files), files, "sha512-resolver", "ipm resolver-test", "/app/index.js");
            var gen = GeneratedC.Generate(Table, _temp.Combine("gen"));
            Driver = CCompiler.BuildExecutable(_temp.Combine("resolve"), [GeneratedC.Source("resolve.c"), .. GeneratedC.Sources(gen)], [gen]);
            var args = ResolverTests.Cases.SelectMany(c => new[] { c.Op, c.A, c.B }).ToList();
            var lines = ProcessRunner.Run(Driver, args).EnsureSuccess("resolve driver").StdOut.Split('\n');
            Results = ResolverTests.Cases.Select((c, i) => (c, lines[i])).ToDictionary(x => x.c.Key, x => x.Item2, StringComparer.Ordinal);
        }
        catch
        {
            // xunit does not dispose a fixture whose constructor threw.
            _temp.Dispose();
            throw;
        }
    }

    internal ModuleTable Table { get; }

    public string Driver { get; }

    /// <summary>The driver's answer per case key, all cases run in one process.</summary>
    public IReadOnlyDictionary<string, string> Results { get; }

    public string Temp(string name) => _temp.Combine(name);

    public void Dispose() => _temp.Dispose();
}

public sealed class ResolverTests(ResolverFixture fixture) : IClassFixture<ResolverFixture>
{
    internal sealed record Case(string Op, string A, string B, string Expected)
    {
        // Short enough to read in a test report, still unique.
        public string Key => $"{Op} {A} {(B.Length > 60 ? $"{B[..20]}...({B.Length} chars)" : B)}";
    }

    private static readonly string Overlong = "./" + new string('x', 5000);

    // Expectations written by hand from Node's documented algorithm (modules.md, "All together").
    internal static readonly Case[] Cases =
    [
        new("resolve", "/app", "./lib/util", "/app/lib/util.js"),
        new("resolve", "/app", "./lib/util.js", "/app/lib/util.js"),
        new("resolve", "/app", "./lib/data", "/app/lib/data.json"),
        new("resolve", "/app/lib/dir", ".", "/app/lib/dir/index.js"),
        new("resolve", "/app/lib/dir", "../dir", "/app/lib/dir/index.js"),
        new("resolve", "/app/lib", "./dir/", "/app/lib/dir/index.js"),
        new("resolve", "/app/lib", "./onlyjson", "/app/lib/onlyjson/index.json"),
        new("resolve", "/app/lib/dir", "../../lib/./util", "/app/lib/util.js"),
        new("resolve", "/app", "./lib//util", "/app/lib/util.js"),
        new("resolve", "/app", "../../../app/lib/util", "/app/lib/util.js"),
        new("resolve", "/app/lib", "..", "/app/index.js"),
        new("resolve", "/app", ".", "/app/index.js"),
        new("resolve", "/app", "/app/lib/util", "/app/lib/util.js"),
        new("resolve", "/app", "a", "/node_modules/a/lib/main.js"),
        new("resolve", "/", "a", "/node_modules/a/lib/main.js"),
        new("resolve", "/app/lib/dir", "a", "/node_modules/a/lib/main.js"),
        new("resolve", "/node_modules/a/lib", "b", "/node_modules/a/node_modules/b/b2.js"),
        new("resolve", "/app", "b", "/node_modules/b/index.js"),
        new("resolve", "/app", "b/", "/node_modules/b/index.js"),
        new("resolve", "/node_modules/a/node_modules/b", "a", "/node_modules/a/lib/main.js"),
        new("resolve", "/node_modules/a/lib", "a", "/node_modules/a/lib/main.js"),
        new("resolve", "/node_modules/a", "./lib/main", "/node_modules/a/lib/main.js"),
        new("resolve", "/app", "@s/c", "/node_modules/@s/c/dist/index.js"),
        new("resolve", "/app", "@s/c/sub/deep", "/node_modules/@s/c/sub/deep.js"),
        new("resolve", "/node_modules/@s/c/sub", "b", "/node_modules/b/index.js"),
        new("resolve", "/app", "a/lib/other", "/node_modules/a/lib/other.js"),
        new("resolve", "/app", "b/extra", "/node_modules/b/extra.json"),
        new("resolve", "/app", "b/extra.json", "/node_modules/b/extra.json"),
        new("resolve", "/app", "d", "/node_modules/d/index.js"),
        new("resolve", "/app", "e", "/node_modules/e/index.json"),
        new("resolve", "/app", "f", "/node_modules/f.js"),
        new("resolve", "/app", "g", "/node_modules/g/g.json"),
        new("resolve", "/app", "h", "/node_modules/h.js"),
        new("resolve", "/app", "h/", "/node_modules/h/index.js"),
        new("resolve", "/app", "a/../b", "/node_modules/b/index.js"),
        new("resolve", "/app", "../u/\U0001F600", "/u/\U0001F600.js"),
        new("resolve", "/u", "./\uFF5E", "/u/\uFF5E.js"),
        new("resolve", "/app", "nope", "-"),
        new("resolve", "/app", "./nope", "-"),
        new("resolve", "/app", "./lib/util/", "-"),
        new("resolve", "/app", "lib/util", "-"),
        new("resolve", "/app/lib", "a/lib", "-"),
        new("resolve", "/app", "", "-"),
        new("resolve", "/app", Overlong, "-"),
        new("resolve", "-", "./app/lib/util", "/app/lib/util.js"),
        new("from", "/node_modules/a/lib/main.js", "b", "/node_modules/a/node_modules/b/b2.js"),
        new("from", "/app/lib/dir/index.js", "../util", "/app/lib/util.js"),
        new("from", "/no/such/file.js", "a", "/node_modules/a/lib/main.js"),
        new("dirname", "/app/lib/dir/index.js", "-", "/app/lib/dir"),
        new("dirname", "/node_modules/f.js", "-", "/node_modules"),
        new("dirname", "/no/such/file.js", "-", "-"),
        new("find", "/node_modules/@s/c/sub/deep.js", "-", "/node_modules/@s/c/sub/deep.js"),
        new("find", "/node_modules/@s/c/sub/deep", "-", "-"),
        new("find", "/u/\U0001F600.js", "-", "/u/\U0001F600.js"),
        new("find", "/u/\uFF5E.js", "-", "/u/\uFF5E.js"),
    ];

    public static TheoryData<string> Keys => new(Cases.Select(c => c.Key));

    [Theory]
    [MemberData(nameof(Keys))]
    public void Resolves_as_node_documents(string key)
    {
        var c = Cases.Single(x => x.Key == key);
        Assert.Equal(c.Expected, fixture.Results[key]);
    }

    /// <summary>The same tree on disk, the same requests through Node's own require.resolve.</summary>
    [Fact]
    public void Agrees_with_node_require_resolve()
    {
        var root = GeneratedC.WriteTree(fixture.Table, fixture.Temp("tree"));
        // Left out: requests Node rejects outright (empty), and climbing above the root, which on disk leaves the tree.
        var cases = Cases.Where(c => c.Op == "resolve" && c.B.Length > 0 && c.B != Overlong && !c.B.StartsWith("../../../", StringComparison.Ordinal)).ToList();
        File.WriteAllText(fixture.Temp("cases.json"), JsonSerializer.Serialize(cases.Select(c => new[] { c.A == "-" ? "/" : c.A, c.B })));
        File.WriteAllText(fixture.Temp("oracle.js"), """
            const { createRequire } = require('module');
            const fs = require('fs');
            const path = require('path');
            const root = fs.realpathSync(process.argv[2]);
            const cases = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
            console.log(JSON.stringify(cases.map(([from, request]) => {
              try {
                const req = createRequire(path.join(root, from, '__from__.js'));
                const found = req.resolve(request.startsWith('/') ? root + request : request);
                return found.startsWith(root + '/') ? found.slice(root.length) : '-';
              } catch (e) {
                return '-';
              }
            })));
            """);
        var env = new Dictionary<string, string?> { ["NODE_PATH"] = null, ["HOME"] = fixture.Temp("home"), ["NODE_OPTIONS"] = null };
        var output = ProcessRunner.Run("node", ["--no-deprecation", fixture.Temp("oracle.js"), root, fixture.Temp("cases.json")], environment: env)
            .EnsureSuccess("node oracle").StdOut;
        var node = JsonSerializer.Deserialize<string[]>(output)!;
        var disagreements = cases.Select((c, i) => (c, node: node[i], ours: fixture.Results[c.Key]))
            .Where(x => x.node != x.ours)
            .Select(x => $"{x.c.A} require('{x.c.B}'): node {x.node}, ipm {x.ours}")
            .ToList();
        Assert.Empty(disagreements);
        Assert.Equal(Cases.Count(c => c.Op == "resolve") - 3, cases.Count);
    }
}
