using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bundler.Core.Diagnostics;
using Bundler.Core.JavaScript;

namespace Bundler.Bench;

/// <summary>
/// Bytes the corpus takes: every file of the packages (raw), the default device file set, what pruning ships, and the
/// latter two with our <see cref="Minifier"/> and with terser (compress + mangle) on every script.
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
        var pruned = Corpus.Pruned(all);
        var raw = Corpus.Bytes(all);
        var selected = Corpus.Bytes(set);

        var (minified, unreadable, oursSeconds) = Minify(set);
        var (prunedMinified, _, prunedSeconds) = Minify(pruned);
        var (terser, terserSeconds, terserFailed) = Terser(set);
        var (prunedTerser, prunedTerserSeconds, _) = Terser(pruned);

        Console.WriteLine($"machine: {BenchHost.Machine()}; load average: {BenchHost.LoadAverage()}");
        Console.WriteLine($"corpus:  {Corpus.Packages.Length} packages, {all.Count} files; default set {set.Count} files "
            + $"({set.Count(Corpus.IsScript)} scripts); pruned {pruned.Count} files ({pruned.Count(Corpus.IsScript)} scripts); "
            + $"scripts we could not read: {unreadable}, terser failed on: {terserFailed}");
        Console.WriteLine();
        Console.WriteLine("| form | files | bytes | of raw | of default set | time |");
        Console.WriteLine("|---|---|---|---|---|---|");
        void Row(string what, int files, long bytes, double? seconds) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {files:N0} | {bytes:N0} | {(double)bytes / raw:F3} | {(double)bytes / selected:F3} | {(seconds is { } s ? $"{s:F2} s" : "")} |"));
        Row("raw (every file of the packages)", all.Count, raw, null);
        Row("default device file set", set.Count, selected, null);
        Row("default set, ipm Minifier", set.Count, minified, oursSeconds);
        Row("default set, terser -c -m", set.Count, terser, terserSeconds);
        Row("pruned (what ipm ships)", pruned.Count, Corpus.Bytes(pruned), null);
        Row("pruned, ipm Minifier (what ipm ships, minified)", pruned.Count, prunedMinified, prunedSeconds);
        Row("pruned, terser -c -m", pruned.Count, prunedTerser, prunedTerserSeconds);
        return 0;
    }

    private static (long Bytes, int Unreadable, double Seconds) Minify(List<CorpusFile> files)
    {
        long bytes = 0;
        var unreadable = 0;
        var sw = Stopwatch.StartNew();
        foreach (var f in files)
        {
            if (!Corpus.IsScript(f))
            {
                bytes += f.Bytes.Length;
                continue;
            }

            try
            {
                bytes += Minifier.Minify(f.Bytes, f.RelativePath).Code.Length;
            }
            catch (IpmException)
            {
                unreadable++;
                bytes += f.Bytes.Length;
            }
        }

        return (bytes, unreadable, sw.Elapsed.TotalSeconds);
    }

    private static (long Bytes, double Seconds, int Failed) Terser(List<CorpusFile> files)
    {
        var list = Path.GetTempFileName();
        var root = Corpus.NodeModules();
        File.WriteAllLines(list, files.Where(Corpus.IsScript).Select(f => Path.Combine(root, f.Package, f.RelativePath)));
        var json = BenchHost.Run("node", Path.Combine(BenchHost.RepoRoot(), "bench", "Bundler.Bench", "terser-size.js"),
            Path.Combine(root, "terser"), list);
        File.Delete(list);
        using var doc = JsonDocument.Parse(json);
        var bytes = doc.RootElement.GetProperty("bytes").GetInt64() + files.Where(f => !Corpus.IsScript(f)).Sum(f => (long)f.Bytes.Length);
        return (bytes, doc.RootElement.GetProperty("seconds").GetDouble(), doc.RootElement.GetProperty("failed").GetInt32());
    }
}
