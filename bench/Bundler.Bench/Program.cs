using Bundler.Bench;

// One console app for all benchmarks: dotnet run -c Release --project bench/Bundler.Bench -- <name> [options]
var benchmarks = new SortedDictionary<string, (string Summary, Func<string[], int> Run)>(StringComparer.Ordinal)
{
    ["c-compile"] = ("compile time and memory of the generated C beside {0x..} byte arrays and .incbin", CCompileBench.Run),
    ["js-sweep"] = ("writes tokens and minified copies of every script of a folder for the acorn oracle", JsBench.RunSweep),
    ["js-throughput"] = ("MB/s of the lexer, minifier, preflight and require scanner over real packages", JsBench.RunThroughput),
    ["semver"] = ("npm ranges: parse and satisfies throughput beside node-semver", SemverBench.Run),
    ["size"] = ("corpus bytes: raw, default file set, ipm Minifier, terser", SizeBench.Run),
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var bench))
{
    Console.Error.WriteLine("usage: Bundler.Bench <benchmark> [options]");
    foreach (var (name, (summary, _)) in benchmarks)
    {
        Console.Error.WriteLine($"  {name,-14} {summary}");
    }

    return 2;
}

return bench.Run(args[1..]);
