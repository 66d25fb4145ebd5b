using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bundler.Core.Diagnostics;
using Bundler.Core.JavaScript;

namespace Bundler.Bench;

/// <summary>
/// Bytes the corpus takes: every file of the packages (raw), the default device file set, that set with our
/// <see cref="Minifier"/> on every script, and that set with terser (compress + mangle) on every script.
/// JSON files stay as they are in every column.
/// </summary>
internal static class SizeBench
{
    /// <summary>No arguments.</summary>
    public static int Run(string[] args)
    {
        _ = args;
        var all = Corpus.All();
        var set = Corpus.DefaultSet();
        var raw = Corpus.Bytes(all);
        var selected = Corpus.Bytes(set);

        long minified = 0;
        var unreadable = 0;
        var sw = Stopwatch.StartNew();
        foreach (var f in set)
        {
            if (!Corpus.IsScript(f))
            {
                minified += f.Bytes.Length;
                continue;
            }

            try
            {
                minified += Minifier.Minify(f.Bytes, f.RelativePath).Code.Length;
            }
            catch (IpmException)
            {
                unreadable++;
                minified += f.Bytes.Length;
            }
        }

        var oursSeconds = sw.Elapsed.TotalSeconds;
        var list = Path.GetTempFileName();
        var root = Corpus.NodeModules();
        File.WriteAllLines(list, set.Where(Corpus.IsScript).Select(f => Path.Combine(root, f.Package, f.RelativePath)));
        var json = BenchHost.Run("node", Path.Combine(BenchHost.RepoRoot(), "bench", "Bundler.Bench", "terser-size.js"),
            Path.Combine(root, "terser"), list);
        File.Delete(list);
        using var doc = JsonDocument.Parse(json);
        var terser = doc.RootElement.GetProperty("bytes").GetInt64() + set.Where(f => !Corpus.IsScript(f)).Sum(f => (long)f.Bytes.Length);
        var terserSeconds = doc.RootElement.GetProperty("seconds").GetDouble();
        var terserFailed = doc.RootElement.GetProperty("failed").GetInt32();

        Console.WriteLine($"machine: {BenchHost.Machine()}; load average: {BenchHost.LoadAverage()}");
        Console.WriteLine($"corpus:  {Corpus.Packages.Length} packages, {all.Count} files; default set {set.Count} files "
            + $"({set.Count(Corpus.IsScript)} scripts); scripts we could not read: {unreadable}, terser failed on: {terserFailed}");
        Console.WriteLine();
        Console.WriteLine("| form | bytes | of raw | of default set | time |");
        Console.WriteLine("|---|---|---|---|---|");
        void Row(string what, long bytes, string time) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {bytes:N0} | {(double)bytes / raw:F3} | {(double)bytes / selected:F3} | {time} |"));
        Row("raw (every file of the packages)", raw, "");
        Row("default device file set", selected, "");
        Row("default set, ipm Minifier", minified, string.Create(CultureInfo.InvariantCulture, $"{oursSeconds:F2} s"));
        Row("default set, terser -c -m", terser, string.Create(CultureInfo.InvariantCulture, $"{terserSeconds:F1} s"));
        return 0;
    }
}
