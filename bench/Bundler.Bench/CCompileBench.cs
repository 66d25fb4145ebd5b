using System.Globalization;
using System.Text;
using Bundler.Core.Generation;

namespace Bundler.Bench;

/// <summary>
/// Compile time and compiler memory of the generated C (one string literal per file, from
/// <see cref="CodeGenerator"/> and templates/generic) beside a <c>{0x..}</c> byte-array emitter as IoT.js's js2c
/// writes, and beside <c>.incbin</c> (the assembler copies the files: the floor). Same files, same run, forms
/// alternated; each compiler runs under /usr/bin/time for wall time and peak RSS, medians reported.
/// </summary>
internal static class CCompileBench
{
    private static readonly (string Name, string Exe, string[] Flags)[] Compilers =
    [
        ("gcc -O2 (host)", "gcc", ["-O2"]),
        ("arm-none-eabi-gcc -Os", "arm-none-eabi-gcc", ["-Os", "-mcpu=cortex-m4", "-mthumb"]),
    ];

    /// <summary>Arguments: [runs] [MB] [work folder]: 3 runs over the first 4 MB of the corpus's default file set by default.</summary>
    public static int Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var limit = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) * 1e6 : 4e6;
        var work = args.Length > 2 ? Path.GetFullPath(args[2]) : Path.Combine(Path.GetTempPath(), "ipm-bench-c");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        // Whole files in corpus order (package, then path) until the limit: real code of many styles.
        var files = new List<CorpusFile>();
        long taken = 0;
        foreach (var f in Corpus.DefaultSet().TakeWhile(f => (taken += f.Bytes.Length) <= limit))
        {
            files.Add(f);
        }

        var bytes = Corpus.Bytes(files);
        var table = Table(files);
        var sources = new List<(string Form, string Source, string Include)>();
        var strings = Path.Combine(work, "strings");
        var written = CodeGenerator.Generate(table, Path.Combine(BenchHost.RepoRoot(), "templates", "generic"), strings);
        foreach (var c in written.Where(w => w.EndsWith(".c", StringComparison.Ordinal)))
        {
            sources.Add(("string literals (ipm)", Path.Combine(strings, c), strings));
        }

        sources.Add(("string literals, bare (best case)", BareStrings(table, Path.Combine(work, "bare")), ""));
        sources.Add(("byte arrays {0x..} (js2c)", ByteArrays(table, Path.Combine(work, "bytes")), ""));
        sources.Add((".incbin (assembler)", Incbin(table, Path.Combine(work, "incbin")), ""));

        var results = new Dictionary<(string, string), List<(double Seconds, long Kb)>>();
        for (var run = 0; run < runs; run++)
        {
            foreach (var (name, exe, flags) in Compilers)
            {
                // Rotate the order each run so no form always follows another's cache warm-up.
                for (var k = 0; k < sources.Count; k++)
                {
                    var (form, source, include) = sources[(k + run) % sources.Count];
                    var m = Compile(exe, flags, source, include, work);
                    Console.Error.WriteLine($"run {run + 1} {name} {form}: {m.Seconds:F2} s {m.Kb} KB");
                    if (!results.TryGetValue((name, form), out var list))
                    {
                        results[(name, form)] = list = [];
                    }

                    list.Add(m);
                }
            }
        }

        var mb = bytes / 1e6;
        Console.WriteLine($"machine: {BenchHost.Machine()}; load average: {BenchHost.LoadAverage()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"input:   {files.Count} files, {bytes:N0} bytes ({mb:F2} MB), the first of the default file set of the corpus ({files[0].Package} to {files[^1].Package}); {runs} runs, medians"));
        Console.WriteLine();
        Console.WriteLine("| compiler | form | wall s | s per MB | peak RSS MB | vs string literals |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, _, _) in Compilers)
        {
            var baseline = Median(results[(name, sources[0].Form)].Select(r => r.Seconds));
            foreach (var (form, _, _) in sources.DistinctBy(s => s.Form))
            {
                var t = Median(results[(name, form)].Select(r => r.Seconds));
                var rss = Median(results[(name, form)].Select(r => (double)r.Kb)) / 1024;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {form} | {t:F2} | {t / mb:F2} | {rss:F0} | {t / baseline:F2}x |"));
            }
        }

        Console.WriteLine($"load average after: {BenchHost.LoadAverage()}");
        return 0;
    }

    private static ModuleTable Table(List<CorpusFile> files)
    {
        var packages = files.Select(f => f.Package).Distinct(StringComparer.Ordinal)
            .Select(p => new ModulePackage(p, "0.0.0", "/node_modules/" + p, null)).ToList();
        var modules = files.Select(f => new ModuleFile($"/node_modules/{f.Package}/{f.RelativePath}", f.Bytes)).ToList();
        return new ModuleTable(packages, modules, "bench", "ipm bench", null);
    }

    /// <summary>The best case of string literals: one literal per file on one line, no comments, no tables.</summary>
    private static string BareStrings(ModuleTable table, string dir)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "modules_bare.c");
        using var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        for (var i = 0; i < table.Files.Count; i++)
        {
            var content = table.Files[i].Content;
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"const unsigned char file_{i}[{Math.Max(1, content.Length)}] = {CStringLiteral.Encode(content, "", int.MaxValue)};"));
        }

        return path;
    }

    /// <summary>js2c's form: every byte as <c>0x..,</c>, 16 to a line, plus a table of names and sizes.</summary>
    private static string ByteArrays(ModuleTable table, string dir)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "modules_bytes.c");
        using var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        w.WriteLine("#include <stddef.h>");
        for (var i = 0; i < table.Files.Count; i++)
        {
            var content = table.Files[i].Content;
            w.Write(string.Create(CultureInfo.InvariantCulture, $"static const unsigned char file_{i}[{Math.Max(1, content.Length)}] = {{"));
            for (var b = 0; b < content.Length; b++)
            {
                w.Write(b % 16 == 0 ? "\n" : "");
                w.Write("0x");
                w.Write(content[b].ToString("x2", CultureInfo.InvariantCulture));
                w.Write(',');
            }

            w.WriteLine(content.Length == 0 ? "0};" : "\n};");
        }

        w.WriteLine("struct file { const char *path; const unsigned char *data; size_t size; };");
        w.WriteLine("const struct file files[] = {");
        for (var i = 0; i < table.Files.Count; i++)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {{\"{table.Files[i].VirtualPath}\", file_{i}, {table.Files[i].Content.Length}}},"));
        }

        w.WriteLine("  {0, 0, 0}\n};");
        return path;
    }

    /// <summary>The best case: the assembler copies each file's bytes; no C front end at all.</summary>
    private static string Incbin(ModuleTable table, string dir)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "modules_incbin.S");
        var s = new StringBuilder(".section .rodata\n");
        for (var i = 0; i < table.Files.Count; i++)
        {
            var data = Path.Combine(dir, i.ToString(CultureInfo.InvariantCulture) + ".bin");
            File.WriteAllBytes(data, table.Files[i].Content);
            s.Append(CultureInfo.InvariantCulture, $".global file_{i}\nfile_{i}:\n.incbin \"{data}\"\nfile_{i}_end:\n");
        }

        File.WriteAllText(path, s.ToString());
        return path;
    }

    private static (double Seconds, long Kb) Compile(string exe, string[] flags, string source, string include, string work)
    {
        var timeFile = Path.Combine(work, "time.txt");
        var args = new List<string> { "-f", "%e %M", "-o", timeFile, exe };
        args.AddRange(flags);
        if (include.Length > 0)
        {
            args.Add("-I" + include);
        }

        args.AddRange(["-c", source, "-o", Path.Combine(work, "out.o")]);
        BenchHost.Run("/usr/bin/time", [.. args]);
        var parts = File.ReadAllText(timeFile).Trim().Split('\n')[^1].Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    internal static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[(v.Count / 2) - 1] + v[v.Count / 2]) / 2;
    }
}
