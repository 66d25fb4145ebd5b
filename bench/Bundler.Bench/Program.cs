using Bundler.Bench;

// One console app for all benchmarks: dotnet run -c Release --project bench/Bundler.Bench -- <name> [options]
var benchmarks = new SortedDictionary<string, (string Summary, Func<string[], int> Run)>(StringComparer.Ordinal)
{
    ["semver"] = ("npm ranges: parse and satisfies throughput beside node-semver", SemverBench.Run),
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var bench))
{
    Console.Error.WriteLine("usage: Bundler.Bench <benchmark> [options]");
    foreach (var (name, (summary, _)) in benchmarks)
    {
        Console.Error.WriteLine($"  {name,-12} {summary}");
    }

    return 2;
}

return bench.Run(args[1..]);
