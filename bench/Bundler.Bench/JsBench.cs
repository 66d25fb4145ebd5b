using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bundler.Core.Diagnostics;
using Bundler.Core.JavaScript;

namespace Bundler.Bench;

/// <summary>
/// The JavaScript stage over every .js/.cjs/.mjs file of a folder (default: tests/tools/node_modules):
/// <c>js-throughput</c> times the lexer, reader, minifier, preflight and require scanner; <c>js-sweep</c> writes
/// tokens and minified copies for the acorn oracle (see bench/README.md).
/// </summary>
internal static class JsBench
{
    /// <summary>Arguments: [folder].</summary>
    public static int RunThroughput(string[] args)
    {
        Throughput(args.Length > 0 ? args[0] : Path.Combine(BenchHost.RepoRoot(), "tests", "tools", "node_modules"));
        return 0;
    }

    /// <summary>Arguments: folder out.</summary>
    public static int RunSweep(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: js-sweep <folder> <out>");
            return 2;
        }

        Sweep(args[0], args[1]);
        return 0;
    }

    private static List<string> JavaScriptFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".js", StringComparison.Ordinal) || f.EndsWith(".cjs", StringComparison.Ordinal)
                || f.EndsWith(".mjs", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static void Throughput(string root)
    {
        var files = new List<(string Name, byte[] Bytes)>();
        foreach (var f in JavaScriptFiles(root))
        {
            var bytes = File.ReadAllBytes(f);
            try
            {
                JsDocument.Read(bytes, f);
                files.Add((f, bytes));
            }
            catch (IpmException e)
            {
                Console.WriteLine($"skipped: {e.Diagnostic}");
            }
        }

        var total = files.Sum(x => (long)x.Bytes.Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files.Count} files, {total / 1e6:F1} MB"));
        var docs = files.Select(f => JsDocument.Read(f.Bytes, f.Name)).ToList();

        void Time(string what, Action<int> run)
        {
            for (var warm = 0; warm < 3; warm++)
            {
                for (var i = 0; i < files.Count; i++)
                {
                    run(i);
                }
            }

            var best = double.MaxValue;
            for (var round = 0; round < 5; round++)
            {
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < files.Count; i++)
                {
                    run(i);
                }

                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-34} {total / 1e6 / best,7:F1} MB/s  {best * 1000,6:F0} ms"));
        }

        Time("lexer (JsLexer.Next to the end)", i =>
        {
            var lexer = new JsLexer(files[i].Bytes, files[i].Name);
            while (lexer.Next().Kind != JsTokenKind.EndOfInput)
            {
            }
        });
        Time("JsDocument.Read (tokens+comments)", i => JsDocument.Read(files[i].Bytes, files[i].Name));
        Time("Minifier on a read document", i => Minifier.Minify(docs[i]));
        Time("SyntaxPreflight on a read document", i => SyntaxPreflight.Check(docs[i], EngineProfile.Es51));
        Time("RequireScanner on a read document", i => RequireScanner.Scan(docs[i]));
        Time("all four from bytes", i =>
        {
            var doc = JsDocument.Read(files[i].Bytes, files[i].Name);
            Minifier.Minify(doc);
            SyntaxPreflight.Check(doc, EngineProfile.Es51);
            RequireScanner.Scan(doc);
        });
    }

    private static void Sweep(string root, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var files = JavaScriptFiles(root);
        var manifest = new List<Dictionary<string, object>>();
        for (var i = 0; i < files.Count; i++)
        {
            var item = new Dictionary<string, object> { ["id"] = i, ["path"] = Path.GetFullPath(files[i]) };
            manifest.Add(item);
            try
            {
                var doc = JsDocument.Read(File.ReadAllBytes(files[i]), files[i]);
                var tokens = new StringBuilder("[");
                foreach (var t in doc.Tokens)
                {
                    var kind = t.Kind switch
                    {
                        JsTokenKind.Identifier or JsTokenKind.Keyword => 0,
                        JsTokenKind.PrivateName => 1,
                        JsTokenKind.Number => 2,
                        JsTokenKind.String => 3,
                        JsTokenKind.RegExp => 4,
                        JsTokenKind.Punctuator => 6,
                        _ => 5,
                    };
                    tokens.Append(tokens.Length > 1 ? "," : "").Append(CultureInfo.InvariantCulture, $"{kind},{t.Start},{t.End},{t.Line}");
                }

                var tokensPath = Path.GetFullPath(Path.Combine(outDir, $"{i}.tokens.json"));
                var minifiedPath = Path.GetFullPath(Path.Combine(outDir, $"{i}.min.js"));
                File.WriteAllText(tokensPath, tokens.Append(']').ToString());
                File.WriteAllBytes(minifiedPath, Minifier.Minify(doc).Code);
                item["tokens"] = tokensPath;
                item["minified"] = minifiedPath;
                var findings = SyntaxPreflight.Check(doc, EngineProfile.Es51);
                item["es51Findings"] = findings.Count;
            }
            catch (IpmException e)
            {
                item["ourError"] = e.Diagnostic.ToString();
            }
        }

        File.WriteAllText(Path.Combine(outDir, "manifest.json"), JsonSerializer.Serialize(new { files = manifest }));
        Console.WriteLine($"{files.Count} files; now run: node tests/Bundler.Integration.Tests/JavaScript/acorn-oracle.js tests/tools/node_modules/acorn {Path.Combine(outDir, "manifest.json")} <results.json>");
    }
}
